import { describe, expect, it } from 'vitest';
import { canBeNegative, classCss, CLASS_COLORS, heatColor, heatScale, paintHeat } from './heatmap-colors';

describe('heatmap colours', () => {
  it('a neuron whose output can be negative gets a scale centred on 0: blue below, near-white at 0, red above', () => {
    const grid = [-0.3, -0.1, 0, 0.5, 0.9];
    const s = heatScale(grid, canBeNegative('tanh'));
    expect(s).toEqual({ kind: 'diverging', lo: -0.9, hi: 0.9 });
    const [r0, g0, b0] = heatColor(0, s);
    expect(Math.min(r0, g0, b0)).toBeGreaterThan(240);
    const neg = heatColor(-0.3, s);
    const pos = heatColor(0.3, s);
    expect(neg[2]).toBeGreaterThan(neg[0]);
    expect(pos[0]).toBeGreaterThan(pos[2]);
    // Equal distances from 0 are equally far from white: the scale is symmetric.
    const dist = (c: number[]) => Math.hypot(247 - c[0], 247 - c[1], 247 - c[2]);
    expect(Math.abs(dist(neg) - dist(pos))).toBeLessThan(25);
  });

  it('outputs that cannot be negative get a sequential ramp from 0; probabilities from 0 to 1', () => {
    expect(canBeNegative('relu')).toBe(false);
    expect(canBeNegative('identity', true)).toBe(false);
    expect(canBeNegative('identity')).toBe(true);
    expect(heatScale([0.2, 3], false)).toEqual({ kind: 'sequential', lo: 0, hi: 3 });
    expect(heatScale([0.2, 0.3], false, true)).toEqual({ kind: 'sequential', lo: 0, hi: 1 });
  });

  it('one class palette, never the orange or purple of excites / inhibits', () => {
    expect(classCss(0)).toBe(`rgb(${CLASS_COLORS[0].join(',')})`);
    expect(classCss(CLASS_COLORS.length + 1)).toBe(classCss(1));
    for (const [r, g, b] of CLASS_COLORS) {
      expect(Math.hypot(r - 0xe6, g - 0x61, b - 0x00)).toBeGreaterThan(80);
      expect(Math.hypot(r - 0x5d, g - 0x3a, b - 0x9b)).toBeGreaterThan(80);
    }
  });

  it('painting a grid by lookup gives the colours the scale blends, to within one level', () => {
    const px = new Uint8ClampedArray(4);
    for (const s of [heatScale([-2, 2], true), heatScale([0, 3], false)]) {
      for (let v = -2.5; v <= 3.5; v += 0.0137) {
        paintHeat(px, 0, v, s);
        const want = heatColor(v, s);
        for (let c = 0; c < 3; c++) expect(Math.abs(px[c] - want[c])).toBeLessThanOrEqual(1);
        expect(px[3]).toBe(255);
      }
      paintHeat(px, 0, Number.NaN, s);
      expect([...px.subarray(0, 3)]).toEqual(heatColor(Number.NaN, s));
    }
  });
});
