import type { z } from 'zod';
import type { SplitEvaluationSchema } from '../../src-shared/training/contract';
import { fmt } from './format';
import { PredictionsTable } from './PredictionsTable';
import { useTrainingStore } from './training-store';

type SplitEvaluation = z.infer<typeof SplitEvaluationSchema>;

function ConfusionMatrix({ split, e, classes }: { split: string; e: NonNullable<SplitEvaluation['classification']>; classes: string[] }) {
  const max = Math.max(1, ...e.confusion.flat());
  return (
    <table className="confusion" data-testid={`confusion-${split}`} aria-label={`Confusion matrix, ${split}: rows are true classes, columns predicted`}>
      <thead>
        <tr>
          <th scope="col">true ↓ / predicted →</th>
          {classes.map((c) => (
            <th key={c} scope="col">
              {c}
            </th>
          ))}
          <th scope="col">recall</th>
        </tr>
      </thead>
      <tbody>
        {e.confusion.map((row, i) => (
          <tr key={i}>
            <th scope="row">{classes[i]}</th>
            {row.map((n, j) => (
              // Shade by count; the diagonal (right answers) in blue, mistakes in grey.
              <td key={j} className={i === j ? 'is-hit' : n ? 'is-miss' : ''} style={{ '--share': n / max } as React.CSSProperties} data-count={n}>
                {n}
              </td>
            ))}
            <td className="confusion__rate">{fmt(e.recall[i], true)}</td>
          </tr>
        ))}
        <tr>
          <th scope="row">precision</th>
          {e.precision.map((p, j) => (
            <td key={j} className="confusion__rate">
              {fmt(p, true)}
            </td>
          ))}
          <td />
        </tr>
      </tbody>
    </table>
  );
}

function SplitResult({ name, split, e, classes }: { name: string; split: string; e: SplitEvaluation; classes: string[] }) {
  return (
    <section className="split-result" data-testid={`result-${split}`} aria-label={`${name} results`}>
      <h4>
        {name} <span className="muted">({e.rows} rows)</span>
      </h4>
      <dl className="summary">
        <dt>loss</dt>
        <dd data-testid={`result-${split}-loss`}>{fmt(e.loss)}</dd>
        {e.classification && (
          <>
            <dt>accuracy</dt>
            <dd data-testid={`result-${split}-accuracy`}>{fmt(e.classification.accuracy, true)}</dd>
          </>
        )}
        {e.regression && (
          <>
            <dt>MSE</dt>
            <dd>{fmt(e.regression.mse)}</dd>
            <dt>MAE</dt>
            <dd>{fmt(e.regression.mae)}</dd>
            <dt>R²</dt>
            <dd data-testid={`result-${split}-r2`}>{fmt(e.regression.r2)}</dd>
          </>
        )}
      </dl>
      {e.classification && <ConfusionMatrix split={split} e={e.classification} classes={e.classification.confusion.map((_, i) => classes[i] ?? `class ${i + 1}`)} />}
    </section>
  );
}

/** The last run's results on validation and test (and train): metrics, and a confusion matrix for classes. */
export function TrainingResults() {
  const outcome = useTrainingStore((s) => s.outcome);
  const meta = useTrainingStore((s) => s.meta);
  if (!outcome) return <p className="muted">Train a run to see its results here, or pick a run under Runs.</p>;
  if (!outcome.evaluation)
    return (
      <p className="training-error" data-testid="training-error">
        {outcome.message ?? 'This run has no results yet (it did not finish).'}
      </p>
    );
  // A 0/1 number target is scored as two classes, named as the predictions table names them.
  const classes = meta?.targets.find((t) => t.kind === 'classes')?.classes ?? ['0', '1'];
  const { train, val, test } = outcome.evaluation;
  return (
    <div className="training-results" data-testid="training-results" data-run={outcome.runId}>
      {val && <SplitResult name="Validation" split="val" e={val} classes={classes} />}
      {test && <SplitResult name="Test" split="test" e={test} classes={classes} />}
      <SplitResult name="Train" split="train" e={train} classes={classes} />
      {outcome.datasetId && <PredictionsTable datasetId={outcome.datasetId} />}
    </div>
  );
}
