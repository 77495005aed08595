/**
 * THE list of the editor's commands: for each its label, its keyboard shortcut, its native menu
 * accelerator, and (in MENUS) where it sits in the menus. The native menu (src-main/services/
 * menu-template.ts), the in-page menu bar (src-renderer/panels/MenuBar.tsx), the shortcut table
 * (src-renderer/shortcuts.ts: Help dialog, key handler, README) and the IPC contract's
 * 'menu.command' enum (api.ts) are all rendered from here; what each command *does* and when it is
 * enabled is the renderer's (src-renderer/commands.ts). Pure data: no DOM, no Node.
 */

/** Where a menu entry shows: the native menu (Electron) or the in-page menu bar (browser mode). */
export type MenuSurface = 'native' | 'page';

/** What the registry says about one command. */
export interface CommandSpec {
  /** Its label in the in-page menu bar, toolbar tooltips and messages. */
  readonly label: string;
  /** The native menu's label where it differs (the native menu says "Toggle Palette" where the page shows a check mark). */
  readonly nativeLabel?: string;
  /** The keys the renderer's key handler runs it on, and what the Help dialog and README say they do. "Mod" is Ctrl (⌘ on macOS). */
  readonly shortcut?: { readonly keys: readonly string[]; readonly description: string };
  /**
   * The native menu's accelerator (Electron syntax) where it is not the shortcut's first key, or where
   * the command has no shortcut because a browser keeps the key from the page (New, Close): then the
   * native menu registers it itself.
   */
  readonly accelerator?: string | { readonly mac: string; readonly other: string };
  /** Only the page runs it (canvas commands): the native menu never sends it, so the IPC contract leaves it out. */
  readonly pageOnly?: true;
}

/**
 * Every command, in the in-page menus' order, which is also the order of the shortcut table (Help
 * dialog and README).
 */
