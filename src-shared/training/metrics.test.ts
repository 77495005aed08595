import { describe, expect, it } from 'vitest';
import { classificationMetrics, regressionMetrics } from './metrics';

describe('classificationMetrics', () => {
  it('counts a hand-computed 3-class confusion matrix', () => {
    // true: 0,0,1,1,2,2 ; predicted: 0,1,1,1,2,0
    const Y = [1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 1];
    const P = [0.8, 0.1, 0.1, 0.2, 0.7, 0.1, 0, 1, 0, 0.3, 0.6, 0.1, 0, 0.1, 0.9, 0.5, 0.2, 0.3];
    const m = classificationMetrics(P, Y, 6, 3);
    expect(m.confusion).toEqual([[1, 1, 0], [0, 2, 0], [1, 0, 1]]);
    expect(m.accuracy).toBeCloseTo(4 / 6, 15);
    expect(m.precision).toEqual([0.5, 2 / 3, 1]);
    expect(m.recall).toEqual([0.5, 1, 0.5]);
  });
  it('thresholds a single binary output at 0.5 and reports NaN for a never-predicted class', () => {
    const m = classificationMetrics([0.1, 0.2, 0.4], [0, 1, 1], 3, 1);
    expect(m.confusion).toEqual([[1, 0], [2, 0]]);
    expect(m.accuracy).toBeCloseTo(1 / 3, 15);
    expect(m.precision[1]).toBeNaN();
    expect(m.recall).toEqual([1, 0]);
  });
});

describe('regressionMetrics', () => {
  it('matches hand-computed MSE, MAE and R²', () => {
    const Y = [1, 2, 3, 4];
    const P = [1.5, 2, 2, 4];
    const m = regressionMetrics(P, Y, 4, 1);
    expect(m.mse).toBeCloseTo((0.25 + 0 + 1 + 0) / 4, 15);
    expect(m.mae).toBeCloseTo(1.5 / 4, 15);
    expect(m.r2).toBeCloseTo(1 - 1.25 / 5, 15);
  });
  it('gives R² = 1 for perfect predictions and 0 for predicting the mean', () => {
    const Y = [3, -1, 2, 8];
    expect(regressionMetrics(Y, Y, 4, 1).r2).toBe(1);
    expect(regressionMetrics([3, 3, 3, 3], Y, 4, 1).r2).toBeCloseTo(0, 15);
  });
});
