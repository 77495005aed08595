/**
 * Heatmap grids carry five significant digits of their largest value: colours and the scale's ends need no
 * more, and the full seventeen made a reply of a hundred grids several times longer to send and to parse
 * (the page's worst frames while training with heatmaps on were spent parsing it and collecting its garbage).
 */

/** `values` rounded to a decimal step of 1e-4 of their largest magnitude, so each is a short JSON number. */
export function toDrawingPrecision(values: ArrayLike<number>, digits = 5): number[] {
  let m = 0;
  for (let i = 0; i < values.length; i++) {
    const a = Math.abs(values[i]);
    if (a > m && Number.isFinite(a)) m = a;
  }
  // A power of ten divides to the nearest double of the short decimal, which is what JSON writes.
  const k = m > 0 ? Math.min(20, Math.max(0, digits - 1 - Math.floor(Math.log10(m)))) : 0;
  const p = 10 ** k;
  const out = new Array<number>(values.length);
  for (let i = 0; i < values.length; i++) out[i] = Math.round(values[i] * p) / p;
  return out;
}
