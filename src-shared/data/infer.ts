/**
 * The import's guesses about each column, shared by the wizard (through `dataset.preview`) and
 * `neurite import`: the type, and the hints that change the starting configuration (a few stray
 * words in a numeric column, a near-unique text column or a date column, an integer target with
 * few values). Every guess is a plain value the wizard shows and lets the user change.
 */
import type { ColumnConfig, ColumnType } from './schema';
import { categoryOf, isMissing, parseBooleanCell, parseDateCell, parseNumberCell } from './cells';

/** A value that is not a number in an otherwise numeric column, and how often the sample has it. */
export interface StrayValue {
  value: string;
  count: number;
}

/** What the sample suggests beyond the type; shown in the wizard with a one-click way back. */
export type ColumnHint =
  /** Numeric but for a few non-numbers, which start out read as missing (`extraMissing`). */
  | { kind: 'strays'; values: StrayValue[] }
  /** Text with (almost) a different value per row, an id or a free-text field: starts ignored. */
  | { kind: 'near-unique'; distinct: number }
  /** Dates: start ignored; can be used as numeric features (year, day of year, weekday). */
  | { kind: 'date'; distinct: number }
  /** An integer target with few distinct values: starts as classes. */
  | { kind: 'integer-classes'; classes: number };

/** What the sample of a column looked like, for the wizard's "inferred" hint. */
export interface InferredColumn {
  name: string;
  type: ColumnType;
  /** Missing cells in the sample. */
  missing: number;
  /** Distinct non-missing values seen (capped at 1000). */
  distinct: number;
  /** Non-missing cells in the sample. */
  present?: number;
  /** True when every present value is a whole number. */
  integer?: boolean;
  /** A guess that changes the starting configuration, if any. */
  hint?: ColumnHint;
}

/** At most this many distinct stray values, in at most this share of the present cells (of at least `minPresent`), make a column "numeric with strays". */
export const STRAY_LIMIT = { values: 3, share: 0.05, minPresent: 10 } as const;
/** An integer target with at most this many distinct values starts as classes. */
export const MAX_INTEGER_CLASSES = 20;
/** Text columns with at least this many distinct values, and as many as this share of the present cells, start ignored. */
export const NEAR_UNIQUE = { distinct: 20, share: 0.5 } as const;
/** Column names that say "this is what to predict" (compared in lower case). */
const TARGET_NAMES = new Set(['target', 'label', 'class', 'outcome']);

/**
 * Guesses a column's type from sample cells: boolean when every present value is
 * true/false-like with at most two spellings; numeric when every present value parses as a
 * number (a 0/1 column stays numeric); categorical otherwise; ignore when nothing is present.
 */
export function inferColumnType(cells: readonly string[], decimalComma: boolean): ColumnType {
  let present = 0;
  let numeric = true;
  let boolean = true;
  const spellings = new Set<string>();
  for (const c of cells) {
    if (isMissing(c)) continue;
    present++;
    if (numeric && parseNumberCell(c, decimalComma) === undefined) numeric = false;
    if (boolean) {
      if (parseBooleanCell(c) === undefined) boolean = false;
      else spellings.add(c.trim().toLowerCase());
    }
  }
  if (present === 0) return 'ignore';
  if (numeric) return 'numeric';
  if (boolean && spellings.size <= 2) return 'boolean';
  return 'categorical';
}

/** The non-numbers of a column that is numeric but for them, or null when it is not such a column. */
export function strayValues(cells: readonly string[], decimalComma: boolean): StrayValue[] | null {
  let present = 0;
  let strayCells = 0;
  const strays = new Map<string, number>();
  for (const c of cells) {
    if (isMissing(c)) continue;
    present++;
    if (parseNumberCell(c, decimalComma) !== undefined) continue;
    strayCells++;
    const k = c.trim();
    strays.set(k, (strays.get(k) ?? 0) + 1);
    if (strays.size > STRAY_LIMIT.values) return null;
  }
  if (strayCells === 0 || present < STRAY_LIMIT.minPresent || strayCells > Math.max(1, STRAY_LIMIT.share * present)) return null;
  return [...strays].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
}

/** Infers one column from its sample cells. */
export function inferColumn(name: string, cells: readonly string[], decimalComma: boolean): InferredColumn {
  const distinct = new Set<string>();
  let missing = 0;
  let integer = true;
  let dates = 0;
  for (const c of cells) {
    const k = categoryOf(c);
    if (k === null) {
      missing++;
      continue;
    }
    if (distinct.size < 1000) distinct.add(k);
    if (integer && !/^[-+]?\d+$/.test(k)) integer = false;
    if (parseDateCell(k) !== undefined) dates++;
  }
  const present = cells.length - missing;
  let type = inferColumnType(cells, decimalComma);
  let hint: ColumnHint | undefined;
  if (type === 'categorical') {
    const strays = strayValues(cells, decimalComma);
    if (strays) {
      type = 'numeric';
      hint = { kind: 'strays', values: strays };
      integer = false;
    } else if (present > 0 && dates >= 0.9 * present) hint = { kind: 'date', distinct: distinct.size };
    else if (distinct.size >= NEAR_UNIQUE.distinct && distinct.size >= NEAR_UNIQUE.share * present) hint = { kind: 'near-unique', distinct: distinct.size };
  }
  return { name, type, missing, distinct: distinct.size, present, integer: type === 'numeric' && present > 0 && integer, ...(hint ? { hint } : {}) };
}

