/** The CLI's JSON form of an evaluation: plain numbers (null for NaN), no confusion-matrix noise unless per target. */
import type { SplitEvaluation } from '../../src-shared/training/evaluate';

export type { SplitEvaluation };

const n = (v: number | null | undefined): number | null => (v === null || v === undefined || !Number.isFinite(v) ? null : v);

/** One split's rows, loss and accuracy (or mse, mae, r2), with each target's metrics and confusion matrix when there are several. */
export function evaluationJson(e: SplitEvaluation): Record<string, unknown> {
  const out: Record<string, unknown> = { rows: e.rows, loss: n(e.loss) };
  if (e.classification) {
    out.accuracy = n(e.classification.accuracy);
    if (e.classification.confusion.length) out.confusion = e.classification.confusion;
  }
  if (e.regression) Object.assign(out, { mse: n(e.regression.mse), mae: n(e.regression.mae), r2: n(e.regression.r2) });
  if (e.targets?.length)
    out.targets = e.targets.map((t) => ({
      name: t.name,
      ...(t.classification ? { accuracy: n(t.classification.accuracy), confusion: t.classification.confusion } : {}),
      ...(t.regression ? { mse: n(t.regression.mse), mae: n(t.regression.mae), r2: n(t.regression.r2) } : {}),
    }));
  return out;
}
