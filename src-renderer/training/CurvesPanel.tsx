import { useMemo } from 'react';
import { runSeries } from './chart-data';
import { CurveChart } from './CurveChart';
import { formatMetric } from '../../src-shared/format-number';
import { ReplayTimeline } from './ReplayTimeline';
import { useScoreName, useTrainingStore } from '../state/training-store';

/** The finished run's headline results beside its curves; the full tables are one click away. */
function ResultsAside() {
  const outcome = useTrainingStore((s) => s.outcome);
  const live = useTrainingStore((s) => s.live !== null);
  if (live || !outcome) return null;
  const ev = outcome.evaluation;
  const row = (name: string, split: NonNullable<typeof ev>['train'] | null | undefined, id: string) =>
    split && (
      <tr key={id} data-testid={`aside-${id}`}>
        <th scope="row">{name}</th>
        <td>{formatMetric(split.loss)}</td>
        <td>{split.classification ? formatMetric(split.classification.accuracy, true) : formatMetric(split.regression?.r2)}</td>
      </tr>
    );
  const scoreName = ev?.train.classification ? 'accuracy' : 'R²';
  return (
    <aside className="curves-aside" data-testid="curves-aside" aria-label="Results of the run">
      <h4>{outcome.reason === 'error' ? 'Run failed' : outcome.reason === 'completed' ? 'Run finished' : outcome.reason === 'early-stopped' ? 'Stopped early' : 'Run stopped'}</h4>
      {ev ? (
        <table className="curves-aside__table">
          <thead>
            <tr>
              <th scope="col" />
              <th scope="col">loss</th>
              <th scope="col">{scoreName}</th>
            </tr>
          </thead>
          <tbody>{[row('validation', ev.val, 'val'), row('test', ev.test, 'test'), row('train', ev.train, 'train')]}</tbody>
        </table>
      ) : (
        <p className="training-error">{outcome.message}</p>
      )}
      <button type="button" className="link-button" data-testid="aside-details" onClick={() => useTrainingStore.setState({ tab: 'results' })}>
        Confusion matrix and predictions ›
      </button>
    </aside>
  );
}

/** The live run's curves, else the last run's, with its results beside them and the replay timeline under them. */
export function CurvesPanel() {
  const shown = useTrainingStore((s) => s.live?.history ?? s.outcome?.history ?? null);
  const scoreLabel = useScoreName();
  const marker = useTrainingStore((s) => (s.replay && s.replay.index !== null ? (s.replay.snapshots[s.replay.index]?.epoch ?? null) : null));
  const series = useMemo(() => (shown ? runSeries(shown, scoreLabel) : []), [shown, scoreLabel]);
  return (
    <div className="curves-panel">
      <div className="curves-panel__main">
        {shown ? <CurveChart series={series} scoreLabel={scoreLabel} testId="live-chart" marker={marker} /> : <p className="muted">Curves appear here while a run trains.</p>}
        <ReplayTimeline />
      </div>
      <ResultsAside />
    </div>
  );
}
