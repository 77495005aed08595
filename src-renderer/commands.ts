/**
 * The editor's commands in one place: the native menu (via the 'menu.command' event), the
 * in-page menu bar, the toolbar and keyboard shortcuts all run them through runCommand.
 */
import type { MenuCommand } from '../src-shared/api';
import { currentRowPitch } from './canvas/use-room';
import { useEditorStore } from './state/editor-store';
import { addDenseGroup, deleteElements, autoLayout, extractSubnetwork, networkFromText, networkToText, pasteNetwork } from './state/network-edits';
import { useUiStore } from './state/ui-store';
import { pickCsv, useDataStore } from './data/data-actions';
import { copyNetworkJson, importNetworkJson, importWeights, startExport } from './export/export-actions';
import { stepSample, useOverlayStore } from './overlay/overlay-store';
import { pauseOrResume, resetWeights, startTraining, stepTraining, stopTraining } from './training/training-actions';
import { useTrainingStore } from './state/training-store';
import { closeProject, newProject, openProject, saveProject, saveProjectAs } from './project/project-actions';
import { pasteOffset } from './canvas/paste-position';
import { openWalkthrough } from './walkthrough/walkthrough-actions';

/** Every command: the menu's plus a few the canvas adds. */
export type CommandId = MenuCommand | 'edit.selectNone' | 'edit.denseGroup';

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

/** Menu labels of the commands. */
export const COMMAND_LABELS: Record<CommandId, string> = {
  'file.new': 'New Network',
  'file.open': 'Open…',
  'file.save': 'Save',
  'file.saveAs': 'Save As…',
  'file.close': 'Close',
  'file.importCsv': 'Import CSV…',
  'file.newFromExample': 'New from Example…',
  'file.exportOnnx': 'Export ONNX Model…',
  'file.exportPytorch': 'Export PyTorch Folder…',
  'file.exportJson': 'Export Network JSON…',
  'file.copyJson': 'Copy Network as JSON',
  'file.importJson': 'Import Network JSON…',
  'file.importWeights': 'Import Weights…',
  'view.data': 'Data…',
  'view.overlayOff': 'Overlay Off',
  'view.overlayWeights': 'Overlay: Weights',
  'view.overlayContributions': 'Overlay: Contributions for a Sample',
  'view.overlayDataset': 'Overlay: Dataset',
  'view.previousSample': 'Previous Sample',
  'view.nextSample': 'Next Sample',
  'train.start': 'Train',
  'train.pauseResume': 'Pause / Resume',
  'train.stop': 'Stop Training',
  'train.stepBatch': 'Step One Batch',
  'train.stepEpoch': 'Step One Epoch',
  'train.resetWeights': 'Reset Weights',
  'edit.undo': 'Undo',
  'edit.redo': 'Redo',
  'edit.cut': 'Cut',
  'edit.copy': 'Copy',
  'edit.paste': 'Paste',
  'edit.delete': 'Delete',
  'edit.selectAll': 'Select All',
  'edit.selectNone': 'Select None',
  'edit.denseGroup': 'Add Dense Group',
  'edit.insertLayer': 'Insert Layer…',
  'view.fitView': 'Fit View',
  'view.autoLayout': 'Auto-Layout by Depth',
  'view.zoomIn': 'Zoom In',
  'view.zoomOut': 'Zoom Out',
  'view.toggleMinimap': 'Minimap',
  'view.togglePalette': 'Palette',
  'view.toggleInspector': 'Inspector',
  'view.toggleOverlayPanel': 'Overlay Panel',
  'view.toggleTrainingDock': 'Training Dock',
  'view.panelsBeside': 'Overlay Panel Beside Inspector',
  'view.themeSystem': 'Theme: System',
  'view.themeLight': 'Theme: Light',
  'view.themeDark': 'Theme: Dark',
  'help.shortcuts': 'Keyboard Shortcuts',
  'help.negativeOutput': 'What Does a Negative Output Do?',
  'help.about': 'About Neurite',
};

/** Why a command cannot run now, for the commands that say so (a disabled Train names what is missing). */
export function commandDisabledReason(id: CommandId): string | null {
  if (id === 'train.start') {
    const t = useTrainingStore.getState();
    if (t.live) return 'A run is already training.';
    if (!t.datasets.length) return 'No dataset to train on: use File › Import CSV… or File › New from Example….';
    if (!useEditorStore.getState().network.neurons.length) return 'The network is empty: add input and output neurons first.';
  }
  return null;
}

/** Whether a menu item shows a check mark, and whether it is on. */
export function commandChecked(id: CommandId): boolean | undefined {
  const ui = useUiStore.getState();
  switch (id) {
    case 'view.togglePalette':
      return ui.paletteOpen;
    case 'view.toggleInspector':
      return ui.inspectorOpen;
    case 'view.toggleOverlayPanel':
      return ui.overlayPanelOpen;
    case 'view.toggleTrainingDock':
      return useTrainingStore.getState().open;
    case 'view.toggleMinimap':
      return ui.minimap;
    case 'view.panelsBeside':
      return ui.panelsBeside;
    case 'view.themeSystem':
      return ui.theme === 'system';
    case 'view.themeLight':
      return ui.theme === 'light';
    case 'view.themeDark':
      return ui.theme === 'dark';
    default:
      return undefined;
  }
}

