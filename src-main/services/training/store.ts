/** Runs, metric history, checkpoints and replay snapshots in a project's working database. */
import type Database from 'better-sqlite3';
import type { Network } from '../../../src-shared/model/network';
import type { TrainingConfig } from '../../../src-shared/training/config';
import type { EpochSummary, RunState } from '../../../src-shared/training/runner';
import type { RunEvaluation } from '../../../src-shared/training/protocol';
import { snapshotEpochs } from '../../../src-shared/training/snapshots';
import { blobToParams, decodeRunState, encodeRunState, paramsToBlob } from './state-codec';

/** What runs.config holds (JSON): the config, the resolved loss, and the final evaluation once done. */
export interface StoredRunConfig {
  config: TrainingConfig;
  loss: string;
  /** null: no epoch limit (until stopped). */
  targetEpochs: number | null;
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

/** Where a snapshot sits in a run: after `epoch` completed epochs and `step` batches of the next. */
export interface SnapshotKey {
  epoch: number;
  step: number;
}

/**
 * Writes replay snapshots and thins the run's snapshots to the spacing of snapshots.ts for its newest epoch, in one
 * transaction. `keep` (the run's current final position, maybe mid-epoch) survives the thinning.
 */
export function writeSnapshots(db: Database.Database, runId: string, snaps: readonly (SnapshotKey & { params: Float64Array })[], keep?: SnapshotKey): void {
  if (!snaps.length && !keep) return;
  const ins = db.prepare('INSERT OR REPLACE INTO run_snapshots (run_id, epoch, step, weights) VALUES (?, ?, ?, ?)');
  const del = db.prepare('DELETE FROM run_snapshots WHERE run_id = ? AND epoch = ? AND step = ?');
  db.transaction(() => {
    for (const s of snaps) ins.run(runId, s.epoch, s.step, paramsToBlob(s.params));
    const stored = listSnapshots(db, runId);
    const latest = Math.max(keep?.epoch ?? 0, ...stored.map((k) => k.epoch));
    const grid = new Set(snapshotEpochs(latest));
    for (const k of stored) {
      const kept = (k.step === 0 && grid.has(k.epoch)) || (keep !== undefined && k.epoch === keep.epoch && k.step === keep.step);
      if (!kept) del.run(runId, k.epoch, k.step);
    }
  })();
}

/** A run's snapshot positions, in order. */
export function listSnapshots(db: Database.Database, runId: string): SnapshotKey[] {
  return db.prepare('SELECT epoch, step FROM run_snapshots WHERE run_id = ? ORDER BY epoch, step').all(runId) as SnapshotKey[];
}

/** One snapshot's parameter vector (program order of the run's network), or null. */
export function readSnapshot(db: Database.Database, runId: string, key: SnapshotKey): Float64Array | null {
  const r = db.prepare('SELECT weights FROM run_snapshots WHERE run_id = ? AND epoch = ? AND step = ?').get(runId, key.epoch, key.step) as { weights: Buffer } | undefined;
  return r ? blobToParams(r.weights) : null;
}
