/** Batched evaluation of a network on a subset of rows: mean loss, predictions and metrics. */
import { createWorkspace, forwardBatch, loadInputs, lossAndSeed, type LossKind, type Program } from '../engine';
import { classificationMetrics, regressionMetrics, type ClassificationMetrics, type RegressionMetrics } from './metrics';

const CHUNK = 256;

/** Loss and metrics on one split. */
export interface SplitEvaluation {
  rows: number;
  loss: number;
  /** Set for classification (cce/bce losses). */
  classification: ClassificationMetrics | null;
  /** Set for regression (mse loss). */
  regression: RegressionMetrics | null;
}

/** Predicted outputs (rows × outputs, row-major) for the given row indices of X. */
export function predict(program: Program, params: Float64Array, X: ArrayLike<number>, rows: Int32Array): Float64Array {
  const nOut = program.outputs.length;
  const P = new Float64Array(rows.length * nOut);
  const ws = createWorkspace(program, Math.min(CHUNK, Math.max(1, rows.length)));
  for (let s = 0; s < rows.length; s += CHUNK) {
    const B = Math.min(CHUNK, rows.length - s);
    loadInputs(program, ws, X, rows, s, B);
    forwardBatch(program, params, ws, B);
    for (let k = 0; k < nOut; k++) {
      const base = program.outputs[k] * B;
      for (let b = 0; b < B; b++) P[(s + b) * nOut + k] = ws.O[base + b];
    }
  }
  return P;
}

/** Mean loss (without penalties) and metrics over the given rows; loss is NaN for no rows. */
export function evaluateRows(program: Program, params: Float64Array, X: ArrayLike<number>, Y: ArrayLike<number>, rows: Int32Array, loss: LossKind): SplitEvaluation {
  const nOut = program.outputs.length;
  const ws = createWorkspace(program, Math.min(CHUNK, Math.max(1, rows.length)));
  const P = new Float64Array(rows.length * nOut);
  const T = new Float64Array(rows.length * nOut);
  let sum = 0;
  for (let s = 0; s < rows.length; s += CHUNK) {
    const B = Math.min(CHUNK, rows.length - s);
    loadInputs(program, ws, X, rows, s, B);
    forwardBatch(program, params, ws, B);
    sum += lossAndSeed(program, ws, Y, rows, s, B, loss) * B;
    for (let k = 0; k < nOut; k++) {
      const base = program.outputs[k] * B;
      for (let b = 0; b < B; b++) {
        P[(s + b) * nOut + k] = ws.O[base + b];
        T[(s + b) * nOut + k] = Y[rows[s + b] * nOut + k];
      }
    }
  }
  const n = rows.length;
  return {
    rows: n,
    loss: n ? sum / n : NaN,
    classification: n && loss !== 'mse' ? classificationMetrics(P, T, n, nOut) : null,
    regression: n && loss === 'mse' ? regressionMetrics(P, T, n, nOut) : null,
  };
}
