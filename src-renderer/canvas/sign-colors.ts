/**
 * The colour-blind-safe pair for signs, used by synapse weights now and by the excitatory /
 * inhibitory overlay later, so the two always agree. Orange vs purple stays distinct under
 * protanopia, deuteranopia and tritanopia.
 */
export const SIGN_COLORS = {
  /** Positive weight / excitatory contribution. */
  positive: '#E66100',
  /** Negative weight / inhibitory contribution. */
  negative: '#5D3A9B',
  /** Zero. */
  zero: '#9AA0A6',
} as const;

/** The colour of a signed value. */
export function signColor(v: number): string {
  return v > 0 ? SIGN_COLORS.positive : v < 0 ? SIGN_COLORS.negative : SIGN_COLORS.zero;
}

/** Stroke width of a synapse for a weight: 1 px at 0 growing to 5 px at |w| ≥ 3. */
export function weightStrokeWidth(w: number): number {
  return 1 + (4 * Math.min(Math.abs(w), 3)) / 3;
}
