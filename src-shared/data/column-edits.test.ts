import { describe, expect, it } from 'vitest';
import { applyFix, encodingsFor, setColumnRole, setColumnType, splitProblem } from './column-edits';
import { configProblem } from './encode';
import type { ColumnConfig } from './schema';

const base: ColumnConfig = { name: 'x', type: 'numeric', role: 'feature', encoding: 'standardise', missing: 'mean', fill: null };

describe('column edits', () => {
  it('every type × role combination the edits produce is encodable', () => {
    for (const type of ['numeric', 'categorical', 'boolean', 'ignore'] as const)
      for (const role of ['feature', 'target', 'ignore'] as const) {
        const c = setColumnRole(setColumnType(base, type), role);
        expect(configProblem(c), `${type}/${role}`).toBeNull();
        expect(encodingsFor(c.type, c.role)).toContain(c.encoding);
      }
  });
  it('categorical features become one-hot with a categorical missing rule; targets classes', () => {
    expect(setColumnType(base, 'categorical')).toMatchObject({ encoding: 'one-hot', missing: 'most-frequent' });
    expect(setColumnRole(setColumnType(base, 'categorical'), 'target')).toMatchObject({ encoding: 'classes' });
    expect(setColumnRole(base, 'target')).toMatchObject({ encoding: 'regression' });
    expect(setColumnType(base, 'ignore')).toMatchObject({ role: 'ignore' });
  });
  it('fixes: treat the column as categorical, or the value as missing (once)', () => {
    const cols = [base, { ...base, name: 'y' }];
    expect(applyFix(cols, { kind: 'column-categorical', column: 'x' })[0]).toMatchObject({ type: 'categorical', encoding: 'one-hot' });
    const once = applyFix(cols, { kind: 'value-missing', column: 'y', value: ' -999 ' });
    expect(applyFix(once, { kind: 'value-missing', column: 'y', value: '-999' })[1].extraMissing).toEqual(['-999']);
    expect(once[0]).toBe(cols[0]);
  });
  it('split problems', () => {
    expect(splitProblem({ train: 70, val: 15, test: 15 })).toBeNull();
    expect(splitProblem({ train: 70, val: 20, test: 15 })).toBe('Train, validation and test add up to 105%, not 100%.');
    expect(splitProblem({ train: 0, val: 50, test: 50 })).toBe('The training share cannot be 0%.');
  });
});
