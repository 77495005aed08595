/**
 * The wizard's column edits as pure functions: changing a column's type or role keeps its
 * encoding and missing-value rule valid, and a problem's one-click fixes rewrite the configs.
 */
import type { DatasetFix } from './errors';
import { featureConfig } from './infer';
import type { ColumnConfig, ColumnRole, ColumnType, Encoding, MissingRule, SplitConfig } from './schema';

/** The encodings a column of this type and role can have. */
export function encodingsFor(type: ColumnType, role: ColumnRole): Encoding[] {
  if (type === 'ignore' || role === 'ignore') return ['none'];
  if (role === 'target') return type === 'categorical' ? ['classes'] : type === 'date' ? ['regression'] : ['regression', 'classes'];
  return type === 'categorical' ? ['one-hot'] : ['standardise', 'min-max', 'none'];
}

/** The missing-value rules a column of this type can have. */
export function missingRulesFor(type: ColumnType): MissingRule[] {
  if (type === 'date') return ['drop', 'mean', 'median', 'most-frequent'];
  return type === 'categorical' ? ['drop', 'most-frequent', 'constant'] : ['drop', 'mean', 'median', 'most-frequent', 'constant'];
}

function settle(c: ColumnConfig): ColumnConfig {
  const encodings = encodingsFor(c.type, c.role);
  const encoding = encodings.includes(c.encoding) ? c.encoding : c.role === 'target' && c.type === 'boolean' ? 'classes' : encodings[0];
  const rules = missingRulesFor(c.type);
  const missing = rules.includes(c.missing) ? c.missing : c.role === 'target' ? 'drop' : 'most-frequent';
  return { ...c, encoding, missing };
}

/** Changes a column's type; 'ignore' also makes its role ignore, and a type on an ignored column makes it a feature. */
export function setColumnType(c: ColumnConfig, type: ColumnType): ColumnConfig {
  const role: ColumnRole = type === 'ignore' ? 'ignore' : c.role === 'ignore' ? 'feature' : c.role;
  return settle({ ...c, type, role });
}

/**
 * Changes a column's role, keeping encoding and missing rule valid. A target (or an ignored
 * column) becoming a feature takes a feature's encoding and missing rule (a target drops rows
 * with a missing value; a feature fills them in); a new target drops rows with a missing target.
 */
export function setColumnRole(c: ColumnConfig, role: ColumnRole): ColumnConfig {
  if (role === c.role) return c;
  if (role === 'feature') {
    const f = featureConfig(c.name, c.type, c.extraMissing);
    return settle({ ...c, role, encoding: f.encoding, missing: f.missing, fill: null });
  }
  if (role === 'target') return settle({ ...c, role, missing: 'drop', encoding: c.type === 'numeric' ? 'regression' : 'classes' });
  return settle({ ...c, role });
}

/**
 * Makes column `j` the target (as classes with `asClasses`, e.g. an integer column with few values).
 * Unless `keepOthers` (a second target), the column that was the target becomes a feature again,
 * with a feature's missing rule.
 */
export function chooseTarget(columns: readonly ColumnConfig[], j: number, keepOthers = false, asClasses = false): ColumnConfig[] {
  return columns.map((c, k) => {
    if (k === j) {
      if (c.type === 'ignore') return c;
      const t = setColumnRole(c, 'target');
      return asClasses ? { ...t, encoding: 'classes' } : t;
    }
    if (!keepOthers && c.role === 'target') return setColumnRole(c, 'feature');
    return c;
  });
}

/** Applies a refused import's one-click fix to the column configs. */
export function applyFix(columns: ColumnConfig[], fix: DatasetFix): ColumnConfig[] {
  return columns.map((c) => {
    if (c.name !== fix.column) return c;
    if (fix.kind === 'column-categorical') return setColumnType(c, 'categorical');
    const extra = c.extraMissing ?? [];
    return extra.includes(fix.value.trim()) ? c : { ...c, extraMissing: [...extra, fix.value.trim()] };
  });
}

/** Why a split cannot be used, or null. */
export function splitProblem(s: Pick<SplitConfig, 'train' | 'val' | 'test'>): string | null {
  if ([s.train, s.val, s.test].some((v) => !Number.isFinite(v) || v < 0 || v > 100)) return 'Each share must be between 0 and 100%.';
  if (Math.abs(s.train + s.val + s.test - 100) > 1e-9) return `Train, validation and test add up to ${s.train + s.val + s.test}%, not 100%.`;
  if (s.train <= 0) return 'The training share cannot be 0%.';
  return null;
}
