import { useEffect, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import './sweep.css';
import { defaultLoss } from '../../src-shared/training/config';
import { hiddenLayers } from '../../src-shared/training/sweep';
import { useEditorStore } from '../state/editor-store';
import { CURVE_COLORS, type CurveSeries } from './chart-data';
import { CurveChart } from './CurveChart';
import { formatMetric } from '../../src-shared/format-number';
import { adoptSweepRun, bestRow, rowLoss, startSweep, stopSweep, sweepSummary, useSweepStore, type SweepRow } from './sweep-store';
import { useTrainingStore } from '../state/training-store';

const close = () => useSweepStore.setState({ open: false });
const setForm = (patch: Partial<ReturnType<typeof useSweepStore.getState>['form']>) => useSweepStore.setState((s) => ({ form: { ...s.form, ...patch } }));

function gridSize(text: string): number {
  return Math.max(1, text.split(/[\s,;]+/).filter(Boolean).length);
}

/** A run's line: one colour per learning rate × width, dashed for every other seed. */
function lineStyle(r: SweepRow, seeds: readonly number[]): { color: string; dash: boolean } {
  return { color: CURVE_COLORS[Math.floor(r.index / seeds.length) % CURVE_COLORS.length], dash: seeds.indexOf(r.seed) % 2 === 1 };
}

const seedsOf = (rows: readonly SweepRow[]) => [...new Set(rows.map((r) => r.seed))];

/** One line per run: validation loss (training loss without a validation split). */
function sweepSeries(rows: readonly SweepRow[]): CurveSeries[] {
  const seeds = seedsOf(rows);
  return rows
    .filter((r) => (r.history['val.loss'] ?? r.history['train.loss'])?.length)
    .map((r) => ({ label: `#${r.index + 1}`, points: r.history['val.loss'] ?? r.history['train.loss'], ...lineStyle(r, seeds), scale: 'loss' as const }));
}

/** The table's key to the chart: a short sample of the run's line. */
function Swatch({ color, dash }: { color: string; dash: boolean }) {
  return (
    <svg className="sweep-swatch" width="18" height="8" aria-hidden="true">
      <line x1="0" y1="4" x2="18" y2="4" stroke={color} strokeWidth="2.5" strokeDasharray={dash ? '5 3' : undefined} />
    </svg>
  );
}

function Form({ layers }: { layers: string[][] }) {
  const form = useSweepStore((s) => s.form);
  const running = useSweepStore((s) => s.running);
  const epochs = useTrainingStore((s) => s.config.epochs ?? 100);
  const precision = useTrainingStore((s) => s.config.precision);
  const runs = gridSize(form.lrs) * (form.layer >= 0 && form.widths.trim() ? gridSize(form.widths) : 1) * gridSize(form.seeds);
  return (
    <div className="sweep-form">
      <label className="field">
        <span className="field__label">Learning rates</span>
        <input data-testid="sweep-lrs" value={form.lrs} disabled={running} onChange={(e) => setForm({ lrs: e.target.value })} />
      </label>
      <label className="field">
        <span className="field__label">Hidden layer to resize</span>
        <select data-testid="sweep-layer" value={form.layer} disabled={running || !layers.length} onChange={(e) => setForm({ layer: Number(e.target.value) })}>
          <option value={-1}>None: keep the drawn network</option>
          {layers.map((ids, i) => (
            <option key={ids.join()} value={i}>
              Hidden layer {i + 1} ({ids.length} neurons)
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field__label">Widths</span>
        <input data-testid="sweep-widths" value={form.widths} placeholder={form.layer >= 0 ? 'e.g. 4, 8, 16' : 'choose a layer first'} disabled={running || form.layer < 0} onChange={(e) => setForm({ widths: e.target.value })} />
      </label>
      <label className="field">
        <span className="field__label">Seeds</span>
        <input data-testid="sweep-seeds" value={form.seeds} disabled={running} onChange={(e) => setForm({ seeds: e.target.value })} />
      </label>
      <p className="muted sweep-form__note" data-testid="sweep-size">
        {runs} runs of {epochs} epochs with the rest of Setup{precision === 'float32' ? ' (float32 arithmetic)' : ''}; each starts from fresh weights drawn from its seed.
      </p>
    </div>
  );
}

function Table({ rows }: { rows: SweepRow[] }) {
  const best = bestRow(rows);
  // The score is accuracy for the classification losses, R² for mean squared error (as the runner computes it).
  const network = useEditorStore((s) => s.network);
  const loss = useTrainingStore((s) => s.config.loss) ?? defaultLoss(network);
  const classes = loss !== 'mse';
  const running = useSweepStore((s) => s.running);
  const hasWidth = rows.some((r) => r.width !== null);
  const seeds = seedsOf(rows);
  return (
    <table className="run-table sweep-table" data-testid="sweep-table">
      <thead>
        <tr>
          <th>#</th>
          <th>learning rate</th>
          {hasWidth && <th>width</th>}
          <th>seed</th>
          <th>status</th>
          <th>epoch</th>
          <th>{rows.some((r) => r.valLoss !== null) ? 'validation loss' : 'loss'}</th>
          <th>{classes ? 'accuracy' : 'R²'}</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.index} data-testid="sweep-row" data-status={r.status} data-best={best === r} className={best === r ? 'is-best' : undefined} title={r.message ?? undefined}>
            <td>
              <span className="sweep-key">
                <Swatch {...lineStyle(r, seeds)} />#{r.index + 1}
              </span>
            </td>
            <td>{r.lr}</td>
            {hasWidth && <td>{r.width}</td>}
            <td>{r.seed}</td>
            <td>{r.status === 'error' ? 'diverged' : r.status}</td>
            <td data-testid="sweep-epoch">{r.epoch}</td>
            <td data-testid="sweep-loss">{formatMetric(rowLoss(r))}</td>
            <td>{formatMetric(r.score, classes)}</td>
            <td>
              <button type="button" data-testid="sweep-use" disabled={!r.runId || r.status === 'waiting' || r.status === 'running' || running} onClick={() => void adoptSweepRun(r)}>
                Use
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * The sweep dialog: a grid of learning rate × width of one hidden layer × seed trained as parallel runs (each a
 * normal run in the history), compared in one table and one chart; "Use best" puts the winner on the canvas.
 */
export function SweepPanel() {
  const { open, rows, running, workers } = useSweepStore(useShallow((s) => ({ open: s.open, rows: s.rows, running: s.running, workers: s.workers })));
  const network = useEditorStore((s) => s.network);
  const live = useTrainingStore((s) => s.live !== null);
  const layers = useMemo(() => hiddenLayers(network).map((l) => l.ids), [network]);
  const series = useMemo(() => sweepSeries(rows), [rows]);
  const best = bestRow(rows);
  useEffect(() => {
    if (!open) return;
    const esc = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        close();
      }
    };
    window.addEventListener('keydown', esc, true);
    return () => window.removeEventListener('keydown', esc, true);
  }, [open]);
  if (!open) return null;
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && close()}>
      <div className="modal sweep-dialog" role="dialog" aria-modal="true" aria-label="Sweep" data-testid="sweep-dialog">
        <header className="modal__title">
          Sweep: train a grid side by side
          <button type="button" className="modal__close" aria-label="Close" onClick={close}>
            ×
          </button>
        </header>
        <div className="modal__body sweep-body">
          <Form layers={layers} />
          <div className="sweep-actions">
            <button type="button" className="primary" data-testid="sweep-start" disabled={running || live} title={live ? 'A run is training: stop it first' : undefined} onClick={() => void startSweep(layers)}>
              Start sweep
            </button>
            <button type="button" data-testid="sweep-stop" disabled={!running} onClick={() => void stopSweep()}>
              Stop
            </button>
            <button type="button" data-testid="sweep-best" disabled={!best || running} onClick={() => best && void adoptSweepRun(best)}>
              Use best{best ? ` (#${best.index + 1})` : ''}
            </button>
            {rows.length > 0 && (
              <span className="muted" data-testid="sweep-status" role="status">
                {sweepSummary(rows, workers, running)}
              </span>
            )}
          </div>
          {rows.length > 0 && (
            <div className="sweep-results">
              <Table rows={rows} />
              {series.length > 0 && <CurveChart series={series} scoreLabel="score" testId="sweep-chart" />}
            </div>
          )}
        </div>
      </div>
    </div>
  );
}

/** The Setup tab's way in: opens the sweep dialog (which keeps its grid and results while the window lives). */
export function SweepButton() {
  return (
    <>
      <button type="button" className="sweep-open" data-testid="sweep-open" title="Train a grid of learning rates, layer widths and seeds side by side" onClick={() => useSweepStore.setState({ open: true })}>
        Sweep…
      </button>
      <SweepPanel />
    </>
  );
}

/** The status bar's word on a sweep in progress, also while its dialog is closed; a click opens the dialog. */
export function SweepStatus() {
  const { rows, running, workers } = useSweepStore(useShallow((s) => ({ rows: s.rows, running: s.running, workers: s.workers })));
  if (!running) return null;
  return (
    <button type="button" className="statusbar__sweep" data-testid="sweep-progress-status" title="Show the sweep" onClick={() => useSweepStore.setState({ open: true })}>
      Sweep: {sweepSummary(rows, workers, running)}
    </button>
  );
}
