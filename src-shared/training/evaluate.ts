/** Batched evaluation of a network on a subset of rows: mean loss, predictions and metrics. */
import { createWorkspace, forwardBatch, loadInputs, lossAndSeed, type LossKind, type Program } from '../engine';
import type { Network } from '../model/network';
import { classificationMetrics, regressionMetrics, type ClassificationMetrics, type RegressionMetrics } from './metrics';

const CHUNK = 256;

/** One target's slice of the outputs: a softmax group (classes), a sigmoid output under BCE (two classes) or a number. */
export interface TargetSlice {
  /** The target's name: the softmax group's label (the column), or the output neuron's label. */
  name: string;
  kind: 'classes' | 'regression';
  /** Positions in the output vector (program.outputs order). */
  columns: number[];
}

/** Metrics of one target. */
export interface TargetEvaluation {
  name: string;
  classification: ClassificationMetrics | null;
  regression: RegressionMetrics | null;
}

/** Loss and metrics on one split. */
export interface SplitEvaluation {
  rows: number;
  loss: number;
  /** Set for classification (cce/bce losses); with several targets, the mean accuracy of the class targets and no confusion matrix. */
  classification: ClassificationMetrics | null;
  /** Set for regression (mse loss). */
  regression: RegressionMetrics | null;
  /** With more than one target: each target's own metrics and confusion matrix. */
  targets?: TargetEvaluation[] | null;
}

/**
 * The targets of a network, in output order: one per softmax group (labelled like the group),
 * one per other output (labelled like the neuron; classes when it is sigmoid under BCE).
 */
export function targetSlices(net: Network, program: Program, loss: LossKind): TargetSlice[] {
  const col = new Map<string, number>();
  program.outputs.forEach((o, k) => col.set(program.neuronIds[o], k));
  const byId = new Map(net.neurons.map((n) => [n.id, n]));
  const slices: (TargetSlice & { first: number })[] = [];
  const grouped = new Set<string>();
  for (const g of net.softmaxGroups) {
    const columns = g.members.map((m) => col.get(m)).filter((k): k is number => k !== undefined).sort((a, b) => a - b);
    if (!columns.length) continue;
    g.members.forEach((m) => grouped.add(m));
    slices.push({ name: g.label, kind: 'classes', columns, first: columns[0] });
  }
  for (const [id, k] of col) {
    if (grouped.has(id)) continue;
    const n = byId.get(id);
    slices.push({ name: n?.label ?? id, kind: loss === 'bce' || (n?.activation === 'sigmoid' && loss !== 'mse') ? 'classes' : 'regression', columns: [k], first: k });
  }
  return slices.sort((a, b) => a.first - b.first).map(({ name, kind, columns }) => ({ name, kind, columns }));
}

function pick(A: Float64Array, n: number, nOut: number, columns: number[]): Float64Array {
  const out = new Float64Array(n * columns.length);
  for (let r = 0; r < n; r++) for (let j = 0; j < columns.length; j++) out[r * columns.length + j] = A[r * nOut + columns[j]];
  return out;
}

/** Each target's metrics from predictions P and targets T (rows × outputs). */
export function evaluateTargets(P: Float64Array, T: Float64Array, n: number, nOut: number, slices: readonly TargetSlice[]): TargetEvaluation[] {
  return slices.map((t) => {
    const p = pick(P, n, nOut, t.columns);
    const y = pick(T, n, nOut, t.columns);
    const k = t.columns.length;
    return {
      name: t.name,
      classification: t.kind === 'classes' ? classificationMetrics(p, y, n, k) : null,
      regression: t.kind === 'regression' ? regressionMetrics(p, y, n, k) : null,
    };
  });
}

/** Mean loss (without penalties) and metrics over the given rows (per target when `targets` has more than one); loss is NaN for no rows. */
export function evaluateRows(program: Program, params: Float64Array, X: ArrayLike<number>, Y: ArrayLike<number>, rows: Int32Array, loss: LossKind, targets?: readonly TargetSlice[]): SplitEvaluation {
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
  if (n && targets && targets.length > 1) {
    // Several targets: one block each; a merged confusion matrix over all outputs would mean nothing.
    const per = evaluateTargets(P, T, n, nOut, targets);
    const accs = per.filter((t) => t.classification).map((t) => t.classification!.accuracy);
    return {
      rows: n,
      loss: sum / n,
      classification: accs.length ? { accuracy: accs.reduce((a, b) => a + b, 0) / accs.length, confusion: [], precision: [], recall: [] } : null,
      regression: loss === 'mse' && !accs.length ? regressionMetrics(P, T, n, nOut) : null,
      targets: per,
    };
  }
  return {
    rows: n,
    loss: n ? sum / n : NaN,
    classification: n && loss !== 'mse' ? classificationMetrics(P, T, n, nOut) : null,
    regression: n && loss === 'mse' ? regressionMetrics(P, T, n, nOut) : null,
  };
}