/** Infers every column of a sample given as rows of cells. */
export function inferColumns(names: readonly string[], rows: readonly (readonly string[])[], decimalComma: boolean): InferredColumn[] {
  return names.map((name, j) =>
    inferColumn(
      name,
      rows.map((r) => r[j] ?? ''),
      decimalComma,
    ),
  );
}

/** True when an integer column with this many distinct values reads as class labels. */
export function looksLikeClasses(c: InferredColumn): boolean {
  return c.type === 'numeric' && !!c.integer && c.distinct >= 2 && c.distinct <= MAX_INTEGER_CLASSES && c.distinct <= Math.max(2, (c.present ?? Infinity) / 2);
}

/** A feature's starting configuration for a column of this type (what a demoted target gets too). */
export function featureConfig(name: string, type: ColumnType, extraMissing?: string[]): ColumnConfig {
  const extra = extraMissing?.length ? { extraMissing } : {};
  if (type === 'ignore') return { name, type: 'ignore', role: 'ignore', encoding: 'none', missing: 'drop', fill: null };
  if (type === 'categorical') return { name, type, role: 'feature', encoding: 'one-hot', missing: 'most-frequent', fill: null, ...extra };
  if (type === 'boolean') return { name, type, role: 'feature', encoding: 'none', missing: 'most-frequent', fill: null, ...extra };
  return { name, type, role: 'feature', encoding: 'standardise', missing: 'mean', fill: null, ...extra };
}

/** The column that starts as the target: one named like a target (target, label, class, outcome), else the last column that is not ignored. */
export function guessTargetIndex(inferred: readonly InferredColumn[]): number {
  const usable = (c: InferredColumn) => c.type !== 'ignore' && c.hint?.kind !== 'near-unique' && c.hint?.kind !== 'date';
  const named = inferred.findIndex((c) => usable(c) && TARGET_NAMES.has(c.name.trim().toLowerCase()));
  if (named >= 0) return named;
  for (let j = inferred.length - 1; j >= 0; j--) if (usable(inferred[j])) return j;
  return inferred.length - 1;
}

/**
 * A sensible starting configuration: the guessed target (classes when it is categorical,
 * boolean or an integer with few values, regression otherwise), features for the rest;
 * near-unique text and dates start ignored, stray words in a numeric column start as missing.
 */
export function defaultColumnConfigs(inferred: readonly InferredColumn[]): ColumnConfig[] {
  const targetIndex = guessTargetIndex(inferred);
  return inferred.map((c, j) => {
    const strays = c.hint?.kind === 'strays' ? c.hint.values.map((v) => v.value) : undefined;
    if (c.type === 'ignore' || (j !== targetIndex && (c.hint?.kind === 'near-unique' || c.hint?.kind === 'date')))
      return { name: c.name, type: c.type, role: 'ignore', encoding: 'none', missing: 'drop', fill: null };
    if (j === targetIndex) {
      const encoding = c.type === 'numeric' && !looksLikeClasses(c) ? 'regression' : 'classes';
      return { name: c.name, type: c.type, role: 'target', encoding, missing: 'drop', fill: null, ...(strays ? { extraMissing: strays } : {}) };
    }
    return featureConfig(c.name, c.type, strays);
  });
}

/** The hint shown for an integer target read as classes (computed, not stored: it depends on which column is the target). */
export function targetHint(c: InferredColumn, config: ColumnConfig): ColumnHint | undefined {
  if (config.role === 'target' && config.encoding === 'classes' && looksLikeClasses(c)) return { kind: 'integer-classes', classes: c.distinct };
  return c.hint;
}

/**
 * Names the classes of the whole-number class target after a metadata line's class names, when
 * its values are 0 … n−1 for the n names (scikit-learn's layout); other columns are left alone.
 */
export function withClassNames(columns: ColumnConfig[], inferred: readonly InferredColumn[], names: readonly string[] | undefined, sample: readonly (readonly string[])[]): ColumnConfig[] {
  if (!names?.length) return columns;
  return columns.map((c, j) => {
    if (c.role !== 'target' || c.encoding !== 'classes' || !inferred[j]?.integer) return c;
    const fits = sample.every((r) => {
      const v = (r[j] ?? '').trim();
      return v === '' || (/^\d+$/.test(v) && +v < names.length);
    });
    return fits ? { ...c, classNames: [...names] } : c;
  });
}
