import { useEffect, useState } from 'react';
import type { ResponseOf } from '../../src-shared/api';
import { api } from '../api';
import { useEditorStore } from '../state/editor-store';
import { formatMetric } from '../../src-shared/format-number';
import { classCss } from './heatmap-colors';
import { useTrainingStore } from '../state/training-store';

/** A class value with its colour from the one class palette (as in the decision boundary and the data view). */
function ClassValue({ value, names }: { value: string | number; names: string[] | null }) {
  const k = typeof value === 'string' ? (names?.indexOf(value) ?? -1) : value === 0 || value === 1 ? value : -1;
  const text = typeof value === 'number' ? formatMetric(value) : value;
  if (k < 0) return <>{text}</>;
  return (
    <span className="class-value" data-class={k}>
      <span className="class-value__swatch" style={{ background: classCss(k) }} aria-hidden="true" />
      {text}
    </span>
  );
}

const PAGE = 20;

/** The canvas network's predictions beside the true values on a split, a page at a time, optionally only the mistakes. */
export function PredictionsTable({ datasetId }: { datasetId: string }) {
  const network = useEditorStore((s) => s.network);
  const [split, setSplit] = useState<'validation' | 'test' | 'train'>('validation');
  const [mistakesOnly, setMistakesOnly] = useState(false);
  const [offset, setOffset] = useState(0);
  const [reply, setReply] = useState<ResponseOf<'training.predictions'> | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    api.request('training.predictions', { datasetId, network, split, offset, limit: PAGE, mistakesOnly }).then(
      (r) => live && (setReply(r), setProblem(null)),
      (e: unknown) => live && setProblem(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [datasetId, network, split, offset, mistakesOnly]);
  const classes = reply?.rows.some((r) => r.correct !== null) ?? false;
  const names = useTrainingStore((s) => s.meta?.targets.find((t) => t.kind === 'classes')?.classes ?? null);
  const total = reply?.total ?? 0;
  return (
    <section className="predictions" aria-label="Predictions" data-testid="predictions" data-total={total}>
      <div className="predictions__bar">
        <h4>Predictions</h4>
        <select aria-label="Split" data-testid="predictions-split" value={split} onChange={(e) => (setSplit(e.target.value as typeof split), setOffset(0))}>
          <option value="validation">validation</option>
          <option value="test">test</option>
          <option value="train">train</option>
        </select>
        <label className="check">
          <input type="checkbox" data-testid="predictions-mistakes" checked={mistakesOnly} onChange={(e) => (setMistakesOnly(e.target.checked), setOffset(0))} /> mistakes only
        </label>
        <button type="button" aria-label="Previous page" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
          ‹
        </button>
        <span className="muted" data-testid="predictions-page">
          {total ? `${offset + 1}–${Math.min(total, offset + PAGE)} of ${total}` : 'no rows'}
        </span>
        <button type="button" aria-label="Next page" disabled={offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)}>
          ›
        </button>
      </div>
      {problem && <p className="training-error">{problem}</p>}
      {reply && (
        <table className="run-table">
          <thead>
            <tr>
              <th scope="col">row</th>
              <th scope="col">true</th>
              <th scope="col">predicted</th>
              <th scope="col">{classes ? 'probability' : 'error'}</th>
            </tr>
          </thead>
          <tbody>
            {reply.rows.map((r) => (
              <tr key={r.row} data-testid="prediction-row" data-correct={r.correct === null ? undefined : String(r.correct)} className={r.correct === false ? 'is-wrong' : undefined}>
                <td>{r.row + 1}</td>
                <td>{classes ? <ClassValue value={r.truth} names={names} /> : typeof r.truth === 'number' ? formatMetric(r.truth) : r.truth}</td>
                <td>{classes ? <ClassValue value={r.predicted} names={names} /> : typeof r.predicted === 'number' ? formatMetric(r.predicted) : r.predicted}</td>
                <td>{classes ? formatMetric(r.probability, true) : formatMetric(r.error)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
