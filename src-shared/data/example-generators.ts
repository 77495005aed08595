/**
 * Toy 2-D datasets for the examples, after TensorFlow Playground's: XOR, circles and spirals
 * reuse the engine's generators (generators.ts) with added noise; blobs and the regression
 * surface are here. `noise` is 0…1 (Playground's 0…50 % divided by 50); the same seed gives the same points.
 */
import { circlesSet, twoSpiralsSet, xorSet, type GeneratedSet } from './generators';
import { gaussian, seededRng, type Rng } from '../engine/rng';

/** Generated points: two coordinates and a label (0/1 class, a class index, or a regression value). */
export interface GeneratedPoints {
  x1: Float64Array;
  x2: Float64Array;
  label: Float64Array;
}

/** Size, noise (0…1) and seed of a generated dataset. */
export interface GeneratorOptions {
  size: number;
  noise: number;
  seed: number;
}

function alloc(n: number): GeneratedPoints {
  return { x1: new Float64Array(n), x2: new Float64Array(n), label: new Float64Array(n) };
}

function uniform(rng: Rng, a: number, b: number): number {
  return a + (b - a) * rng();
}

/** Copies the engine's generated set into points, adding uniform noise of ±`noise`·`scale` to each coordinate. */
function fromSet(set: GeneratedSet, noise: number, scale: number, seed: number): GeneratedPoints {
  const rng = seededRng(seed ^ 0x9e3779b9);
  const p = alloc(set.nRows);
  for (let i = 0; i < set.nRows; i++) {
    p.x1[i] = set.X[2 * i] + uniform(rng, -1, 1) * noise * scale;
    p.x2[i] = set.X[2 * i + 1] + uniform(rng, -1, 1) * noise * scale;
    p.label[i] = set.labels[i];
  }
  return p;
}

/** XOR (the engine's xorSet, in [-1, 1]²): label 1 where x1·x2 < 0. */
export function xorPoints({ size, noise, seed }: GeneratorOptions): GeneratedPoints {
  return fromSet(xorSet(size, seed), noise, 1, seed);
}

/** Circles (the engine's circlesSet): label 1 inside radius 0.5, 0 on the ring 0.7–1. */
export function circlePoints({ size, noise, seed }: GeneratorOptions): GeneratedPoints {
  return fromSet(circlesSet(size, seed), noise, 1, seed);
}

/** Two interleaved spirals (the engine's twoSpiralsSet, radius 3); label = spiral index. */
export function spiralPoints({ size, noise, seed }: GeneratorOptions): GeneratedPoints {
  return fromSet(twoSpiralsSet(size, seed), noise, 3, seed);
}

/** Gaussian blobs: `classes` clusters (2 to 6) on a circle of radius 3, spread 0.5 + 2·noise; label = cluster index. */
export function blobPoints({ size, noise, seed }: GeneratorOptions, classes = 2): GeneratedPoints {
  const rng = seededRng(seed);
  const p = alloc(size);
  const k = Math.max(2, Math.min(6, Math.floor(classes)));
  const spread = 0.5 + 2 * noise;
  for (let i = 0; i < size; i++) {
    const c = i % k;
    // Two blobs sit at (2, 2) and (-2, -2) as in Playground; more go round a circle.
    const angle = Math.PI / 4 + (2 * Math.PI * c) / k;
    const radius = k === 2 ? 2 * Math.SQRT2 : 3;
    p.x1[i] = radius * Math.cos(angle) + gaussian(rng) * spread;
    p.x2[i] = radius * Math.sin(angle) + gaussian(rng) * spread;
    p.label[i] = k === 2 ? (c === 0 ? 1 : 0) : c;
  }
  return p;
}

/** The regression surface f(x1, x2) = e^(−|p−(2,2)|²/4) − e^(−|p+(2,2)|²/4), in [−1, 1]. */
export function surfaceValue(a: number, b: number): number {
  return Math.exp(-((a - 2) ** 2 + (b - 2) ** 2) / 4) - Math.exp(-((a + 2) ** 2 + (b + 2) ** 2) / 4);
}

/** Regression: uniform points in [-6, 6]², value = surfaceValue plus Gaussian noise of std `noise`. */
export function surfacePoints({ size, noise, seed }: GeneratorOptions): GeneratedPoints {
  const rng = seededRng(seed);
  const p = alloc(size);
  for (let i = 0; i < size; i++) {
    const a = uniform(rng, -6, 6);
    const b = uniform(rng, -6, 6);
    p.x1[i] = a;
    p.x2[i] = b;
    p.label[i] = surfaceValue(a, b) + gaussian(rng) * noise;
  }
  return p;
}
