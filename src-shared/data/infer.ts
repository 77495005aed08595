import type { ColumnConfig, ColumnType } from './schema';
import { categoryOf, isMissing, parseBooleanCell, parseNumberCell } from './cells';

/** What the sample of a column looked like, for the wizard's "inferred" hint. */
export interface InferredColumn {
  name: string;
  type: ColumnType;
  /** Missing cells in the sample. */
  missing: number;
  /** Distinct non-missing values seen (capped at 1000). */
  distinct: number;
}

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

/** Infers every column of a sample given as rows of cells. */
export function inferColumns(names: readonly string[], rows: readonly (readonly string[])[], decimalComma: boolean): InferredColumn[] {
  return names.map((name, j) => {
    const cells = rows.map((r) => r[j] ?? '');
    const distinct = new Set<string>();
    let missing = 0;
    for (const c of cells) {
      const k = categoryOf(c);
      if (k === null) missing++;
      else if (distinct.size < 1000) distinct.add(k);
    }
    return { name, type: inferColumnType(cells, decimalComma), missing, distinct: distinct.size };
  });
}

/**
 * A sensible starting configuration: the last column is the target (classes when it is
 * categorical or boolean, regression when numeric), the others are features.
 */
export function defaultColumnConfigs(inferred: readonly InferredColumn[]): ColumnConfig[] {
  const targetIndex = inferred.length - 1;
  return inferred.map((c, j) => {
    if (c.type === 'ignore') return { name: c.name, type: 'ignore', role: 'ignore', encoding: 'none', missing: 'drop', fill: null };
    if (j === targetIndex) {
      const encoding = c.type === 'numeric' ? 'regression' : 'classes';
      return { name: c.name, type: c.type, role: 'target', encoding, missing: 'drop', fill: null };
    }
    if (c.type === 'categorical') return { name: c.name, type: c.type, role: 'feature', encoding: 'one-hot', missing: 'most-frequent', fill: null };
    if (c.type === 'boolean') return { name: c.name, type: c.type, role: 'feature', encoding: 'none', missing: 'most-frequent', fill: null };
    return { name: c.name, type: c.type, role: 'feature', encoding: 'standardise', missing: 'mean', fill: null };
  });
}
