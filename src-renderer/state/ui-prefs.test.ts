import { describe, expect, it } from 'vitest';
import { defaultPrefs, parsePrefs, resolveTheme } from './ui-prefs';

describe('UI preferences', () => {
  it('keep what was stored and take defaults for the rest', () => {
    const d = defaultPrefs(1280);
    expect(parsePrefs(JSON.stringify({ theme: 'dark', inspectorOpen: false }), d)).toEqual({ ...d, theme: 'dark', inspectorOpen: false });
  });

  it('ignore stored values of the wrong type or unknown, and text that is not JSON', () => {
    const d = defaultPrefs(1920);
    expect(parsePrefs(JSON.stringify({ theme: 'purple', paletteOpen: 'yes', minimap: 0, extra: 1 }), d)).toEqual(d);
    expect(parsePrefs('{not json', d)).toEqual(d);
    expect(parsePrefs(null, d)).toEqual(d);
    expect(parsePrefs('[1,2]', d)).toEqual(d);
  });

  it('keep a stored dock height within sane bounds', () => {
    const d = defaultPrefs(1280);
    expect(parsePrefs('{"dockHeight": 420}', d).dockHeight).toBe(420);
    expect(parsePrefs('{"dockHeight": 5}', d).dockHeight).toBe(120);
    expect(parsePrefs('{"dockHeight": 1e9}', d).dockHeight).toBe(2000);
    expect(parsePrefs('{"dockHeight": "tall"}', d).dockHeight).toBe(300);
  });

  it('give the usual window sizes the palette rail and wide ones the full palette', () => {
    expect(defaultPrefs(1280).paletteOpen).toBe(false);
    expect(defaultPrefs(1440).paletteOpen).toBe(false);
    expect(defaultPrefs(1920).paletteOpen).toBe(true);
  });

  it('resolve System to the OS setting and keep a forced theme', () => {
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('system', false)).toBe('light');
    expect(resolveTheme('light', true)).toBe('light');
    expect(resolveTheme('dark', false)).toBe('dark');
  });
});
