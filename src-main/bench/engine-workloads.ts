// The fixed-seed workloads of the engine benchmark and their data.
import type { ActivationKind } from '../../src-shared/model/activation-kind';
import { createRng } from '../../src-shared/engine/rng';
import { xorSet } from '../../src-shared/data/generators';
import { layeredNetwork } from '../../src-shared/engine/build';

export interface Workload {
  id: string;
  sizes: number[];
  hidden: ActivationKind;
  /** 'bce' = one sigmoid output; 'cce' = softmax over the outputs. */
  loss: 'bce' | 'cce';
  rows: number;
  batch: number;
  epochs: number;
  lr: number;
}

export const WORKLOADS: Workload[] = [
  { id: 'W1', sizes: [2, 8, 8, 1], hidden: 'tanh', loss: 'bce', rows: 10_000, batch: 32, epochs: 20, lr: 0.01 },
  { id: 'W2', sizes: [30, 64, 32, 3], hidden: 'relu', loss: 'cce', rows: 100_000, batch: 64, epochs: 5, lr: 0.001 },
  { id: 'W3', sizes: [784, 128, 10], hidden: 'relu', loss: 'cce', rows: 20_000, batch: 128, epochs: 2, lr: 0.001 },
];

/** Multiply–accumulates of one forward pass of one sample. */
export function macsPerSample(w: Workload): number {
  let m = 0;
  for (let l = 1; l < w.sizes.length; l++) m += w.sizes[l - 1] * w.sizes[l];
  return m;
}

export interface WorkloadData {
  X: Float64Array;
  /** Row-major targets: one 0/1 column (bce) or one-hot classes (cce). */
  Y: Float64Array;
  labels: Int32Array;
}

/** Seeded data: W1 is XOR; W2/W3 are Gaussian (W3: [0,1] pixels) labelled by a fixed random linear teacher. */
export function workloadData(w: Workload): WorkloadData {
  const nIn = w.sizes[0];
  const nOut = w.sizes[w.sizes.length - 1];
  if (w.loss === 'bce') {
    const s = xorSet(w.rows, 11);
    return { X: s.X, Y: Float64Array.from(s.labels), labels: Int32Array.from(s.labels) };
  }
  const rng = createRng(12 + nIn);
  const teacher = Float64Array.from({ length: nIn * nOut }, () => rng.normal());
  const X = new Float64Array(w.rows * nIn);
  const Y = new Float64Array(w.rows * nOut);
  const labels = new Int32Array(w.rows);
  for (let r = 0; r < w.rows; r++) {
    for (let k = 0; k < nIn; k++) X[r * nIn + k] = nIn > 100 ? (rng.next() < 0.2 ? rng.next() : 0) : rng.normal();
    let best = 0;
    let bestV = -Infinity;
    for (let c = 0; c < nOut; c++) {
      let v = 0;
      for (let k = 0; k < nIn; k++) v += teacher[c * nIn + k] * (X[r * nIn + k] - (nIn > 100 ? 0.1 : 0));
      if (v > bestV) {
        bestV = v;
        best = c;
      }
    }
    labels[r] = best;
    Y[r * nOut + best] = 1;
  }
  return { X, Y, labels };
}

/** The workload's network for the engine: hidden layers of its activation, a sigmoid (bce) or softmax (cce) output. */
export function engineNetwork(w: Workload) {
  const acts = w.sizes.slice(1).map((_, l) => (l === w.sizes.length - 2 ? (w.loss === 'bce' ? 'sigmoid' : 'identity') : w.hidden));
  return layeredNetwork(w.sizes, { activations: acts, softmax: w.loss === 'cce' });
}