export const COMMANDS = {
  'file.new': { label: 'New Network', nativeLabel: 'New', accelerator: 'CmdOrCtrl+N' },
  'file.newFromExample': { label: 'New from Example…' },
  'file.open': { label: 'Open…', shortcut: { keys: ['Mod+O'], description: 'Open a project' } },
  'file.importCsv': { label: 'Import CSV…' },
  'file.importJson': { label: 'Import Network JSON…' },
  'file.importWeights': { label: 'Import Weights…', nativeLabel: 'Weights (from the PyTorch export)…' },
  'file.exportOnnx': { label: 'Export ONNX Model…' },
  'file.exportPytorch': { label: 'Export PyTorch Folder…' },
  'file.exportJson': { label: 'Export Network JSON…' },
  'file.copyJson': { label: 'Copy Network as JSON' },
  'file.save': { label: 'Save', shortcut: { keys: ['Mod+S'], description: 'Save the project' } },
  'file.saveAs': { label: 'Save As…', shortcut: { keys: ['Mod+Shift+S'], description: 'Save the project under a new name' } },
  'file.close': { label: 'Close', accelerator: 'CmdOrCtrl+W' },
  'edit.undo': { label: 'Undo', shortcut: { keys: ['Mod+Z'], description: 'Undo' } },
  // Each platform's own redo key.
  'edit.redo': { label: 'Redo', shortcut: { keys: ['Mod+Shift+Z', 'Mod+Y'], description: 'Redo' }, accelerator: { mac: 'Cmd+Shift+Z', other: 'Ctrl+Y' } },
  'edit.cut': { label: 'Cut', shortcut: { keys: ['Mod+X'], description: 'Cut selected neurons' } },
  'edit.copy': { label: 'Copy', shortcut: { keys: ['Mod+C'], description: 'Copy selected neurons (and the synapses among them)' } },
  'edit.paste': { label: 'Paste', shortcut: { keys: ['Mod+V'], description: 'Paste neurons, or a whole network copied as JSON' } },
  'edit.delete': { label: 'Delete', shortcut: { keys: ['Delete', 'Backspace'], description: 'Delete selection' } },
  'edit.selectAll': { label: 'Select All', shortcut: { keys: ['Mod+A'], description: 'Select all' } },
  'edit.selectNone': { label: 'Select None', shortcut: { keys: ['Escape'], description: 'Clear selection' }, pageOnly: true },
  'edit.denseGroup': { label: 'Add Dense Group', shortcut: { keys: ['Shift+D'], description: 'Add a dense group fed by the selection' }, pageOnly: true },
  'edit.insertLayer': { label: 'Insert Layer…', shortcut: { keys: ['Shift+I'], description: 'Insert a hidden layer between the selected inputs and outputs (none selected: all)' } },
  'view.autoLayout': { label: 'Auto-Layout by Depth', nativeLabel: 'Auto-layout', shortcut: { keys: ['Shift+L'], description: 'Auto-layout by depth' } },
  'view.fitView': { label: 'Fit View', shortcut: { keys: ['Shift+F'], description: 'Fit the network into view' } },
  'view.zoomIn': { label: 'Zoom In', shortcut: { keys: ['Mod+='], description: 'Zoom in' } },
  'view.zoomOut': { label: 'Zoom Out', shortcut: { keys: ['Mod+-'], description: 'Zoom out' } },
  'view.togglePalette': { label: 'Palette', nativeLabel: 'Toggle Palette' },
  'view.toggleOverlayPanel': { label: 'Overlay Panel', nativeLabel: 'Toggle Overlay Panel' },
  'view.toggleInspector': { label: 'Inspector', nativeLabel: 'Toggle Inspector' },
  'view.toggleTrainingDock': { label: 'Training Dock', nativeLabel: 'Toggle Training Dock' },
  'view.toggleMinimap': { label: 'Minimap', nativeLabel: 'Toggle Minimap', shortcut: { keys: ['Shift+M'], description: 'Show or hide the minimap' } },
  'view.panelsBeside': { label: 'Overlay Panel Beside Inspector' },
  'view.themeSystem': { label: 'Theme: System' },
  'view.themeLight': { label: 'Theme: Light' },
  'view.themeDark': { label: 'Theme: Dark' },
  'view.overlayOff': { label: 'Overlay Off', shortcut: { keys: ['0'], description: 'Overlay off' } },
  'view.overlayWeights': { label: 'Overlay: Weights', shortcut: { keys: ['1'], description: 'Overlay: weights (sign and size of w)' } },
  'view.overlayContributions': { label: 'Overlay: Contributions for a Sample', shortcut: { keys: ['2'], description: 'Overlay: contributions c = w·o for the chosen sample' } },
  'view.overlayDataset': { label: 'Overlay: Dataset', shortcut: { keys: ['3'], description: 'Overlay: contributions across the dataset' } },
  'view.previousSample': { label: 'Previous Sample', shortcut: { keys: ['['], description: 'Previous dataset row as the sample' } },
  'view.nextSample': { label: 'Next Sample', shortcut: { keys: [']'], description: 'Next dataset row as the sample' } },
  'view.data': { label: 'Data…' },
  'train.start': { label: 'Train', shortcut: { keys: ['F5'], description: 'Train (a new run on the chosen dataset)' } },
  'train.pauseResume': { label: 'Pause / Resume', shortcut: { keys: ['F8'], description: 'Pause or resume training' } },
  'train.stop': { label: 'Stop Training', nativeLabel: 'Stop', shortcut: { keys: ['Shift+F5'], description: 'Stop training' } },
  'train.stepBatch': { label: 'Step One Batch', shortcut: { keys: ['F10'], description: 'Train one batch (pauses first; from idle, starts a paused run)' } },
  'train.stepEpoch': { label: 'Step One Epoch', shortcut: { keys: ['Shift+F10'], description: 'Train one epoch (pauses first; from idle, starts a paused run)' } },
  'train.resetWeights': { label: 'Reset Weights' },
  // "?" is no accelerator a native menu can show.
  'help.shortcuts': { label: 'Keyboard Shortcuts', shortcut: { keys: ['?', 'F1'], description: 'Keyboard shortcuts' }, accelerator: 'F1' },
  'help.negativeOutput': { label: 'What Does a Negative Output Do?' },
  'help.about': { label: 'About Neurite' },
} as const satisfies Record<string, CommandSpec>;