/** Whether a command can run now (menus grey out the others). */
export function commandEnabled(id: CommandId): boolean {
  const s = useEditorStore.getState();
  switch (id) {
    case 'edit.undo':
      return s.past.length > 0;
    case 'edit.redo':
      return s.future.length > 0;
    case 'edit.cut':
    case 'edit.copy':
      return s.selection.neurons.length > 0;
    case 'edit.delete':
    case 'edit.selectNone':
      return s.selection.neurons.length + s.selection.synapses.length > 0;
    case 'edit.selectAll':
    case 'view.autoLayout':
      return s.network.neurons.length > 0;
    case 'edit.insertLayer':
      return !s.lock && s.network.neurons.some((n) => n.role === 'input') && s.network.neurons.some((n) => n.role === 'output');
    case 'train.start':
      return commandDisabledReason(id) === null;
    case 'train.resetWeights':
      return !useTrainingStore.getState().live;
    case 'train.pauseResume':
    case 'train.stop':
      return useTrainingStore.getState().live !== null;
    case 'train.stepBatch':
    case 'train.stepEpoch':
      // From idle a step starts a paused run.
      return useTrainingStore.getState().live !== null || useTrainingStore.getState().datasetId !== null;
    default:
      return true;
  }
}

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

/** Runs a command; disabled commands do nothing. */
export async function runCommand(id: CommandId): Promise<void> {
  if (!commandEnabled(id)) {
    // A key press on a disabled command says why, where there is a reason worth telling.
    const reason = commandDisabledReason(id);
    if (reason) useUiStore.getState().toast(reason, 'error');
    return;
  }
  const s = useEditorStore.getState();
  const ui = useUiStore.getState();
  switch (id) {
    case 'file.new':
      await newProject();
      return;
    case 'file.open':
      await openProject();
      return;
    case 'file.save':
      await saveProject();
      return;
    case 'file.saveAs':
      await saveProjectAs();
      return;
    case 'file.close':
      await closeProject();
      return;
    case 'file.importCsv':
      await pickCsv();
      return;
    case 'file.newFromExample':
      useDataStore.setState({ dialog: { kind: 'examples' } });
      return;
    case 'view.data':
      useDataStore.setState({ dialog: { kind: 'view' } });
      return;
    case 'edit.undo':
      s.undo();
      return;
    case 'edit.redo':
      s.redo();
      return;
    case 'edit.copy':
      copySelection();
      return;
    case 'edit.cut':
      if (copySelection() !== null) s.commit((net) => deleteElements(net, s.selection.neurons, s.selection.synapses), { neurons: [], synapses: [] });
      return;
    case 'edit.paste':
      await pasteFromClipboard();
      return;
    case 'edit.delete':
      s.commit((net) => deleteElements(net, s.selection.neurons, s.selection.synapses), { neurons: [], synapses: [] });
      return;
    case 'edit.selectAll':
      s.selectAll();
      return;
    case 'edit.selectNone':
      s.select({ neurons: [], synapses: [] });
      return;
    case 'edit.denseGroup':
      addDenseGroupFromSelection();
      return;
    case 'edit.insertLayer':
      ui.openDialog('insertLayer');
      return;
    case 'view.autoLayout':
      // Fit after React Flow has the new positions.
      if (s.commit((net) => autoLayout(net, currentRowPitch()))) setTimeout(() => viewController?.fitView(), 30);
      else viewController?.fitView();
      return;
    case 'view.fitView':
      viewController?.fitView();
      return;
    case 'view.zoomIn':
      viewController?.zoomIn();
      return;
    case 'view.zoomOut':
      viewController?.zoomOut();
      return;
    case 'view.toggleMinimap':
      ui.toggleMinimap();
      return;
    case 'view.togglePalette':
      ui.togglePanel('palette');
      return;
    case 'view.toggleInspector':
      ui.togglePanel('inspector');
      return;
    case 'view.toggleOverlayPanel':
      // Showing the overlay panel while no overlay is on shows the Weights overlay, so the panel has something to say.
      if (!ui.overlayPanelOpen && useOverlayStore.getState().mode === 'off') useOverlayStore.getState().setMode('weights');
      ui.togglePanel('overlayPanel');
      return;
    case 'view.toggleTrainingDock':
      useTrainingStore.setState({ open: !useTrainingStore.getState().open });
      return;
    case 'view.panelsBeside':
      ui.setPanelsBeside(!ui.panelsBeside);
      return;
    case 'view.themeSystem':
      ui.setTheme('system');
      return;
    case 'view.themeLight':
      ui.setTheme('light');
      return;
    case 'view.themeDark':
      ui.setTheme('dark');
      return;
    case 'file.exportOnnx':
      await startExport('onnx');
      return;
    case 'file.exportPytorch':
      await startExport('pytorch');
      return;
    case 'file.exportJson':
      await startExport('json');
      return;
    case 'file.copyJson':
      await copyNetworkJson();
      return;
    case 'file.importJson':
      importNetworkJson();
      return;
    case 'file.importWeights':
      importWeights();
      return;
    case 'view.overlayOff':
      useOverlayStore.getState().setMode('off');
      return;
    case 'view.overlayWeights':
      useOverlayStore.getState().setMode('weights');
      return;
    case 'view.overlayContributions':
      useOverlayStore.getState().setMode('contributions');
      return;
    case 'view.overlayDataset':
      useOverlayStore.getState().setMode('dataset');
      return;
    case 'view.previousSample':
    case 'view.nextSample':
      stepSample(id === 'view.nextSample' ? 1 : -1);
      return;
    case 'train.start':
      await startTraining();
      return;
    case 'train.pauseResume':
      await pauseOrResume();
      return;
    case 'train.stop':
      await stopTraining();
      return;
    case 'train.stepBatch':
      await stepTraining('batch');
      return;
    case 'train.stepEpoch':
      await stepTraining('epoch');
      return;
    case 'train.resetWeights':
      await resetWeights();
      return;
    case 'help.shortcuts':
      ui.openDialog('shortcuts');
      return;
    case 'help.negativeOutput':
      await openWalkthrough();
      return;
    case 'help.about':
      ui.openDialog('about');
      return;
    default:
      return;
  }
}
