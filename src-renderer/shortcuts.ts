/**
 * Every keyboard shortcut of the editor, as one table: the Help dialog lists it, the key handler
 * matches against it, and the README can copy it. "Mod" is Ctrl (⌘ on macOS).
 */
import type { CommandId } from './commands';

/** One shortcut: the command it runs and the key combinations that trigger it. */
export interface Shortcut {
  command: CommandId;
  keys: string[];
  description: string;
}

/** The shortcut table, in the order the Help dialog shows it. */
export const SHORTCUTS: Shortcut[] = [
  { command: 'file.open', keys: ['Mod+O'], description: 'Open a project' },
  { command: 'file.save', keys: ['Mod+S'], description: 'Save the project' },
  { command: 'file.saveAs', keys: ['Mod+Shift+S'], description: 'Save the project under a new name' },
  { command: 'edit.undo', keys: ['Mod+Z'], description: 'Undo' },
  { command: 'edit.redo', keys: ['Mod+Shift+Z', 'Mod+Y'], description: 'Redo' },
  { command: 'edit.cut', keys: ['Mod+X'], description: 'Cut selected neurons' },
  { command: 'edit.copy', keys: ['Mod+C'], description: 'Copy selected neurons (and the synapses among them)' },
  { command: 'edit.paste', keys: ['Mod+V'], description: 'Paste neurons, or a whole network copied as JSON' },
  { command: 'edit.delete', keys: ['Delete', 'Backspace'], description: 'Delete selection' },
  { command: 'edit.selectAll', keys: ['Mod+A'], description: 'Select all' },
  { command: 'edit.selectNone', keys: ['Escape'], description: 'Clear selection' },
  { command: 'edit.denseGroup', keys: ['Shift+D'], description: 'Add a dense group fed by the selection' },
  { command: 'edit.insertLayer', keys: ['Shift+I'], description: 'Insert a hidden layer between the selected inputs and outputs (none selected: all)' },
  { command: 'view.autoLayout', keys: ['Shift+L'], description: 'Auto-layout by depth' },
  { command: 'view.fitView', keys: ['Shift+F'], description: 'Fit the network into view' },
  { command: 'view.zoomIn', keys: ['Mod+='], description: 'Zoom in' },
  { command: 'view.zoomOut', keys: ['Mod+-'], description: 'Zoom out' },
  { command: 'view.toggleMinimap', keys: ['Shift+M'], description: 'Show or hide the minimap' },
  { command: 'view.overlayOff', keys: ['0'], description: 'Overlay off' },
  { command: 'view.overlayWeights', keys: ['1'], description: 'Overlay: weights (sign and size of w)' },
  { command: 'view.overlayContributions', keys: ['2'], description: 'Overlay: contributions c = w·o for the chosen sample' },
  { command: 'view.overlayDataset', keys: ['3'], description: 'Overlay: contributions across the dataset' },
  { command: 'view.previousSample', keys: ['['], description: 'Previous dataset row as the sample' },
  { command: 'view.nextSample', keys: [']'], description: 'Next dataset row as the sample' },
  { command: 'train.start', keys: ['F5'], description: 'Train (a new run on the chosen dataset)' },
  { command: 'train.pauseResume', keys: ['F8'], description: 'Pause or resume training' },
  { command: 'train.stop', keys: ['Shift+F5'], description: 'Stop training' },
  { command: 'train.stepBatch', keys: ['F10'], description: 'Train one batch (pauses first; from idle, starts a paused run)' },
  { command: 'train.stepEpoch', keys: ['Shift+F10'], description: 'Train one epoch (pauses first; from idle, starts a paused run)' },
  { command: 'help.shortcuts', keys: ['?', 'F1'], description: 'Keyboard shortcuts' },
];

/** Mouse gestures on the canvas, listed with the shortcuts. */
export const GESTURES: { gesture: string; description: string }[] = [
  { gesture: 'Drag a palette tile', description: 'Add a neuron where you drop it (or click the tile)' },
  { gesture: 'Drag from ● on the right to a neuron', description: 'Connect (drop on its left handle or anywhere on it)' },
  { gesture: 'Click / Mod+click', description: 'Select / add to selection' },
  { gesture: 'Shift+drag on empty canvas', description: 'Box select' },
  { gesture: 'Drag on empty canvas', description: 'Pan' },
  { gesture: 'Wheel', description: 'Zoom' },
];

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** A key combination as shown to the user on this platform. */
export function displayKeys(keys: string): string {
  return isMac ? keys.replace('Mod+', '⌘').replace('Shift+', '⇧') : keys.replace('Mod+', 'Ctrl+');
}

/** Whether a keydown event matches a combination like "Mod+Shift+Z". */
export function matchesKeys(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>, combo: string): boolean {
  const parts = combo.split('+');
  // "Mod+=" splits into ['Mod', '='], but "Mod++" would not; the table avoids "+" as a key.
  const key = parts.at(-1)!;
  const mods = new Set(parts.slice(0, -1));
  const mod = e.ctrlKey || e.metaKey;
  if (mods.has('Mod') !== mod || e.altKey) return false;
  // Shifted symbols ("?") imply Shift; otherwise Shift must match exactly.
  const symbol = key.length === 1 && !/[a-z0-9]/i.test(key);
  if (!symbol && mods.has('Shift') !== e.shiftKey) return false;
  if (key === '=' && (e.key === '=' || e.key === '+')) return true;
  return e.key.toLowerCase() === key.toLowerCase();
}

/** The command a keydown event triggers, if any. */
export function commandForKey(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>): CommandId | null {
  for (const s of SHORTCUTS) if (s.keys.some((k) => matchesKeys(e, k))) return s.command;
  return null;
}
