/**
 * The sweep dialog's state and actions: the grid the user typed, the sweep in progress (one row per run, fed by
 * training.sweepProgress events) and picking the best run. Sweep runs never touch the canvas while they train.
 */
import { create } from 'zustand';
import type { EventOf } from '../../src-shared/api';
import { SweepSpecSchema, type SweepPoint } from '../../src-shared/training/sweep';
import { api } from '../api';
import { useEditorStore } from '../state/editor-store';
import { useUiStore } from '../state/ui-store';
import { loadRunWeights, refreshRuns } from './training-actions';
import { appendEpochs, useTrainingStore, type History } from '../state/training-store';

/** One run of the sweep as the table shows it. */
export interface SweepRow extends SweepPoint {
  index: number;
  runId: string | null;
  status: 'waiting' | 'running' | 'completed' | 'stopped' | 'early-stopped' | 'error';
  epoch: number;
  trainLoss: number | null;
  valLoss: number | null;
  score: number | null;
  message: string | null;
  history: History;
}

/** The sweep of this window (the last one stays for comparison until the next starts). */
export interface SweepState {
  open: boolean;
  /** What the form holds: comma-separated values, and the index of the resized hidden layer (-1: none). */
  form: { lrs: string; widths: string; seeds: string; layer: number };
  sweepId: string | null;
  workers: number;
  running: boolean;
  rows: SweepRow[];
}

/** The one sweep store of the window. */
export const useSweepStore = create<SweepState>()(() => ({
  open: false,
  form: { lrs: '0.003, 0.01, 0.03', widths: '', seeds: '1, 2', layer: -1 },
  sweepId: null,
  workers: 0,
  running: false,
  rows: [],
}));

/** The comparison metric: final validation loss, else training loss (lower is better). */
export function rowLoss(r: SweepRow): number | null {
  return r.valLoss ?? r.trainLoss;
}

/** The finished run with the lowest loss, or null. */
export function bestRow(rows: readonly SweepRow[]): SweepRow | null {
  let best: SweepRow | null = null;
  for (const r of rows) {
    const l = rowLoss(r);
    if (r.runId === null || l === null || r.status === 'error' || r.status === 'running' || r.status === 'waiting') continue;
    if (!best || l < rowLoss(best)!) best = r;
  }
  return best;
}

/** The sweep's progress in a line: "1 of 4 runs done, 1 training on 1 worker…" while it runs, "4 of 4 runs done." after. */
export function sweepSummary(rows: readonly SweepRow[], workers: number, running: boolean): string {
  const done = rows.filter((r) => r.status !== 'waiting' && r.status !== 'running').length;
  const training = rows.filter((r) => r.status === 'running').length;
  return running ? `${done} of ${rows.length} runs done, ${training} training on ${workers} worker${workers === 1 ? '' : 's'}…` : `${done} of ${rows.length} runs done.`;
}

/** Parses "0.01, 0.03 0.1" into numbers; null (with a message) when any part is not a number. */
export function parseList(label: string, text: string): number[] | null {
  const parts = text.split(/[\s,;]+/).filter(Boolean);
  const values = parts.map(Number);
  const bad = parts.find((_p, i) => !Number.isFinite(values[i]));
  if (bad !== undefined) {
    useUiStore.getState().toast(`${label}: "${bad}" is not a number.`, 'error');
    return null;
  }
  return values;
}

let subscribed = false;
function subscribe(): void {
  if (subscribed) return;
  subscribed = true;
  api.on('training.sweepProgress', onProgress);
  api.on('training.sweepDone', onDone);
}

function onProgress(e: EventOf<'training.sweepProgress'>): void {
  const s = useSweepStore.getState();
  if (e.sweepId !== s.sweepId) return;
  const rows = s.rows.slice();
  for (const u of e.runs) {
    const r = rows[u.index];
    if (!r) continue;
    const next: SweepRow = { ...r, runId: u.runId, status: u.status, epoch: Math.max(r.epoch, u.epoch), message: u.message };
    const last = u.epochs[u.epochs.length - 1];
    if (last) {
      next.trainLoss = last.trainLoss;
      next.valLoss = last.valLoss;
      next.score = last.score;
      next.history = appendEpochs(r.history, u.epochs);
    }
    rows[u.index] = next;
  }
  useSweepStore.setState({ rows });
}

function onDone(e: EventOf<'training.sweepDone'>): void {
  if (e.sweepId !== useSweepStore.getState().sweepId) return;
  useSweepStore.setState({ running: false });
  const best = bestRow(useSweepStore.getState().rows);
  useUiStore.getState().toast(e.stopped ? 'Sweep stopped.' : `Sweep finished${best ? `: the best run is #${best.index + 1} (learning rate ${best.lr}${best.width !== null ? `, ${best.width} neurons` : ''}, seed ${best.seed})` : ''}.`);
  void refreshRuns();
}

/** Starts the grid of the form with the Setup's configuration on the chosen dataset and the canvas network. */
export async function startSweep(layers: string[][]): Promise<void> {
  const { form, running } = useSweepStore.getState();
  if (running) return;
  const datasetId = useTrainingStore.getState().datasetId;
  if (!datasetId) return void useUiStore.getState().toast('Choose a dataset to train on first (Training ▸ dataset).', 'error');
  const lrs = parseList('Learning rates', form.lrs);
  const widths = parseList('Widths', form.widths);
  const seeds = parseList('Seeds', form.seeds);
  if (!lrs || !widths || !seeds) return;
  const layer = form.layer >= 0 ? (layers[form.layer] ?? []) : [];
  if (widths.length && !layer.length) return void useUiStore.getState().toast('Widths: choose the hidden layer to resize, or leave the widths empty.', 'error');
  const parsed = SweepSpecSchema.safeParse({ lrs, widths: layer.length ? widths : [], layer, seeds });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return void useUiStore.getState().toast(`${issue?.path.join('.') === 'layer' ? 'Layer' : 'Sweep'}: ${issue?.message ?? 'not accepted'}`, 'error');
  }
  subscribe();
  try {
    const r = await api.request('training.sweepStart', { datasetId, network: useEditorStore.getState().network, config: useTrainingStore.getState().config, spec: parsed.data });
    useSweepStore.setState({
      sweepId: r.sweepId,
      workers: r.workers,
      running: true,
      rows: r.points.map((p, index) => ({ ...p, index, runId: null, status: 'waiting', epoch: 0, trainLoss: null, valLoss: null, score: null, message: null, history: {} })),
    });
  } catch (e) {
    useUiStore.getState().toast(e instanceof Error ? e.message : String(e), 'error');
  }
}

/** Stops the sweep in progress (finished runs stay in the history). */
export async function stopSweep(): Promise<void> {
  const { sweepId, running } = useSweepStore.getState();
  if (!sweepId || !running) return;
  await api.request('training.sweepStop', { sweepId }).catch(() => undefined);
}

/** Puts a run's best weights (and its network, when the width differs) on the canvas and its settings in Setup. */
export async function adoptSweepRun(row: SweepRow): Promise<void> {
  if (!row.runId) return;
  if (!(await loadRunWeights(row.runId, 'best'))) return;
  const config = useTrainingStore.getState().config;
  const optimizer = { ...(config.optimizer ?? { kind: 'adam' as const }), lr: row.lr };
  useTrainingStore.setState({ config: { ...config, optimizer, seed: row.seed } });
}
