/**
 * Every way Neurite writes a number for people, in one place. The variants differ on purpose (a metric in a
 * table, a weight on a node, a value to check by hand, a data cell); each is named for where it is read.
 */

/** `v` rounded to `digits` significant digits without trailing zeros ("0.1235", "1235", "1.5e-7"). */
export function formatSignificant(v: number, digits: number): string {
  return String(Number(v.toPrecision(digits)));
}

/** A metric as the training panels show it: 4 significant digits (or a percentage with one decimal), `missing` for no value. */
export function formatMetric(v: number | null | undefined, percent = false, missing = '–'): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return missing;
  return percent ? `${(v * 100).toFixed(1)}%` : formatSignificant(v, 4);
}

/** A loss or score where room is short: 3 significant digits, '–' for no value. */
export function formatMetricShort(v: number | null | undefined): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '–' : formatSignificant(v, 3);
}

/** A number to check by hand: 4 decimals, exponent form below 0.001 and from 10⁴ up. */
export function formatExact(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  return a >= 1e4 || a < 1e-3 ? v.toExponential(3) : String(Number(v.toFixed(4)));
}

/** A number for reading, not checking: 2 decimals (1 significant digit below 0.01), a real minus sign, optional +. */
export function formatShort(v: number, signed = false): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  const body = a === 0 ? '0' : a >= 1e4 ? a.toExponential(1) : a < 0.01 ? a.toPrecision(1) : a.toFixed(2);
  if (v < 0 && body !== '0') return `−${body}`;
  return signed && v > 0 ? `+${body}` : body;
}

/** A weight or bias on the canvas: 2 decimals, exponent form below 0.01 and from 1000 up. */
export function formatParameter(v: number): string {
  const a = Math.abs(v);
  if (a !== 0 && (a < 0.01 || a >= 1000)) return v.toExponential(1);
  return v.toFixed(2);
}

/** A number in an input field at rest: 4 significant digits, exponent form below 10⁻⁴ and from 10⁷ up ("1.5e-7"). */
export function formatField(v: number): string {
  if (v !== 0 && (Math.abs(v) < 1e-4 || Math.abs(v) >= 1e7)) return v.toExponential(3).replace(/\.?0+e/, 'e');
  return formatSignificant(v, 4);
}

/** A data cell: integers as they are, other numbers to 6 significant digits without trailing zeros; text as it is. */
export function formatCell(v: number | string | null): string {
  if (v === null) return '';
  // Trailing zeros go only after a decimal point: 100000.3 is "100000", not "1".
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toPrecision(6).replace(/(\.\d*?)0+(?=e|$)/, '$1').replace(/\.(?=e|$)/, '');
  return v;
}
