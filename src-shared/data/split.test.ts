import { describe, expect, it } from 'vitest';
import { assignSplits, splitCounts } from './split';

describe('splits', () => {
  it('counts rows per split by rounding, remainder to test', () => {
    expect(splitCounts(10, { train: 70, val: 15, test: 15 })).toEqual([7, 2, 1]);
    expect(splitCounts(150, { train: 60, val: 20, test: 20 })).toEqual([90, 30, 30]);
    expect(splitCounts(1, { train: 10, val: 45, test: 45 })).toEqual([1, 0, 0]);
  });
  it('is deterministic per seed and differs across seeds', () => {
    const s = { train: 60, val: 20, test: 20, seed: 7, stratify: false };
    const a = assignSplits(100, s);
    expect(Array.from(a)).toEqual(Array.from(assignSplits(100, s)));
    expect(Array.from(a)).not.toEqual(Array.from(assignSplits(100, { ...s, seed: 8 })));
    expect([0, 1, 2].map((k) => a.filter((v) => v === k).length)).toEqual([60, 20, 20]);
  });
  it('keeps class proportions when stratified', () => {
    // 90 of class 0, 10 of class 1: unstratified splits can starve a split of class 1.
    const strata = Int32Array.from({ length: 100 }, (_, i) => (i < 90 ? 0 : 1));
    const a = assignSplits(100, { train: 50, val: 30, test: 20, seed: 3, stratify: true }, strata);
    const count = (split: number, cls: number) => Array.from(a).filter((v, i) => v === split && strata[i] === cls).length;
    expect([count(0, 1), count(1, 1), count(2, 1)]).toEqual([5, 3, 2]);
    expect([count(0, 0), count(1, 0), count(2, 0)]).toEqual([45, 27, 18]);
  });
});
