/** A metric as the panel shows it: 4 significant digits, '–' for a missing value. */
export function fmt(v: number | null | undefined, percent = false): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '–';
  return percent ? `${(v * 100).toFixed(1)}%` : Number(v.toPrecision(4)).toString();
}
