/**
 * What the editor's commands do: every command id of the registry (src-shared/commands.ts: labels,
 * shortcuts, menus) mapped to its action, its enabled rule and its check mark in one table. The
 * native menu (via the 'menu.command' event), the in-page menu bar, the toolbar and keyboard
 * shortcuts all run them through runCommand.
 */
import { COMMAND_IDS, commandSpec, type CommandId } from '../src-shared/commands';
import { currentRowPitch } from './canvas/use-room';
import { useEditorStore } from './state/editor-store';
import { addDenseGroup, deleteElements, autoLayout, extractSubnetwork, networkFromText, networkToText, pasteNetwork } from './state/network-edits';
import { useUiStore } from './state/ui-store';
import { pickCsv, useDataStore } from './data/data-actions';
import { copyNetworkJson, importNetworkJson, importWeights, startExport } from './export/export-actions';
import { useOverlayStore } from './overlay/overlay-store';
import { stepSample } from './overlay/sample-rows';
import { pauseOrResume, resetWeights, startTraining, stepTraining, stopTraining } from './training/training-actions';
import { useTrainingStore } from './state/training-store';
import { closeProject, newProject, openProject, saveProject, saveProjectAs } from './project/project-actions';
import { pasteOffset } from './canvas/paste-position';
import { openWalkthrough } from './walkthrough/walkthrough-actions';

export type { CommandId };

/** What commands need from the mounted canvas (set by it; null before it mounts). */
export interface ViewController {
  fitView(): void;
  zoomIn(): void;
  zoomOut(): void;
  /** The flow coordinates at the centre of the visible canvas. */
  center(): { x: number; y: number };
  /** The pointer in flow coordinates while it is over the canvas, else null. */
  pointer(): { x: number; y: number } | null;
}

let viewController: ViewController | null = null;

/** Called by the canvas when it mounts (and with null when it unmounts). */
export function setViewController(v: ViewController | null): void {
  viewController = v;
}

/** The flow coordinates at the centre of the visible canvas (origin before the canvas mounts). */
export function getViewCenter(): { x: number; y: number } {
  return viewController?.center() ?? { x: 0, y: 0 };
}

/** Fits the network into view once React Flow has the latest positions (after an edit that grew it). */
export function fitViewSoon(): void {
  setTimeout(() => viewController?.fitView(), 30);
}

/** Menu labels of the commands (the registry's). */
export const COMMAND_LABELS = Object.fromEntries(COMMAND_IDS.map((id) => [id, commandSpec(id).label])) as Record<CommandId, string>;

/** How many times the current clipboard was pasted, to offset each paste a bit further. */
let pasteCount = 0;

/** Copies the selected neurons (and the synapses among them); returns the text, or null when nothing is selected. */
export function copySelection(): string | null {
  const s = useEditorStore.getState();
  if (!s.selection.neurons.length) {
    useUiStore.getState().toast('Select one or more neurons to copy.');
    return null;
  }
  const text = networkToText(extractSubnetwork(s.network, s.selection.neurons));
  s.setClipboard(text);
  pasteCount = 0;
  // Best effort: the in-memory clipboard keeps paste working where permission is refused.
  globalThis.navigator?.clipboard?.writeText(text).catch(() => undefined);
  return text;
}

/** Pastes a network document given as text (our own copy, or a whole network from another project). */
export function pasteText(text: string | null): boolean {
  const s = useEditorStore.getState();
  const doc = text ? networkFromText(text) : null;
  if (!doc) {
    useUiStore.getState().toast(text ? 'The clipboard does not hold a Neurite network.' : 'Nothing to paste yet: copy some neurons first.', 'error');
    return false;
  }
  if (!doc.neurons.length) return false;
  const own = text === s.clipboard;
  if (own) pasteCount += 1;
  const offset = pasteOffset({
    pasted: doc.neurons.map((n) => n.position),
    existing: s.network.neurons.map((n) => n.position),
    pointer: viewController?.pointer() ?? null,
    center: viewController?.center() ?? { x: 0, y: 0 },
    ownCopy: own,
    count: own ? pasteCount - 1 : 0,
  });
  let result: ReturnType<typeof pasteNetwork> | null = null;
  s.commit((net) => {
    result = pasteNetwork(net, doc, offset);
    return result.network;
  });
  const r = result as ReturnType<typeof pasteNetwork> | null;
  // Select the pasted neurons only: thousands of selected synapses would each show a weight label.
  if (r) useEditorStore.getState().select({ neurons: r.ids });
  return true;
}

