/**
 * The colour-blind-safe pair for signs, used by every overlay (weights in Weights, c = w·o in
 * Contributions and Dataset), so they always agree. Orange vs purple stays distinct under protanopia,
 * deuteranopia and tritanopia. The values are CSS custom properties, so each theme has its own shade of
 * the pair (lighter on the dark canvas); use them in `style`, not in SVG presentation attributes.
 */
export const SIGN_COLORS = {
  /** Positive weight / excitatory contribution. */
  positive: 'var(--sign-positive)',
  /** Negative weight / inhibitory contribution. */
  negative: 'var(--sign-negative)',
  /** Zero. */
  zero: 'var(--sign-zero)',
  /** A synapse with no overlay: neither sign is shown. */
  neutral: 'var(--edge-neutral)',
} as const;

/** The colour of a signed value. */
export function signColor(v: number): string {
  return v > 0 ? SIGN_COLORS.positive : v < 0 ? SIGN_COLORS.negative : SIGN_COLORS.zero;
}

/** Stroke width of a synapse for a weight: 1 px at 0 growing to 5 px at |w| ≥ 3. */
export function weightStrokeWidth(w: number): number {
  return 1 + (4 * Math.min(Math.abs(w), 3)) / 3;
}
