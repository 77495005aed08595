import type { z } from 'zod';
import type { SplitEvaluationSchema } from '../../src-shared/training/contract';
import { formatMetric } from '../../src-shared/format-number';
import { PredictionsTable } from './PredictionsTable';
import { useTrainingStore } from '../state/training-store';

type SplitEvaluation = z.infer<typeof SplitEvaluationSchema>;

function ConfusionMatrix({ split, e, classes, target }: { split: string; e: NonNullable<SplitEvaluation['classification']>; classes: string[]; target?: string }) {
  const max = Math.max(1, ...e.confusion.flat());
  return (
    <table className="confusion" data-testid={`confusion-${split}`} data-target={target} aria-label={`Confusion matrix${target ? ` of ${target}` : ''}, ${split}: rows are true classes, columns predicted`}>
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
            <td className="confusion__rate">{formatMetric(e.recall[i], true)}</td>
          </tr>
        ))}
        <tr>
          <th scope="row">precision</th>
          {e.precision.map((p, j) => (
            <td key={j} className="confusion__rate">
              {formatMetric(p, true)}
            </td>
          ))}
          <td />
        </tr>
      </tbody>
    </table>
  );
}

type Meta = ReturnType<typeof useTrainingStore.getState>['meta'];

/** Class names of a target (by its column name), as the dataset stored them; a 0/1 number target is two classes. */
function classesOf(meta: Meta, target: string | null, size: number): string[] {
  const t = target === null ? meta?.targets.find((x) => x.kind === 'classes') : meta?.targets.find((x) => x.column === target);
  const names = t?.classes ?? ['0', '1'];
  return Array.from({ length: size }, (_, i) => names[i] ?? `class ${i + 1}`);
}

/** One metrics block and confusion matrix per target, when the network predicts several. */
function TargetResults({ split, targets, meta }: { split: string; targets: NonNullable<SplitEvaluation['targets']>; meta: Meta }) {
  return (
    <>
      {targets.map((t) => (
        <div key={t.name} className="target-result" data-testid={`result-${split}-target`} data-target={t.name}>
          <h5>{t.name}</h5>
          <dl className="summary">
            {t.classification && (
              <>
                <dt>accuracy</dt>
                <dd>{formatMetric(t.classification.accuracy, true)}</dd>
              </>
            )}
            {t.regression && (
              <>
                <dt>MSE</dt>
                <dd>{formatMetric(t.regression.mse)}</dd>
                <dt>MAE</dt>
                <dd>{formatMetric(t.regression.mae)}</dd>
                <dt>R²</dt>
                <dd>{formatMetric(t.regression.r2)}</dd>
              </>
            )}
          </dl>
          {t.classification && <ConfusionMatrix split={split} e={t.classification} target={t.name} classes={classesOf(meta, t.name, t.classification.confusion.length)} />}
        </div>
      ))}
    </>
  );
}

function SplitResult({ name, split, e, classes, meta }: { name: string; split: string; e: SplitEvaluation; classes: string[]; meta: Meta }) {
  const several = !!e.targets && e.targets.length > 1;
  return (
    <section className="split-result" data-testid={`result-${split}`} aria-label={`${name} results`}>
      <h4>
        {name} <span className="muted">({e.rows} rows)</span>
      </h4>
      <dl className="summary">
        <dt>loss</dt>
        <dd data-testid={`result-${split}-loss`}>{formatMetric(e.loss)}</dd>
        {e.classification && (
          <>
            <dt>{several ? 'mean accuracy' : 'accuracy'}</dt>
            <dd data-testid={`result-${split}-accuracy`}>{formatMetric(e.classification.accuracy, true)}</dd>
          </>
        )}
        {e.regression && (
          <>
            <dt>MSE</dt>
            <dd>{formatMetric(e.regression.mse)}</dd>
            <dt>MAE</dt>
            <dd>{formatMetric(e.regression.mae)}</dd>
            <dt>R²</dt>
            <dd data-testid={`result-${split}-r2`}>{formatMetric(e.regression.r2)}</dd>
          </>
        )}
      </dl>
      {several ? (
        <TargetResults split={split} targets={e.targets!} meta={meta} />
      ) : (
        e.classification && <ConfusionMatrix split={split} e={e.classification} classes={e.classification.confusion.map((_, i) => classes[i] ?? `class ${i + 1}`)} />
      )}
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
      {val && <SplitResult name="Validation" split="val" e={val} classes={classes} meta={meta} />}
      {test && <SplitResult name="Test" split="test" e={test} classes={classes} meta={meta} />}
      <SplitResult name="Train" split="train" e={train} classes={classes} meta={meta} />
      {outcome.datasetId && <PredictionsTable datasetId={outcome.datasetId} />}
    </div>
  );
}