/** Paste from the menu or toolbar: the system clipboard if readable, else the in-memory one. */
async function pasteFromClipboard(): Promise<void> {
  const mem = useEditorStore.getState().clipboard;
  let text: string | null = null;
  try {
    text = (await globalThis.navigator?.clipboard?.readText()) ?? null;
  } catch {
    text = null;
  }
  pasteText(text && networkFromText(text) ? text : mem);
}

/** Adds a dense group of the configured size fed by the selected neurons, and selects it. */
export function addDenseGroupFromSelection(at?: { x: number; y: number }): void {
  const s = useEditorStore.getState();
  const count = useUiStore.getState().denseCount;
  let ids: string[] = [];
  const sources = s.selection.neurons;
  s.commit((net) => {
    const r = addDenseGroup(net, sources, count, at ?? (sources.length ? undefined : viewController?.center()));
    ids = r.ids;
    return r.network;
  }, undefined);
  useEditorStore.getState().select({ neurons: ids });
  if (!sources.length) useUiStore.getState().toast(`Added ${ids.length} hidden neurons. Select neurons first to wire a group from them.`);
}

/** What a command does, and when. */
interface CommandBehaviour {
  /** Runs it; a promise is awaited, its value ignored. */
  run(): unknown;
  /** Whether it can run now (menus grey it out otherwise); always, when absent. */
  enabled?(): boolean;
  /** Why it cannot run now, for the commands that say so (a disabled Train names what is missing). */
  disabledReason?(): string | null;
  /** Whether its menu item shows a check mark on; no check mark at all when absent. */
  checked?(): boolean;
}

const editor = () => useEditorStore.getState();
const ui = () => useUiStore.getState();
const training = () => useTrainingStore.getState();
const hasSelection = () => editor().selection.neurons.length + editor().selection.synapses.length > 0;
const deleteSelection = () => {
  const s = editor();
  s.commit((net) => deleteElements(net, s.selection.neurons, s.selection.synapses), { neurons: [], synapses: [] });
};
const isLive = () => training().live !== null;
// From idle a step starts a paused run.
const canStep = () => isLive() || training().datasetId !== null;

function trainDisabledReason(): string | null {
  const t = training();
  if (t.live) return 'A run is already training.';
  if (!t.datasets.length) return 'No dataset to train on: use File › Import CSV… or File › New from Example….';
  if (!editor().network.neurons.length) return 'The network is empty: add input and output neurons first.';
  return null;
}

