import { useEffect } from 'react';
import { applyTheme, useUiStore } from '../state/ui-store';

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

/** Reads a colour custom property of the current theme (for canvases and charts that cannot use var()). */
export function cssColor(name: string, fallback = '#888'): string {
  const v = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return v || fallback;
}
