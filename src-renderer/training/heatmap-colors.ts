/**
 * Colours of the heatmaps: a cividis-like ramp (dark blue → grey → yellow) for neuron outputs and a
 * categorical set for classes. Both are colour-blind safe and keep clear of the orange and purple
 * that mean excitatory and inhibitory on the canvas.
 */

const RAMP: [number, number, number][] = [
  [0, 32, 77],
  [124, 123, 120],
  [255, 234, 70],
];

/** The ramp's colour at t ∈ [0, 1]. */
export function rampColor(t: number): [number, number, number] {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (RAMP.length - 1);
  const i = Math.min(RAMP.length - 2, Math.floor(x));
  const f = x - i;
  return [0, 1, 2].map((c) => Math.round(RAMP[i][c] + f * (RAMP[i + 1][c] - RAMP[i][c]))) as [number, number, number];
}

/** Class colours (blue, green, sky, yellow, black, grey), repeated past six classes. */
export const CLASS_COLORS: [number, number, number][] = [
  [0, 114, 178],
  [0, 158, 115],
  [86, 180, 233],
  [240, 228, 66],
  [27, 31, 39],
  [138, 143, 153],
];

/** The colour of class k as CSS. */
export const classCss = (k: number) => `rgb(${CLASS_COLORS[k % CLASS_COLORS.length].join(',')})`;

/** Min and max of a grid (0..1 when flat or empty). */
export function gridRange(grid: readonly number[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of grid) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return Number.isFinite(lo) && hi > lo ? [lo, hi] : [Number.isFinite(lo) ? lo - 1 : 0, Number.isFinite(lo) ? lo + 1 : 1];
}
