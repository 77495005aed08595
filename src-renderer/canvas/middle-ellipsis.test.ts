import { describe, expect, it } from 'vitest';
import { middleEllipsis } from './middle-ellipsis';

// One unit per character: the width is the length.
const measure = (s: string) => [...s].length;

describe('middleEllipsis', () => {
  it('leaves a label that fits alone', () => {
    expect(middleEllipsis('x1', 10, measure)).toBe('x1');
  });

  it('cuts in the middle, keeping what tells one-hot labels apart', () => {
    const labels = ['species=setosa', 'species=versicolor', 'species=virginica'].map((l) => middleEllipsis(l, 12, measure));
    for (const l of labels) {
      expect(measure(l)).toBeLessThanOrEqual(12);
      expect(l).toMatch(/^spec.*…/);
    }
    expect(new Set(labels).size).toBe(3);
    expect(labels[1].endsWith('icolor')).toBe(true);
  });

  it('uses the room there is', () => {
    expect(middleEllipsis('abcdefghij', 9, measure)).toHaveLength(9);
  });
});
