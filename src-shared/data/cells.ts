/** Tokens that mean "no value" (compared after trimming, case-insensitively for the words). */
export const MISSING_TOKENS = ['', 'NA', 'N/A', 'NaN', 'null', '?'] as const;

const missingSet = new Set(MISSING_TOKENS.map((t) => t.toLowerCase()));

/** True when a cell holds no value: empty, NA, N/A, NaN, null or ?. */
export function isMissing(cell: string): boolean {
  if (cell.length === 0) return true;
  if (cell.length > 4 && cell.trim().length > 4) return false;
  return missingSet.has(cell.trim().toLowerCase());
}

/**
 * The number a cell holds, NaN for a missing cell, or undefined when it is not a number.
 * Hot path of the import: one `+cell` for the common case.
 */
export function parseNumberCell(cell: string, decimalComma: boolean): number | undefined {
  const s = decimalComma && cell.indexOf(',') >= 0 ? cell.replace(',', '.') : cell;
  const v = +s;
  if (v === v) {
    // `+''` and `+'  '` are 0, `+'0x1F'` is 31: only accept what looks like a decimal number.
    if (v === 0 && s.trim().length === 0) return NaN;
    if (!Number.isFinite(v)) return undefined;
    const c = s.charCodeAt(s.length > 1 && (s[0] === '-' || s[0] === '+') ? 1 : 0);
    if (c === 48 /* 0 */ && s.length > 1 && (s[1] === 'x' || s[1] === 'X' || s[1] === 'b' || s[1] === 'B' || s[1] === 'o' || s[1] === 'O')) return undefined;
    return v;
  }
  return isMissing(cell) ? NaN : undefined;
}

const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * The value of a plain decimal like `-12.345` (at most 15 digits, no exponent, no spaces), or
 * NaN for anything else. Exact: mantissa and 10^k are exact doubles, so one division rounds
 * correctly and the result equals `Number(text)`. The import's hot path; the rest goes to parseNumberCell.
 */
export function parsePlainDecimal(s: string, decimalCode: number): number {
  const n = s.length;
  if (n === 0 || n > 17) return NaN;
  let i = 0;
  let c = s.charCodeAt(0);
  const neg = c === 45;
  if (neg || c === 43) i = 1;
  let m = 0;
  let digits = 0;
  let frac = -1;
  for (; i < n; i++) {
    c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      m = m * 10 + (c - 48);
      digits++;
      if (frac >= 0) frac++;
    } else if (c === decimalCode && frac < 0) frac = 0;
    else return NaN;
  }
  if (digits === 0 || digits > 15) return NaN;
  const v = frac > 0 ? m / POW10[frac] : m;
  return neg ? -v : v;
}

const TRUE = new Set(['true', 'yes', 'y', 't', '1']);
const FALSE = new Set(['false', 'no', 'n', 'f', '0']);

/** 1 for a true-like cell, 0 for a false-like one, NaN when missing, undefined otherwise. */
export function parseBooleanCell(cell: string): number | undefined {
  const s = cell.trim().toLowerCase();
  if (TRUE.has(s)) return 1;
  if (FALSE.has(s)) return 0;
  return isMissing(cell) ? NaN : undefined;
}

/** A categorical cell's category (trimmed), or null when missing. */
export function categoryOf(cell: string): string | null {
  return isMissing(cell) ? null : cell.trim();
}

const ISO_DATE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const DMY_DATE = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/;

/**
 * The UTC time (ms) of a date cell, or undefined when the cell is not a date. Reads ISO dates
 * (2024-03-01, 2024/3/1, with an optional time) and day-first dates (01.03.2024, 01/03/2024;
 * month-first when the first number cannot be a month's day order, e.g. 12/31/2024).
 */
export function parseDateCell(cell: string): number | undefined {
  const s = cell.trim();
  let y: number, mo: number, d: number;
  let h = 0, mi = 0, se = 0;
  let m = ISO_DATE.exec(s);
  if (m) {
    [y, mo, d] = [+m[1], +m[2], +m[3]];
    if (m[4] !== undefined) [h, mi, se] = [+m[4], +m[5], +(m[6] ?? 0)];
  } else if ((m = DMY_DATE.exec(s))) {
    [d, mo, y] = [+m[1], +m[2], +m[3]];
    if (mo > 12 && d <= 12) [d, mo] = [mo, d];
  } else return undefined;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60) return undefined;
  const t = Date.UTC(y, mo - 1, d, h, mi, se);
  // Date.UTC rolls 31 February over into March: such a cell is not a date.
  return new Date(t).getUTCDate() === d ? t : undefined;
}

/** The parts a date feature becomes, in input order. */
export const DATE_PARTS = ['year', 'day of year', 'weekday'] as const;
/** One part of a date feature. */
export type DatePart = (typeof DATE_PARTS)[number];

/** A part of a UTC time: the year, the day of the year (1–366) or the weekday (0 Monday … 6 Sunday). */
export function datePart(t: number, part: DatePart): number {
  if (t !== t) return NaN;
  const d = new Date(t);
  if (part === 'year') return d.getUTCFullYear();
  if (part === 'weekday') return (d.getUTCDay() + 6) % 7;
  return Math.floor((t - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
}