/** A command's id ("file.save"). */
export type CommandId = keyof typeof COMMANDS;

/** A command the native menu can send to the renderer (every command but the page-only ones). */
export type MenuCommand = { [K in CommandId]: (typeof COMMANDS)[K] extends { pageOnly: true } ? never : K }[CommandId];

/** The registry, looked up by any id (the literal COMMANDS keeps its exact types for MenuCommand). */
const SPECS: Readonly<Record<CommandId, CommandSpec>> = COMMANDS;

/** Every command id, in registry order. */
export const COMMAND_IDS: readonly CommandId[] = Object.keys(COMMANDS) as CommandId[];

/** The ids 'menu.command' may carry (api.ts builds its zod enum from them). */
export const MENU_COMMANDS: readonly MenuCommand[] = COMMAND_IDS.filter((id) => isMenuCommand(id));

/** What the registry says about a command. */
export function commandSpec(id: CommandId): CommandSpec {
  return SPECS[id];
}

/** The native menu's accelerator for a command, if it shows one, and whether the native menu registers it (else the renderer's key handler runs the key). */
export function nativeAccelerator(id: CommandId, isMac: boolean): { accelerator: string; registered: boolean } | null {
  const { accelerator, shortcut } = SPECS[id];
  const registered = !shortcut;
  if (typeof accelerator === 'string') return { accelerator, registered };
  if (accelerator) return { accelerator: isMac ? accelerator.mac : accelerator.other, registered };
  return shortcut ? { accelerator: shortcut.keys[0].replace('Mod+', 'CmdOrCtrl+'), registered } : null;
}

/** One entry of a menu's layout, before it is rendered for a surface. */
type LayoutEntry =
  | CommandId
  /** A separator on both surfaces ('-'), or on one only. */
  | '-'
  | { readonly separator: MenuSurface }
  /** A command on one surface only (the native menu and the page order a few differently). */
  | { readonly id: CommandId; readonly only: MenuSurface }
  /** A submenu; the page lists `flatOnPage` ones in place under their full labels. */
  | { readonly submenu: string; readonly items: readonly CommandId[]; readonly flatOnPage?: true }
  /** File › Open Recent, filled in from the recent projects list. */
  | 'recent';

const page = (id: CommandId) => ({ id, only: 'page' }) as const;
const native = (id: CommandId) => ({ id, only: 'native' }) as const;

/**
 * Where each command sits in the menus. Both surfaces render this one layout; the few places where
 * the native menu and the page differ (entries and separators marked for one surface) are kept as
 * they have always been. Doubled, leading and trailing separators are dropped after filtering.
 */
const MENUS: readonly { readonly title: string; readonly entries: readonly LayoutEntry[] }[] = [
  {
    title: 'File',
    entries: [
      'file.new',
      'file.newFromExample',
      'file.open',
      'recent',
      '-',
      'file.importCsv',
      { submenu: 'Import', items: ['file.importJson', 'file.importWeights'], flatOnPage: true },
      { separator: 'page' },
      { submenu: 'Export', items: ['file.exportOnnx', 'file.exportPytorch', 'file.exportJson', 'file.copyJson'], flatOnPage: true },
      '-',
      'file.save',
      'file.saveAs',
      '-',
      'file.close',
    ],
  },
  {
    title: 'Edit',
    entries: ['edit.undo', 'edit.redo', '-', 'edit.cut', 'edit.copy', 'edit.paste', 'edit.delete', '-', 'edit.selectAll', 'edit.selectNone', '-', 'edit.denseGroup', 'edit.insertLayer'],
  },
  {
    title: 'View',
    entries: [
      page('view.autoLayout'),
      'view.fitView',
      native('view.autoLayout'),
      '-',
      'view.zoomIn',
      'view.zoomOut',
      '-',
      // The native menu gives the minimap a group of its own; the page lists it with the other panels.
      native('view.toggleMinimap'),
      '-',
      'view.togglePalette',
      page('view.toggleOverlayPanel'),
      'view.toggleInspector',
      native('view.toggleOverlayPanel'),
      'view.toggleTrainingDock',
      page('view.toggleMinimap'),
      'view.panelsBeside',
      { submenu: 'Theme', items: ['view.themeSystem', 'view.themeLight', 'view.themeDark'] },
      '-',
      'view.overlayOff',
      'view.overlayWeights',
      'view.overlayContributions',
      'view.overlayDataset',
      'view.previousSample',
      'view.nextSample',
      '-',
      'view.data',
    ],
  },
  {
    title: 'Training',
    entries: ['train.start', 'train.pauseResume', 'train.stop', '-', 'train.stepBatch', 'train.stepEpoch', '-', 'train.resetWeights'],
  },
  { title: 'Help', entries: ['help.shortcuts', 'help.negativeOutput', { separator: 'page' }, 'help.about'] },
];

