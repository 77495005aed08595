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
