import { createRng } from '../engine/rng';

/** A generated two-feature classification set: X row-major (n × 2), labels 0/1. */
export interface GeneratedSet {
  X: Float64Array;
  labels: Float64Array;
  nRows: number;
}

function make(n: number, seed: number, point: (rng: ReturnType<typeof createRng>, i: number) => [number, number, number]): GeneratedSet {
  const rng = createRng(seed);
  const X = new Float64Array(n * 2);
  const labels = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const [x, y, c] = point(rng, i);
    X[2 * i] = x;
    X[2 * i + 1] = y;
    labels[i] = c;
  }
  return { X, labels, nRows: n };
}

/** XOR: points uniform in [-1, 1]² away from the axes by `margin`, label 1 when x·y < 0 (seeded). */
export function xorSet(n: number, seed: number, margin = 0.05): GeneratedSet {
  return make(n, seed, (rng) => {
    const c = (v: number) => Math.sign(v || 1) * (margin + Math.abs(v) * (1 - margin));
    const x = c(rng.next() * 2 - 1);
    const y = c(rng.next() * 2 - 1);
    return [x, y, x * y < 0 ? 1 : 0];
  });
}

/** Two concentric classes: label 1 inside radius 0.5, label 0 in the ring 0.7–1 (seeded, with a gap so 100% is possible). */
export function circlesSet(n: number, seed: number): GeneratedSet {
  return make(n, seed, (rng, i) => {
    const inner = i % 2 === 0;
    const r = inner ? Math.sqrt(rng.next()) * 0.5 : 0.7 + rng.next() * 0.3;
    const a = rng.next() * 2 * Math.PI;
    return [r * Math.cos(a), r * Math.sin(a), inner ? 1 : 0];
  });
}

/**
 * Two interleaved spirals (the classic benchmark): `turns` turns each out to `radius` (inputs of a few units train
 * far better than [-1, 1] with tanh), seeded Gaussian noise of `noise`·radius; label = spiral index.
 */
export function twoSpiralsSet(n: number, seed: number, turns = 1.5, radius = 3, noise = 0.006): GeneratedSet {
  return make(n, seed, (rng, i) => {
    const c = i % 2;
    const t = rng.next();
    const r = radius * (0.1 + 0.9 * t);
    const a = t * turns * 2 * Math.PI + c * Math.PI;
    return [r * Math.cos(a) + noise * radius * rng.normal(), r * Math.sin(a) + noise * radius * rng.normal(), c];
  });
}
