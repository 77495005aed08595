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
    const send = (prefs: string) => void api.request('app.setPrefs', { prefs }).catch(() => undefined);
    api.request('app.getPrefs', {}).then(
      ({ prefs }) => {
        if (!live) return;
        const s = useUiStore.getState();
        const local = JSON.stringify(prefsOf(s));
        // Main's copy is for a new origin (a new port), whose localStorage starts empty. Where this origin has its
        // own, main gets it: a change made just before a reload may never have reached main.
        if (!hasLocalPrefs()) {
          if (prefs) {
            const p = parsePrefs(prefs, prefsOf(s));
            useUiStore.setState({ ...p, resolvedTheme: resolveTheme(p.theme, s.osDark) });
          }
        } else if (prefs !== local) send(local);
        unsubscribe = useUiStore.subscribe((s, prev) => {
          const next = JSON.stringify(prefsOf(s));
          if (next === JSON.stringify(prefsOf(prev))) return;
          clearTimeout(timer);
          timer = setTimeout(() => send(next), 200);
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
