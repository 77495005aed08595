/**
 * Colours of the heatmaps and of classes. A neuron whose output can be negative is drawn on a diverging
 * scale centred on 0 (blue below, near-white at 0, red above), so where its output changes sign is where
 * the colour turns; a neuron whose output cannot be negative on a sequential ramp from 0 (dark blue → yellow,
 * cividis-like). Classes have one palette everywhere (decision boundary, data view, predictions). All of them
 * are colour-blind safe and keep clear of the orange and purple that mean excites and inhibits on the canvas.
 */
import type { ActivationKind } from '../../src-shared/model/activation-kind';

type Rgb = [number, number, number];

const SEQUENTIAL: Rgb[] = [
  [0, 32, 77],
  [124, 123, 120],
  [255, 234, 70],
];

// RdBu (ColorBrewer), 5 stops: blue for negative, near-white for 0, red for positive.
const DIVERGING: Rgb[] = [
  [33, 102, 172],
  [146, 197, 222],
  [247, 247, 247],
  [244, 165, 130],
  [178, 24, 43],
];

function along(stops: Rgb[], t: number): Rgb {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const f = x - i;
  return [0, 1, 2].map((c) => Math.round(stops[i][c] + f * (stops[i + 1][c] - stops[i][c]))) as Rgb;
}

/** Activations whose output is never negative: drawn on the sequential ramp. */
const NON_NEGATIVE = new Set<ActivationKind>(['sigmoid', 'relu', 'softplus', 'gaussian']);

/** Whether a neuron's output can be negative (softmax members cannot). */
export function canBeNegative(kind: ActivationKind, softmax = false): boolean {
  return !softmax && !NON_NEGATIVE.has(kind);
}

/** How a grid is coloured: the scale and its ends (symmetric around 0 when diverging). */
export interface HeatScale {
  kind: 'diverging' | 'sequential';
  lo: number;
  hi: number;
}

/** The scale for a grid: diverging over ±max|v| for signed outputs; sequential over [0, max] otherwise ([0, 1] for probabilities). */
export function heatScale(grid: readonly number[], signed: boolean, probability = false): HeatScale {
  let m = 0;
  let hi = 0;
  // An indexed loop: iterating a grid of thousands of doubles with for…of boxes each one (megabytes of garbage a second while training).
  for (let k = 0; k < grid.length; k++) {
    const v = grid[k];
    if (!Number.isFinite(v)) continue;
    m = Math.max(m, Math.abs(v));
    hi = Math.max(hi, v);
  }
  if (signed) return { kind: 'diverging', lo: -(m || 1), hi: m || 1 };
  return { kind: 'sequential', lo: 0, hi: probability ? 1 : hi || 1 };
}

/** Where v sits along the scale's colours, in [0, 1] before clamping (0 for a value that is not finite). */
function position(v: number, s: HeatScale): number {
  return s.kind === 'diverging' ? (v / s.hi + 1) / 2 : (v - s.lo) / (s.hi - s.lo);
}

/** The colour of v on a scale. */
export function heatColor(v: number, s: HeatScale): Rgb {
  return along(s.kind === 'diverging' ? DIVERGING : SEQUENTIAL, position(v, s));
}

const STEPS = 1024;
const tables = new Map<HeatScale['kind'], Uint8ClampedArray>();

/** Each scale's colours at 1,024 even steps (r, g, b): a grid of thousands of cells is painted by lookup, not by blending each cell. */
function table(kind: HeatScale['kind']): Uint8ClampedArray {
  let t = tables.get(kind);
  if (!t) {
    t = new Uint8ClampedArray(STEPS * 3);
    for (let k = 0; k < STEPS; k++) t.set(along(kind === 'diverging' ? DIVERGING : SEQUENTIAL, k / (STEPS - 1)), k * 3);
    tables.set(kind, t);
  }
  return t;
}

/** Writes v's colour on the scale into rgba at `at` (opaque), from the lookup table. */
export function paintHeat(rgba: Uint8ClampedArray, at: number, v: number, s: HeatScale): void {
  const t = position(v, s);
  const k = Number.isFinite(t) && t > 0 ? (t < 1 ? Math.round(t * (STEPS - 1)) : STEPS - 1) : 0;
  const lut = table(s.kind);
  rgba[at] = lut[k * 3];
  rgba[at + 1] = lut[k * 3 + 1];
  rgba[at + 2] = lut[k * 3 + 2];
  rgba[at + 3] = 255;
}

/** Class colours (Okabe–Ito blue, bluish green, sky blue, yellow; then black and grey), repeated past six. */
export const CLASS_COLORS: Rgb[] = [
  [0, 114, 178],
  [0, 158, 115],
  [86, 180, 233],
  [240, 228, 66],
  [27, 31, 39],
  [138, 143, 153],
];

/** The colour of class k as CSS. */
export const classCss = (k: number) => `rgb(${CLASS_COLORS[((k % CLASS_COLORS.length) + CLASS_COLORS.length) % CLASS_COLORS.length].join(',')})`;
