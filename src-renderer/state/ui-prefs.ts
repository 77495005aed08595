/**
 * The window's layout and theme preferences, remembered in localStorage across reloads. Read
 * defensively: a stored value is data from an earlier version (or another hand), never trusted.
 */

/** The theme the user chose: follow the OS, or force one. */
export type ThemePref = 'system' | 'light' | 'dark';
/** The theme in effect. */
export type Theme = 'light' | 'dark';

/** What is remembered. */
export interface UiPrefs {
  theme: ThemePref;
  /** The palette as a full column (true) or a narrow rail of tiles (false). */
  paletteOpen: boolean;
  inspectorOpen: boolean;
  overlayPanelOpen: boolean;
  /** The overlay panel and the inspector share one column (stacked) or stand side by side. */
  panelsBeside: boolean;
  minimap: boolean;
  /** The training dock's height in pixels while it is open. */
  dockHeight: number;
}

const KEY = 'neurite.ui';

/** The defaults: wide windows get the full palette, the usual ones (1280, 1440 px) the rail so the canvas keeps most of the window. */
export function defaultPrefs(windowWidth: number): UiPrefs {
  return { theme: 'system', paletteOpen: windowWidth >= 1600, inspectorOpen: true, overlayPanelOpen: true, panelsBeside: false, minimap: true, dockHeight: 300 };
}

/** Merges what was stored over the defaults, keeping only values of the right type. */
export function parsePrefs(raw: string | null, defaults: UiPrefs): UiPrefs {
  let stored: unknown;
  try {
    stored = raw ? JSON.parse(raw) : null;
  } catch {
    stored = null;
  }
  const out = { ...defaults };
  if (!stored || typeof stored !== 'object') return out;
  const s = stored as Record<string, unknown>;
  if (s.theme === 'system' || s.theme === 'light' || s.theme === 'dark') out.theme = s.theme;
  for (const k of ['paletteOpen', 'inspectorOpen', 'overlayPanelOpen', 'panelsBeside', 'minimap'] as const) if (typeof s[k] === 'boolean') out[k] = s[k];
  if (typeof s.dockHeight === 'number' && Number.isFinite(s.dockHeight)) out.dockHeight = Math.round(Math.min(2000, Math.max(120, s.dockHeight)));
  return out;
}

/** The stored preferences (defaults where nothing usable is stored). */
export function loadPrefs(): UiPrefs {
  const width = typeof window === 'undefined' ? 1280 : window.innerWidth;
  try {
    return parsePrefs(globalThis.localStorage?.getItem(KEY) ?? null, defaultPrefs(width));
  } catch {
    return defaultPrefs(width);
  }
}

/** True when this origin's localStorage already holds preferences (they are newer than main's copy, which is written 200 ms later). */
export function hasLocalPrefs(): boolean {
  try {
    return globalThis.localStorage?.getItem(KEY) != null;
  } catch {
    return false;
  }
}

/** Stores the preferences; best effort (a private window may refuse storage). */
export function savePrefs(p: UiPrefs): void {
  try {
    globalThis.localStorage?.setItem(KEY, JSON.stringify(p));
  } catch {
    // Nothing to do: the choice still holds for this session.
  }
}

/** The theme in effect for a preference and the OS setting. */
export function resolveTheme(pref: ThemePref, osDark: boolean): Theme {
  return pref === 'system' ? (osDark ? 'dark' : 'light') : pref;
}
