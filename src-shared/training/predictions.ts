/**
 * Predictions beside the truth, and the input plane behind decision-boundary heatmaps: pure helpers
 * over an encoded dataset and the outputs of a forward pass (neurons in document order).
 */
import type { DatasetMeta } from '../data/schema';

/** One row of the predictions table. */
export interface PredictionRow {
  /** Row index in the dataset. */
  row: number;
  truth: string | number;
  predicted: string | number;
  /** Probability of the predicted class (classes only). */
  probability: number | null;
  /** Right or wrong (classes only). */
  correct: boolean | null;
  /** predicted − truth (numbers only). */
  error: number | null;
}

function argmax(v: ArrayLike<number>, start: number, count: number): number {
  let best = 0;
  for (let k = 1; k < count; k++) if (v[start + k] > v[start + best]) best = k;
  return best;
}

/**
 * What the network predicts for each row against the truth, for the dataset's first target:
 * `out` holds one row of network outputs per row (output neurons in document order, aligned with Y).
 * One sigmoid output (a binary class target, or a 0/1 number) reads as the probability of the second class.
 */
export function describePredictions(meta: DatasetMeta, y: ArrayLike<number>, rows: readonly number[], out: ArrayLike<number>): PredictionRow[] {
  const t = meta.targets[0];
  const O = meta.outputs.length;
  // A 0/1 target gets one sigmoid output and is trained and scored as two classes (binary cross-entropy).
  const binary = t.outputCount === 1 && meta.outputs[t.outputStart]?.activation === 'sigmoid';
  return rows.map((row, i) => {
    const at = i * O + t.outputStart;
    const truthAt = row * O + t.outputStart;
    if (t.kind === 'regression' && !binary) {
      const truth = y[truthAt];
      const predicted = out[at];
      return { row, truth, predicted, probability: null, error: predicted - truth, correct: null };
    }
    const classes = t.classes ?? ['0', '1'];
    let k: number;
    let truthK: number;
    let probability: number;
    if (t.outputCount === 1) {
      k = out[at] >= 0.5 ? 1 : 0;
      truthK = y[truthAt] >= 0.5 ? 1 : 0;
      probability = k === 1 ? out[at] : 1 - out[at];
    } else {
      k = argmax(out, at, t.outputCount);
      truthK = argmax(y, truthAt, t.outputCount);
      probability = out[at + k];
    }
    return { row, truth: classes[truthK] ?? truthK, predicted: classes[k] ?? k, probability, correct: k === truthK, error: null };
  });
}

/** Mean of each column of a row-major matrix over the given rows (inputs not on the plane are held here). */
export function columnMeans(x: ArrayLike<number>, cols: number, rows: readonly number[]): number[] {
  const m = new Array<number>(cols).fill(0);
  for (const r of rows) for (let c = 0; c < cols; c++) m[c] += x[r * cols + c];
  return m.map((v) => (rows.length ? v / rows.length : 0));
}

/** The span of a column over the rows, widened by 10% each side (a constant column gets ±1). */
export function paddedRange(x: ArrayLike<number>, cols: number, col: number, rows: readonly number[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of rows) {
    const v = x[r * cols + col];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!Number.isFinite(lo)) return [-1, 1];
  const pad = hi > lo ? (hi - lo) * 0.1 : 1;
  return [lo - pad, hi + pad];
}

/**
 * The grid's input rows (row-major, `means.length` columns): cell (i, j) — i along x, j along y, j = 0 at the
 * bottom — sits at row j·res + i with the two chosen columns set to the cell centre and the rest at their means.
 */
export function gridInputs(means: readonly number[], xCol: number, yCol: number, xRange: [number, number], yRange: [number, number], res: number): Float64Array {
  const F = means.length;
  const X = new Float64Array(res * res * F);
  for (let j = 0; j < res; j++) {
    for (let i = 0; i < res; i++) {
      const r = j * res + i;
      for (let c = 0; c < F; c++) X[r * F + c] = means[c];
      X[r * F + xCol] = xRange[0] + ((i + 0.5) / res) * (xRange[1] - xRange[0]);
      X[r * F + yCol] = yRange[0] + ((j + 0.5) / res) * (yRange[1] - yRange[0]);
    }
  }
  return X;
}
