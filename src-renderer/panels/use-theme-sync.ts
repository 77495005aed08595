import { useEffect } from 'react';
import { api } from '../api';
import { applyTheme, prefsOf, useUiStore } from '../state/ui-store';
import { hasLocalPrefs, parsePrefs, resolveTheme } from '../state/ui-prefs';

/**
 * Keeps the window preferences in main's state folder as well as in localStorage: browser mode
 * gets a new origin (port) on every server start, with an empty localStorage. localStorage wins where it
 * has them: it is written at once, main's copy a moment later.
 */
export function usePrefsSync(): void {
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let unsubscribe = () => {};
    api.request('app.getPrefs', {}).then(
      ({ prefs }) => {
        if (!live) return;
        // Main's copy is for a new origin (a new port), whose localStorage starts empty.
        if (prefs && !hasLocalPrefs()) {
          const s = useUiStore.getState();
          const p = parsePrefs(prefs, prefsOf(s));
          useUiStore.setState({ ...p, resolvedTheme: resolveTheme(p.theme, s.osDark) });
        }
        unsubscribe = useUiStore.subscribe((s, prev) => {
          const next = JSON.stringify(prefsOf(s));
          if (next === JSON.stringify(prefsOf(prev))) return;
          clearTimeout(timer);
          timer = setTimeout(() => void api.request('app.setPrefs', { prefs: next }).catch(() => undefined), 200);
        });
      },
      () => undefined,
    );
    return () => {
      live = false;
      clearTimeout(timer);
      unsubscribe();
    };
  }, []);
}

/** Keeps `data-theme` on <html> equal to the resolved theme (the store applies each change), and the store told when the OS switches. */
export function useThemeSync(): void {
  useEffect(() => applyTheme(useUiStore.getState().resolvedTheme), []);
  useEffect(() => {
    if (typeof window.matchMedia !== 'function') return;
    const mq = window.matchMedia('(prefers-color-scheme: dark)');
    const onChange = () => useUiStore.getState().setOsDark(mq.matches);
    onChange();
    mq.addEventListener('change', onChange);
    return () => mq.removeEventListener('change', onChange);
  }, []);
}

const colors = new Map<string, string>();
let colorsTheme: string | undefined;

/**
 * Reads a colour custom property of the current theme (for canvases, charts and the minimap, which
 * cannot use var()). Remembered per theme: the minimap asks once per node, and getComputedStyle
 * on every call would cost a style pass each.
 */
export function cssColor(name: string, fallback = '#888'): string {
  const theme = document.documentElement.dataset.theme;
  if (theme !== colorsTheme) {
    colors.clear();
    colorsTheme = theme;
  }
  let v = colors.get(name);
  if (v === undefined) {
    v = getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
    colors.set(name, v);
  }
  return v;
}