/** A command as a menu shows it (the native menu's ids are MenuCommands). */
export interface MenuCommandItem<Id extends CommandId = CommandId> {
  readonly kind: 'command';
  readonly id: Id;
  readonly label: string;
}

/** One row of a rendered menu. */
export type MenuItem<Id extends CommandId = CommandId> =
  | MenuCommandItem<Id>
  | { readonly kind: 'separator' }
  | { readonly kind: 'submenu'; readonly title: string; readonly items: readonly MenuCommandItem<Id>[] }
  | { readonly kind: 'recent' };

/** A top-level menu (File, Edit, …) as a surface shows it. */
export interface Menu<Id extends CommandId = CommandId> {
  readonly title: string;
  readonly items: readonly MenuItem<Id>[];
}

/** The Open Recent submenu's title, and its one disabled row when there is nothing recent. */
export const RECENT_LABELS = { title: 'Open Recent', empty: 'No recent projects' } as const;

/** A command's label on a surface; inside a submenu it drops the submenu's name ("Theme: Dark" under Theme is "Dark"). */
export function commandLabel(id: CommandId, surface: MenuSurface, submenu?: string): string {
  const spec = SPECS[id];
  if (surface === 'native' && spec.nativeLabel) return spec.nativeLabel;
  if (!submenu) return spec.label;
  for (const prefix of [`${submenu}: `, `${submenu} `]) if (spec.label.startsWith(prefix)) return spec.label.slice(prefix.length);
  return spec.label;
}

/** Drops leading, trailing and doubled separators. */
function tidy(items: readonly MenuItem[]): MenuItem[] {
  const out: MenuItem[] = [];
  for (const item of items) if (item.kind !== 'separator' || (out.length && out.at(-1)!.kind !== 'separator')) out.push(item);
  if (out.at(-1)?.kind === 'separator') out.pop();
  return out;
}

/** Whether the native menu can send this command. */
export function isMenuCommand(id: CommandId): id is MenuCommand {
  return !SPECS[id].pageOnly;
}

/** The menus as one surface shows them: its entries only, labels resolved. */
export function menusFor(surface: 'native'): Menu<MenuCommand>[];
export function menusFor(surface: MenuSurface): Menu[];
export function menusFor(surface: MenuSurface): Menu[] {
  const shows = (id: CommandId) => surface === 'page' || isMenuCommand(id);
  const command = (id: CommandId, submenu?: string): MenuCommandItem => ({ kind: 'command', id, label: commandLabel(id, surface, submenu) });
  return MENUS.map(({ title, entries }) => {
    const items: MenuItem[] = entries.flatMap((e): MenuItem[] => {
      if (e === '-') return [{ kind: 'separator' }];
      if (e === 'recent') return [{ kind: 'recent' }];
      if (typeof e === 'string') return shows(e) ? [command(e)] : [];
      if ('separator' in e) return e.separator === surface ? [{ kind: 'separator' }] : [];
      if ('only' in e) return e.only === surface && shows(e.id) ? [command(e.id)] : [];
      const ids = e.items.filter(shows);
      if (surface === 'page' && e.flatOnPage) return ids.map((id) => command(id));
      return ids.length ? [{ kind: 'submenu', title: e.submenu, items: ids.map((id) => command(id, e.submenu)) }] : [];
    });
    return { title, items: tidy(items) };
  });
}
