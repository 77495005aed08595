/** Runs, metric history and checkpoints in a project's working database (tables of format 1). */
import type Database from 'better-sqlite3';
import type { Network } from '../../../src-shared/model/network';
import type { TrainingConfig } from '../../../src-shared/training/config';
import type { EpochSummary, RunState } from '../../../src-shared/training/runner';
import type { RunEvaluation } from '../../../src-shared/training/protocol';
import { blobToParams, decodeRunState, encodeRunState, paramsToBlob } from './state-codec';

/** What runs.config holds (JSON): the config, the resolved loss, and the final evaluation once done. */
export interface StoredRunConfig {
  config: TrainingConfig;
  loss: string;
  targetEpochs: number;
  result: RunEvaluation | null;
  message: string | null;
}

/** One row of the run list. */
export interface RunRow {
  id: string;
  datasetId: string | null;
  started: string;
  finished: string | null;
  status: string;
  stored: StoredRunConfig;
  network: Network;
}

/** Inserts a run in status 'running'. */
export function insertRun(db: Database.Database, run: { id: string; datasetId: string | null; network: Network; stored: StoredRunConfig }): void {
  db.prepare('INSERT INTO runs (id, dataset_id, started, finished, status, config, network) VALUES (?, ?, ?, NULL, ?, ?, ?)').run(
    run.id, run.datasetId, new Date().toISOString(), 'running', JSON.stringify(run.stored), JSON.stringify(run.network),
  );
}

/** Appends epoch summaries as metric rows (train.loss, val.loss, val.score; step = epoch number), in one transaction. */
export function appendEpochs(db: Database.Database, runId: string, epochs: EpochSummary[]): void {
  if (!epochs.length) return;
  const ins = db.prepare('INSERT OR REPLACE INTO run_metrics (run_id, name, step, epoch, value) VALUES (?, ?, ?, ?, ?)');
  db.transaction(() => {
    for (const e of epochs) {
      ins.run(runId, 'train.loss', e.epoch, e.epoch, e.trainLoss);
      if (e.val) ins.run(runId, 'val.loss', e.epoch, e.epoch, e.val.loss);
      if (Number.isFinite(e.score)) ins.run(runId, e.val ? 'val.score' : 'train.score', e.epoch, e.epoch, e.score);
    }
  })();
}

/** Writes (replacing) the 'final' or 'best' checkpoint: weights and, for final, the resumable state. */
export function writeCheckpoint(db: Database.Database, runId: string, which: 'final' | 'best', epoch: number, params: Float64Array, state: RunState | null): void {
  db.prepare('INSERT OR REPLACE INTO checkpoints (id, run_id, step, created, weights, optimizer_state, note) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    `${runId}:${which}`, runId, epoch, new Date().toISOString(), paramsToBlob(params), state ? encodeRunState(state) : null, which,
  );
}

/** Marks a run finished with its status, final evaluation or message. */
export function finishRun(db: Database.Database, runId: string, status: string, patch: Partial<StoredRunConfig>): void {
  const row = db.prepare('SELECT config FROM runs WHERE id = ?').get(runId) as { config: string } | undefined;
  if (!row) return;
  const stored = { ...(JSON.parse(row.config) as StoredRunConfig), ...patch };
  db.prepare('UPDATE runs SET finished = ?, status = ?, config = ? WHERE id = ?').run(new Date().toISOString(), status, JSON.stringify(stored), runId);
}

/** Every run, oldest first. */
export function listRuns(db: Database.Database): RunRow[] {
  const rows = db.prepare('SELECT id, dataset_id, started, finished, status, config, network FROM runs ORDER BY started, id').all() as {
    id: string; dataset_id: string | null; started: string; finished: string | null; status: string; config: string; network: string;
  }[];
  return rows.map((r) => ({ id: r.id, datasetId: r.dataset_id, started: r.started, finished: r.finished, status: r.status, stored: JSON.parse(r.config) as StoredRunConfig, network: JSON.parse(r.network) as Network }));
}

/** One run, or null. */
export function getRun(db: Database.Database, runId: string): RunRow | null {
  return listRuns(db).find((r) => r.id === runId) ?? null;
}

/** A run's metric history: per metric name, [epoch, value] pairs in epoch order. */
export function metricHistory(db: Database.Database, runId: string): Record<string, [number, number][]> {
  const rows = db.prepare('SELECT name, step, value FROM run_metrics WHERE run_id = ? ORDER BY name, step').all(runId) as { name: string; step: number; value: number }[];
  const out: Record<string, [number, number][]> = {};
  for (const r of rows) (out[r.name] ??= []).push([r.step, r.value]);
  return out;
}

/** A stored checkpoint's weights and state, or null. */
export function readCheckpoint(db: Database.Database, runId: string, which: 'final' | 'best'): { epoch: number; params: Float64Array; state: RunState | null } | null {
  const r = db.prepare('SELECT step, weights, optimizer_state FROM checkpoints WHERE id = ?').get(`${runId}:${which}`) as { step: number; weights: Buffer; optimizer_state: Buffer | null } | undefined;
  if (!r) return null;
  return { epoch: r.step, params: blobToParams(r.weights), state: r.optimizer_state ? decodeRunState(r.optimizer_state) : null };
}
