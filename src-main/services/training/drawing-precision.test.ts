import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src-shared/engine/rng';
import { toDrawingPrecision } from './drawing-precision';

describe('heatmap grids at drawing precision', () => {
  it('keeps every value within 5e-5 of the largest magnitude and writes each as a short number', () => {
    const { next } = createRng(3);
    for (const scale of [1e-6, 0.03, 1, 7.5, 420]) {
      const grid = Array.from({ length: 1024 }, () => (2 * next() - 1) * scale);
      const m = Math.max(...grid.map(Math.abs));
      const drawn = toDrawingPrecision(Float64Array.from(grid));
      drawn.forEach((v, i) => expect(Math.abs(v - grid[i])).toBeLessThanOrEqual(5e-5 * m));
      // Five significant digits of the largest value, sign and point included, and no float noise in between.
      for (const v of drawn) expect(JSON.stringify(v).replace(/^-/, '').replace(/e-\d+$/, '').replace('.', '').replace(/^0+/, '').length).toBeLessThanOrEqual(5);
      expect(JSON.stringify(drawn).length).toBeLessThan(JSON.stringify(grid).length / 2);
    }
  });

  it('a flat grid stays as it is, zeros included', () => {
    expect(toDrawingPrecision([0, 0, 0])).toEqual([0, 0, 0]);
    expect(toDrawingPrecision([0.25, 0.25])).toEqual([0.25, 0.25]);
  });
});
