import type { Program } from './compile';
import { forwardBatch } from './forward';
import { createWorkspace, loadInputs } from './workspace';

/** Per-synapse summary of c = w·o over rows (document synapse order). */
export interface ContributionSummary {
  /** Rows summarised. */
  count: number;
  /** Mean signed contribution. */
  mean: Float64Array;
  /** Mean |contribution|. */
  meanAbs: Float64Array;
  /** Share of rows where the contribution is excitatory (c > 0). */
  excitatoryShare: Float64Array;
}

/** Dataset-wide contribution statistics, optionally also per class. */
export interface ContributionStats extends ContributionSummary {
  /** One summary per class index when classes were given. */
  perClass?: ContributionSummary[];
}

/**
 * Runs the dataset X (row-major, one column per input neuron) through the network in batches and summarises every
 * synapse's contribution; `classes[r]` in [0, nClasses) adds per-class summaries.
 */
export function contributionStats(program: Program, params: Float64Array, X: ArrayLike<number>, nRows: number, classes?: { labels: ArrayLike<number>; nClasses: number }, batchSize = 256): ContributionStats {
  const S = program.synapseIds.length;
  const C = classes ? classes.nClasses : 0;
  const sum = new Float64Array(S * (C + 1));
  const abs = new Float64Array(S * (C + 1));
  const pos = new Float64Array(S * (C + 1));
  const counts = new Float64Array(C + 1);
  const ws = createWorkspace(program, batchSize);
  for (let start = 0; start < nRows; start += batchSize) {
    const B = Math.min(batchSize, nRows - start);
    loadInputs(program, ws, X, null, start, B);
    forwardBatch(program, params, ws, B);
    const O = ws.O;
    for (let s = 0; s < S; s++) {
      const w = params[program.synParam[s]];
      const base = program.synSource[s] * B;
      let a = 0, m = 0, p = 0;
      for (let b = 0; b < B; b++) {
        const c = w * O[base + b];
        a += c;
        m += Math.abs(c);
        if (c > 0) p++;
        if (classes) {
          const k = (classes.labels[start + b] + 1) * S + s;
          sum[k] += c;
          abs[k] += Math.abs(c);
          if (c > 0) pos[k]++;
        }
      }
      sum[s] += a;
      abs[s] += m;
      pos[s] += p;
    }
    counts[0] += B;
    if (classes) for (let b = 0; b < B; b++) counts[classes.labels[start + b] + 1]++;
  }
  const summary = (j: number): ContributionSummary => {
    const n = counts[j] || 1;
    const f = (a: Float64Array) => Float64Array.from(a.subarray(j * S, j * S + S), (v) => v / n);
    return { count: counts[j], mean: f(sum), meanAbs: f(abs), excitatoryShare: f(pos) };
  };
  const all = summary(0) as ContributionStats;
  if (classes) all.perClass = Array.from({ length: C }, (_, c) => summary(c + 1));
  return all;
}
