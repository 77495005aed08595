/**
 * The colour-blind-safe pair for signs, used by synapse weights and by the excitatory / inhibitory
 * overlay, so the two always agree. Orange vs purple stays distinct under protanopia, deuteranopia
 * and tritanopia. The values are CSS custom properties (app.css), so each theme has its own shade of
 * the pair (lighter on the dark canvas); use them in `style`, not in SVG presentation attributes.
 */
export const SIGN_COLORS = {
  /** Positive weight / excitatory contribution (#e66100 light, #ff8a3d dark). */
  positive: 'var(--sign-positive)',
  /** Negative weight / inhibitory contribution (#5d3a9b light, #b39af0 dark). */
  negative: 'var(--sign-negative)',
  /** Zero. */
  zero: 'var(--sign-zero)',
} as const;

/** The colour of a signed value. */
export function signColor(v: number): string {
  return v > 0 ? SIGN_COLORS.positive : v < 0 ? SIGN_COLORS.negative : SIGN_COLORS.zero;
}

/** Stroke width of a synapse for a weight: 1 px at 0 growing to 5 px at |w| ≥ 3. */
export function weightStrokeWidth(w: number): number {
  return 1 + (4 * Math.min(Math.abs(w), 3)) / 3;
}
