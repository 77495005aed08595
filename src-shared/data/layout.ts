/**
 * The file's layout, guessed from its first rows (before any line is skipped or taken as a
 * header): a metadata first line to skip, and whether the first row left is a header. Shared
 * by the wizard's first preview and `neurite import`.
 */
import { isMissing, parseNumberCell } from './cells';

/** What the first rows suggest about the file's layout. */
export interface LayoutGuess {
  /** Whether the first row (after skipped lines) names the columns. */
  header: boolean;
  /** Lines to skip at the top (a metadata line). */
  skipLines: number;
  /** Plain-language notes of what was guessed, for the wizard and the CLI. */
  notes: string[];
  /** Class names a scikit-learn metadata line lists after its two counts (for classes 0, 1, 2, …). */
  classNames?: string[];
}

const isNumber = (cell: string, decimalComma: boolean) => !isMissing(cell) && parseNumberCell(cell, decimalComma) !== undefined;
const isCount = (cell: string) => /^\s*\d+\s*$/.test(cell);

function shown(row: readonly string[]): string {
  const text = row.join(',');
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

/** The most common field count among rows, and how many rows have it. */
function modalWidth(rows: readonly (readonly string[])[]): { width: number; count: number } {
  const freq = new Map<number, number>();
  for (const r of rows) freq.set(r.length, (freq.get(r.length) ?? 0) + 1);
  let width = 0;
  let count = 0;
  for (const [w, c] of freq) if (c > count || (c === count && w > width)) [width, count] = [w, c];
  return { width, count };
}

/**
 * True when a row reads as a header: no cell is a number or empty, and no name repeats.
 * (A row of words over columns of words stays a header: that is the common case.)
 */
export function looksLikeHeader(row: readonly string[], decimalComma: boolean): boolean {
  const seen = new Set<string>();
  for (const cell of row) {
    const name = cell.trim();
    if (!name || isMissing(cell) || isNumber(cell, decimalComma)) return false;
    if (seen.has(name)) return false;
    seen.add(name);
  }
  return row.length > 0;
}

/**
 * Guesses the layout from the file's first rows (blank lines already left out, `lineOf` giving
 * each row's 1-based file line). A first line is metadata when its field count differs from the
 * rows after it, or when it starts with two counts (rows, features) and has as many fields as the
 * data, the features count being one less (scikit-learn's `n_samples,n_features,names…` line).
 */
export function detectLayout(rows: readonly (readonly string[])[], decimalComma: boolean, lineOf: (r: number) => number = (r) => r + 1): LayoutGuess {
  const notes: string[] = [];
  if (rows.length < 2) return { header: rows.length ? looksLikeHeader(rows[0], decimalComma) : true, skipLines: 0, notes };
  let skipLines = 0;
  let first = 0;
  const rest = rows.slice(1, 200);
  const { width, count } = modalWidth(rest);
  const row0 = rows[0];
  const differs = width > 1 && row0.length !== width && count >= 0.9 * rest.length;
  const sklearn = row0.length === width && width >= 2 && isCount(row0[0]) && isCount(row0[1]) && Number(row0[1]) + 1 === width && rest.every((r) => isNumber(r[0] ?? '', decimalComma));
  if (differs || sklearn) {
    skipLines = lineOf(0);
    first = 1;
    notes.push(
      sklearn
        ? `Line ${lineOf(0)} ("${shown(row0)}") looks like a metadata line (${row0[0].trim()} rows, ${row0[1].trim()} features${row0.length > 2 ? ', class names' : ''}): it is skipped.`
        : `Line ${lineOf(0)} ("${shown(row0)}") has ${row0.length} field${row0.length === 1 ? '' : 's'} where the rows after it have ${width}: it looks like a metadata line and is skipped.`,
    );
  }
  const head = rows[first];
  const header = looksLikeHeader(head, decimalComma);
  if (!header) notes.push(`Line ${lineOf(first)} holds ${head.some((c) => isNumber(c, decimalComma)) ? 'numbers' : 'values, not unique names'}: it is read as data (no header row); the columns are named "column 1", "column 2", ….`);
  const classNames = sklearn && row0.length > 2 ? row0.slice(2).map((c) => c.trim()) : undefined;
  return { header, skipLines, notes, ...(classNames && classNames.every((c) => c) ? { classNames } : {}) };
}