/** Every command's behaviour; a command missing here, or one the registry lacks, is a type error. */
const BEHAVIOUR = {
  'file.new': { run: newProject },
  'file.newFromExample': { run: () => useDataStore.setState({ dialog: { kind: 'examples' } }) },
  'file.open': { run: () => openProject() },
  'file.importCsv': { run: pickCsv },
  'file.importJson': { run: importNetworkJson },
  'file.importWeights': { run: importWeights },
  'file.exportOnnx': { run: () => startExport('onnx') },
  'file.exportPytorch': { run: () => startExport('pytorch') },
  'file.exportJson': { run: () => startExport('json') },
  'file.copyJson': { run: copyNetworkJson },
  'file.save': { run: saveProject },
  'file.saveAs': { run: saveProjectAs },
  'file.close': { run: closeProject },
  'edit.undo': { run: () => editor().undo(), enabled: () => editor().past.length > 0 },
  'edit.redo': { run: () => editor().redo(), enabled: () => editor().future.length > 0 },
  'edit.cut': {
    run: () => {
      if (copySelection() !== null) deleteSelection();
    },
    enabled: () => editor().selection.neurons.length > 0,
  },
  'edit.copy': { run: () => void copySelection(), enabled: () => editor().selection.neurons.length > 0 },
  'edit.paste': { run: pasteFromClipboard },
  'edit.delete': { run: deleteSelection, enabled: hasSelection },
  'edit.selectAll': { run: () => editor().selectAll(), enabled: () => editor().network.neurons.length > 0 },
  'edit.selectNone': { run: () => editor().select({ neurons: [], synapses: [] }), enabled: hasSelection },
  'edit.denseGroup': { run: () => addDenseGroupFromSelection() },
  'edit.insertLayer': {
    run: () => ui().openDialog('insertLayer'),
    enabled: () => {
      const s = editor();
      return !s.lock && s.network.neurons.some((n) => n.role === 'input') && s.network.neurons.some((n) => n.role === 'output');
    },
  },
  'view.autoLayout': {
    run: () => {
      // Fit after React Flow has the new positions.
      if (editor().commit((net) => autoLayout(net, currentRowPitch()))) setTimeout(() => viewController?.fitView(), 30);
      else viewController?.fitView();
    },
    enabled: () => editor().network.neurons.length > 0,
  },
  'view.fitView': { run: () => viewController?.fitView() },
  'view.zoomIn': { run: () => viewController?.zoomIn() },
  'view.zoomOut': { run: () => viewController?.zoomOut() },
  'view.togglePalette': { run: () => ui().togglePanel('palette'), checked: () => ui().paletteOpen },
  'view.toggleOverlayPanel': {
    run: () => {
      // Showing the overlay panel while no overlay is on shows the Weights overlay, so the panel has something to say.
      if (!ui().overlayPanelOpen && useOverlayStore.getState().mode === 'off') useOverlayStore.getState().setMode('weights');
      ui().togglePanel('overlayPanel');
    },
    checked: () => ui().overlayPanelOpen,
  },
  'view.toggleInspector': { run: () => ui().togglePanel('inspector'), checked: () => ui().inspectorOpen },
  'view.toggleTrainingDock': { run: () => useTrainingStore.setState({ open: !training().open }), checked: () => training().open },
  'view.toggleMinimap': { run: () => ui().toggleMinimap(), checked: () => ui().minimap },
  'view.panelsBeside': { run: () => ui().setPanelsBeside(!ui().panelsBeside), checked: () => ui().panelsBeside },
  'view.themeSystem': { run: () => ui().setTheme('system'), checked: () => ui().theme === 'system' },
  'view.themeLight': { run: () => ui().setTheme('light'), checked: () => ui().theme === 'light' },
  'view.themeDark': { run: () => ui().setTheme('dark'), checked: () => ui().theme === 'dark' },
  'view.overlayOff': { run: () => useOverlayStore.getState().setMode('off') },
  'view.overlayWeights': { run: () => useOverlayStore.getState().setMode('weights') },
  'view.overlayContributions': { run: () => useOverlayStore.getState().setMode('contributions') },
  'view.overlayDataset': { run: () => useOverlayStore.getState().setMode('dataset') },
  'view.previousSample': { run: () => stepSample(-1) },
  'view.nextSample': { run: () => stepSample(1) },
  'view.data': { run: () => useDataStore.setState({ dialog: { kind: 'view' } }) },
  'train.start': { run: startTraining, enabled: () => trainDisabledReason() === null, disabledReason: trainDisabledReason },
  'train.pauseResume': { run: pauseOrResume, enabled: isLive },
  'train.stop': { run: stopTraining, enabled: isLive },
  'train.stepBatch': { run: () => stepTraining('batch'), enabled: canStep },
  'train.stepEpoch': { run: () => stepTraining('epoch'), enabled: canStep },
  'train.resetWeights': { run: resetWeights, enabled: () => !training().live },
  'help.shortcuts': { run: () => ui().openDialog('shortcuts') },
  'help.negativeOutput': { run: openWalkthrough },
  'help.about': { run: () => ui().openDialog('about') },
} satisfies Record<CommandId, CommandBehaviour>;

const behaviour = (id: CommandId): CommandBehaviour => BEHAVIOUR[id];

/** Why a command cannot run now, for the commands that say so (a disabled Train names what is missing). */
export function commandDisabledReason(id: CommandId): string | null {
  return behaviour(id).disabledReason?.() ?? null;
}

/** Whether a menu item shows a check mark, and whether it is on. */
export function commandChecked(id: CommandId): boolean | undefined {
  return behaviour(id).checked?.();
}

/** Whether a command can run now (menus grey out the others). */
export function commandEnabled(id: CommandId): boolean {
  return behaviour(id).enabled?.() ?? true;
}

/** Runs a command; disabled commands do nothing. */
export async function runCommand(id: CommandId): Promise<void> {
  if (!commandEnabled(id)) {
    // A key press on a disabled command says why, where there is a reason worth telling.
    const reason = commandDisabledReason(id);
    if (reason) useUiStore.getState().toast(reason, 'error');
    return;
  }
  await behaviour(id).run();
}
