import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useEditorStore } from '../state/editor-store';
import { daleViolations } from '../../src-shared/model/dale-check';
import type { RunSummary } from '../../src-shared/training/contract';
import { CURVE_COLORS, runSeries } from './chart-data';
import { CurveChart } from './CurveChart';
import { continueRun, loadRunWeights, replayRun, showRun, toggleCompared } from './training-actions';
import { formatMetric } from '../../src-shared/format-number';
import { useTrainingStore } from '../state/training-store';

/** The headline metric of a finished run: validation accuracy or R², else its loss. */
function headline(r: RunSummary): string {
  const e = r.result?.val ?? r.result?.train;
  if (!e) return '–';
  if (e.classification) return `acc ${formatMetric(e.classification.accuracy, true)}`;
  if (e.regression) return `R² ${formatMetric(e.regression.r2)}`;
  return `loss ${formatMetric(e.loss)}`;
}

function RunRow({ r, index, busy: live }: { r: RunSummary; index: number; busy: boolean }) {
  // A run whose row in the file is damaged is listed (with why, on hover) but cannot be used.
  const damaged = r.status === 'damaged';
  const busy = live || damaged;
  const compared = useTrainingStore((s) => s.compared[r.id] !== undefined);
  const [more, setMore] = useState('50');
  return (
    <tr data-testid="run-row" data-run={r.id} data-status={r.status} data-dale={r.config.dale ? 'on' : 'off'}>
      <td>
        <input type="checkbox" aria-label={`Compare run ${index}`} data-testid="run-compare" checked={compared} onChange={() => void toggleCompared(r.id)} />
      </td>
      <td title={r.id}>#{index}</td>
      <td title={new Date(r.started).toLocaleString()}>{new Date(r.started).toLocaleTimeString()}</td>
      <td title={damaged || r.status === 'interrupted' ? (r.message ?? 'Training stopped when Neurite did; Continue goes on from its last checkpoint.') : undefined}>{r.status}</td>
      <td>{r.epochs}{r.config.epochs === null ? ' (no limit)' : ''}</td>
      <td>{r.config.dale ? 'Dale on' : 'Dale off'}</td>
      <td data-testid="run-metric">{headline(r)}</td>
      <td className="run-actions">
        <button type="button" data-testid="run-results" onClick={() => void showRun(r)}>
          Results
        </button>
        <button type="button" data-testid="run-replay" title="Its curves with the replay timeline" onClick={() => void replayRun(r)} disabled={busy}>
          Replay
        </button>
        <button type="button" data-testid="run-load" onClick={() => void loadRunWeights(r.id, 'final')} disabled={busy}>
          Load final
        </button>
        <button type="button" onClick={() => void loadRunWeights(r.id, 'best')} disabled={busy}>
          Load best
        </button>
        <input aria-label="Epochs to continue" className="run-more" value={more} onChange={(e) => setMore(e.target.value)} disabled={busy} />
        <button type="button" data-testid="run-continue" disabled={busy || !(Number(more) >= 1)} onClick={() => void continueRun(r.id, Math.round(Number(more)))}>
          Continue
        </button>
      </td>
    </tr>
  );
}

/** Whether the weights on the canvas keep the signs of E/I neurons: load a run's weights to check it. */
function DaleCheck() {
  const { constrained, broken } = useEditorStore(useShallow((s) => daleViolations(s.network)));
  if (!constrained) return <p className="muted">Mark neurons E or I in the inspector to compare training with and without Dale&apos;s constraint.</p>;
  return (
    <p className="muted" data-testid="dale-violations" data-broken={broken}>
      Canvas weights: {broken} of {constrained} outgoing weights of E/I neurons break their neuron&apos;s sign.
    </p>
  );
}

/** The project's runs: compare their curves, load their weights, continue one. */
export function RunHistory() {
  const runs = useTrainingStore((s) => s.runs);
  const compared = useTrainingStore((s) => s.compared);
  const busy = useTrainingStore((s) => s.live !== null);
  if (!runs.length) return <p className="muted">No runs in this project yet.</p>;
  const numbers = new Map(runs.map((r, i) => [r.id, i + 1]));
  const series = Object.entries(compared).flatMap(([id, h], i) => {
    const r = runs.find((x) => x.id === id);
    return runSeries(h, '', CURVE_COLORS[i % CURVE_COLORS.length], `#${numbers.get(id)}${r ? (r.config.dale ? ' Dale' : ' free') : ''} `);
  });
  return (
    <div className="run-history">
      <DaleCheck />
      {series.length > 0 && <CurveChart series={series} scoreLabel="" testId="compare-chart" />}
      <table className="run-table" data-testid="run-table">
        <thead>
          <tr>
            <th scope="col">Compare</th>
            <th scope="col">Run</th>
            <th scope="col">Started</th>
            <th scope="col">Status</th>
            <th scope="col">Epochs</th>
            <th scope="col">Constraint</th>
            <th scope="col">Result</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {runs.map((r, i) => (
            <RunRow key={r.id} r={r} index={i + 1} busy={busy} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
