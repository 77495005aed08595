/**
 * Every keyboard shortcut of the editor, as one table rendered from the command registry
 * (src-shared/commands.ts): the Help dialog lists it, the key handler matches against it, and the
 * README copies it. "Mod" is Ctrl (⌘ on macOS).
 */
import { COMMAND_IDS, commandSpec, type CommandId } from '../src-shared/commands';

/** One shortcut: the command it runs and the key combinations that trigger it. */
export interface Shortcut {
  command: CommandId;
  keys: readonly string[];
  description: string;
}

/** The shortcut table, in the order the Help dialog shows it (the registry's). */
export const SHORTCUTS: readonly Shortcut[] = COMMAND_IDS.flatMap((command) => {
  const shortcut = commandSpec(command).shortcut;
  return shortcut ? [{ command, keys: shortcut.keys, description: shortcut.description }] : [];
});

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
