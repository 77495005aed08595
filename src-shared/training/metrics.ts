/** Evaluation metrics over network outputs: pure functions on row-major rows × k arrays. */

/** Classification results for one class target. */
export interface ClassificationMetrics {
  accuracy: number;
  /** confusion[true][predicted] counts. */
  confusion: number[][];
  /** Per class: TP / (TP + FP); NaN when the class is never predicted. */
  precision: number[];
  /** Per class: TP / (TP + FN); NaN when the class never occurs. */
  recall: number[];
}

/** Regression results over all output columns together. */
export interface RegressionMetrics {
  mse: number;
  mae: number;
  /** 1 − SS_res / SS_tot with SS_tot around each column's own mean, summed over columns. */
  r2: number;
}

function argmax(a: ArrayLike<number>, off: number, k: number): number {
  let best = 0;
  for (let j = 1; j < k; j++) if (a[off + j] > a[off + best]) best = j;
  return best;
}

/**
 * Classification metrics from predicted outputs P and one-hot targets Y (rows × k, row-major);
 * with k = 1 the single column is a binary probability thresholded at 0.5.
 */
export function classificationMetrics(P: ArrayLike<number>, Y: ArrayLike<number>, rows: number, k: number): ClassificationMetrics {
  const nc = k === 1 ? 2 : k;
  const confusion = Array.from({ length: nc }, () => new Array<number>(nc).fill(0));
  let correct = 0;
  for (let r = 0; r < rows; r++) {
    const t = k === 1 ? (Y[r] >= 0.5 ? 1 : 0) : argmax(Y, r * k, k);
    const p = k === 1 ? (P[r] >= 0.5 ? 1 : 0) : argmax(P, r * k, k);
    confusion[t][p]++;
    if (t === p) correct++;
  }
  const precision: number[] = [];
  const recall: number[] = [];
  for (let c = 0; c < nc; c++) {
    let predicted = 0;
    let actual = 0;
    for (let i = 0; i < nc; i++) {
      predicted += confusion[i][c];
      actual += confusion[c][i];
    }
    precision.push(predicted ? confusion[c][c] / predicted : NaN);
    recall.push(actual ? confusion[c][c] / actual : NaN);
  }
  return { accuracy: rows ? correct / rows : NaN, confusion, precision, recall };
}

/** MSE, MAE and R² of predictions P against targets Y (rows × k, row-major). */
export function regressionMetrics(P: ArrayLike<number>, Y: ArrayLike<number>, rows: number, k: number): RegressionMetrics {
  const n = rows * k;
  if (n === 0) return { mse: NaN, mae: NaN, r2: NaN };
  const mean = new Float64Array(k);
  for (let r = 0; r < rows; r++) for (let j = 0; j < k; j++) mean[j] += Y[r * k + j] / rows;
  let se = 0;
  let ae = 0;
  let tot = 0;
  for (let i = 0; i < n; i++) {
    const d = P[i] - Y[i];
    se += d * d;
    ae += Math.abs(d);
    const c = Y[i] - mean[i % k];
    tot += c * c;
  }
  return { mse: se / n, mae: ae / n, r2: tot > 0 ? 1 - se / tot : NaN };
}
