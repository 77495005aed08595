import type { ActivationKind } from '../../src-shared/model/activation-kind';
import { activationScalar } from '../../src-shared/engine/activations';

/** The SVG path of an activation's curve over x ∈ [-3, 3] in a w×h box, plus where y = 0 and x = 0 fall. */
export interface GlyphPath {
  d: string;
  zeroY: number;
  zeroX: number;
}

const cache = new Map<string, GlyphPath>();
const SAMPLES = 41;
const PAD = 2;

/** The glyph of one activation, sampled once per kind and size and cached. */
export function glyphPath(kind: ActivationKind, w: number, h: number): GlyphPath {
  const key = `${kind}:${w}x${h}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const xs = Array.from({ length: SAMPLES }, (_, i) => -3 + (6 * i) / (SAMPLES - 1));
  const ys = xs.map((x) => activationScalar(kind, x));
  // Always include 0 in the range so the baseline is visible and flat curves read as flat.
  const lo = Math.min(0, ...ys);
  const hi = Math.max(0, ...ys);
  const span = hi - lo || 1;
  const sx = (x: number) => PAD + ((x + 3) / 6) * (w - 2 * PAD);
  const sy = (y: number) => h - PAD - ((y - lo) / span) * (h - 2 * PAD);
  const d = xs.map((x, i) => `${i ? 'L' : 'M'}${sx(x).toFixed(1)},${sy(ys[i]).toFixed(1)}`).join('');
  const g = { d, zeroY: sy(0), zeroX: sx(0) };
  cache.set(key, g);
  return g;
}
