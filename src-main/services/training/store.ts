/**
 * Runs, metric history, checkpoints and replay snapshots in a project's working database.
 * Everything read back is validated (zod for the JSON, bounded sizes for text and BLOBs): a bad row
 * makes that one run unusable with a sentence saying why, never the whole list.
 */
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { NetworkSchema, type Network } from '../../../src-shared/model/network';
import { TrainingConfigSchema, type TrainingConfig } from '../../../src-shared/training/config';
import { RunEvaluationSchema, RunStatusSchema, type RunStatus } from '../../../src-shared/training/contract';
import type { EpochSummary, RunEvaluation, RunState } from '../../../src-shared/training/runner';
import { snapshotEpochs } from '../../../src-shared/training/snapshots';
import { UserError } from '../user-error';
import { BadCheckpointError, blobToParams, decodeRunState, encodeRunState, paramsToBlob, readStateHeader } from './state-codec';

/** What runs.config holds (JSON): the config, the resolved loss, and the final evaluation once done. */
export interface StoredRunConfig {
  config: TrainingConfig;
  loss: string;
  /** null: no epoch limit (until stopped). */
  targetEpochs: number | null;
  result: RunEvaluation | null;
  message: string | null;
}

const StoredRunConfigSchema = z.object({
  config: TrainingConfigSchema,
  loss: z.string().max(20),
  targetEpochs: z.number().int().min(0),
  result: RunEvaluationSchema.nullable(),
  message: z.string().max(10_000).nullable(),
});

/** Sizes beyond anything Neurite writes: a row past them is damaged, and is not read into memory. */
const MAX_ID = 200;
const MAX_TIME = 64;
const MAX_CONFIG_CHARS = 16 * 1024 * 1024;
const MAX_NETWORK_CHARS = 64 * 1024 * 1024;

/** One run, fully read and validated. */
export interface RunRow {
  id: string;
  datasetId: string | null;
  started: string;
  finished: string | null;
  status: RunStatus;
  stored: StoredRunConfig;
  network: Network;
}

/** One entry of the run list: a usable run, or one whose row is damaged (`problem` says why, `stored` is null). */
export interface RunListItem {
  id: string;
  datasetId: string | null;
  started: string;
  finished: string | null;
  status: RunStatus | 'damaged';
  stored: StoredRunConfig | null;
  /** Epochs completed, from the last checkpoint. */
  epochs: number;
  problem: string | null;
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

/** Parses runs.config, or says why it cannot be used. */
function parseStored(text: string | null): StoredRunConfig | string {
  if (text === null) return 'its settings are too large to be ones Neurite wrote';
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return 'its settings are not valid JSON';
  }
  const r = StoredRunConfigSchema.safeParse(json);
  return r.success ? (r.data as StoredRunConfig) : `its settings do not describe a training run (${r.error.issues[0]?.path.join('.') || 'settings'}: ${r.error.issues[0]?.message})`;
}

/** Marks a run finished with its status, final evaluation or message. */
export function finishRun(db: Database.Database, runId: string, status: string, patch: Partial<StoredRunConfig>): void {
  const row = db.prepare('SELECT config FROM runs WHERE id = ?').get(runId) as { config: string } | undefined;
  if (!row) return;
  const prev = parseStored(row.config.length <= MAX_CONFIG_CHARS ? row.config : null);
  const stored = { ...(typeof prev === 'string' ? {} : prev), ...patch };
  db.prepare('UPDATE runs SET finished = ?, status = ?, config = ? WHERE id = ?').run(new Date().toISOString(), status, JSON.stringify(stored), runId);
}

type RawRun = { id: string; idLen: number; dataset_id: string | null; dsLen: number | null; started: string; finished: string | null; timeLen: number; status: string; config: string | null };

const RAW_RUNS = `SELECT substr(id, 1, ${MAX_ID}) AS id, length(id) AS idLen, substr(dataset_id, 1, ${MAX_ID}) AS dataset_id, length(dataset_id) AS dsLen,
  substr(started, 1, ${MAX_TIME}) AS started, substr(finished, 1, ${MAX_TIME}) AS finished, max(length(started), coalesce(length(finished), 0)) AS timeLen,
  substr(status, 1, 40) AS status, CASE WHEN length(config) <= ${MAX_CONFIG_CHARS} THEN config END AS config FROM runs`;

/** Why a checkpoint row cannot be used, read without loading its arrays; null when it looks sound. */
function checkpointProblem(db: Database.Database, runId: string): { epochs: number; problem: string | null } {
  const cp = db
    .prepare('SELECT step, typeof(weights) AS wt, length(weights) AS wLen, length(optimizer_state) AS sLen, substr(optimizer_state, 1, 65540) AS head FROM checkpoints WHERE id = ?')
    .get(`${runId}:final`) as { step: unknown; wt: string; wLen: number; sLen: number | null; head: Buffer | string | null } | undefined;
  if (!cp) return { epochs: 0, problem: null };
  const epochs = typeof cp.step === 'number' && Number.isInteger(cp.step) && cp.step >= 0 ? cp.step : 0;
  if (cp.wt !== 'blob' || cp.wLen % 8 !== 0) return { epochs, problem: 'its saved weights are not a list of numbers' };
  if (cp.sLen !== null) {
    if (!Buffer.isBuffer(cp.head)) return { epochs, problem: 'its saved state is not binary data' };
    try {
      readStateHeader(cp.head, cp.sLen);
    } catch (e) {
      return { epochs, problem: (e as Error).message };
    }
  }
  return { epochs, problem: null };
}

function rawToItem(db: Database.Database, r: RawRun): RunListItem {
  const base = { id: r.id, datasetId: r.dataset_id, started: r.started, finished: r.finished };
  const damaged = (problem: string): RunListItem => ({ ...base, status: 'damaged', stored: null, epochs: 0, problem });
  if (r.idLen > MAX_ID || (r.dsLen ?? 0) > MAX_ID || r.timeLen > MAX_TIME) return damaged('its row holds text far longer than Neurite writes');
  const status = RunStatusSchema.safeParse(r.status);
  if (!status.success) return damaged(`its status "${r.status}" is not one Neurite knows`);
  const stored = parseStored(r.config);
  if (typeof stored === 'string') return damaged(stored);
  const cp = checkpointProblem(db, r.id);
  if (cp.problem) return { ...damaged(cp.problem), epochs: cp.epochs };
  return { ...base, status: status.data, stored, epochs: cp.epochs, problem: null };
}

/** Every run, oldest first; a damaged row is listed with status 'damaged' and its problem. */
export function listRuns(db: Database.Database): RunListItem[] {
  const rows = db.prepare(`${RAW_RUNS} ORDER BY started, id`).all() as RawRun[];
  return rows.map((r) => rawToItem(db, r));
}

/** A user error for a run that cannot be used. */
function damagedRun(runId: string, problem: string): UserError {
  return new UserError('run.damaged', `The run ${runId.slice(0, 40)} in this project is damaged (${problem}), so it cannot be used. Its other runs are not affected.`);
}

/** One run, fully validated (its network included); null when there is no such run; a UserError when its row is damaged. */
export function getRun(db: Database.Database, runId: string): RunRow | null {
  const r = db.prepare(`${RAW_RUNS} WHERE id = ?`).get(runId) as RawRun | undefined;
  if (!r) return null;
  const item = rawToItem(db, r);
  if (item.problem !== null || item.status === 'damaged' || !item.stored) throw damagedRun(runId, item.problem ?? 'unknown');
  const net = db.prepare(`SELECT CASE WHEN length(network) <= ${MAX_NETWORK_CHARS} THEN network END AS network, network IS NULL AS missing FROM runs WHERE id = ?`).get(runId) as { network: string | null; missing: number };
  if (net.missing) throw damagedRun(runId, 'it has no network');
  if (net.network === null) throw damagedRun(runId, 'its network is larger than any network Neurite opens');
  let network: Network;
  try {
    network = NetworkSchema.parse(JSON.parse(net.network));
  } catch (e) {
    const issue = (e as { issues?: { path: PropertyKey[]; message: string }[] }).issues?.[0];
    throw damagedRun(runId, issue ? `its network is not valid: ${issue.path.map(String).join('.')}: ${issue.message}` : 'its network is not valid JSON');
  }
  return { id: item.id, datasetId: item.datasetId, started: item.started, finished: item.finished, status: item.status, stored: item.stored, network };
}

/** A run's metric history: per metric name, [epoch, value] pairs in epoch order (rows that are not numbers are skipped). */
export function metricHistory(db: Database.Database, runId: string): Record<string, [number, number][]> {
  const rows = db
    .prepare("SELECT substr(name, 1, 40) AS name, step, value FROM run_metrics WHERE run_id = ? AND typeof(step) = 'integer' AND typeof(value) = 'real' ORDER BY name, step LIMIT 10000000")
    .all(runId) as { name: string; step: number; value: number }[];
  const out: Record<string, [number, number][]> = {};
  for (const r of rows) if (/^(train|val)\.(loss|score)$/.test(r.name)) (out[r.name] ??= []).push([r.step, r.value]);
  return out;
}

/**
 * A stored checkpoint's weights and state, or null when the run has none. Bytes are validated
 * before anything is allocated; a checkpoint that is not ours throws a UserError naming the run.
 */
export function readCheckpoint(db: Database.Database, runId: string, which: 'final' | 'best'): { epoch: number; params: Float64Array; state: RunState | null } | null {
  const r = db.prepare('SELECT step, weights, optimizer_state FROM checkpoints WHERE id = ?').get(`${runId}:${which}`) as { step: unknown; weights: unknown; optimizer_state: unknown } | undefined;
  if (!r) return null;
  try {
    if (typeof r.step !== 'number' || !Number.isInteger(r.step) || r.step < 0) throw new BadCheckpointError('its epoch is not a number of epochs');
    if (!Buffer.isBuffer(r.weights)) throw new BadCheckpointError('its saved weights are not binary data');
    if (r.optimizer_state !== null && !Buffer.isBuffer(r.optimizer_state)) throw new BadCheckpointError('its saved state is not binary data');
    const params = blobToParams(r.weights);
    const state = r.optimizer_state ? decodeRunState(r.optimizer_state) : null;
    if (state && state.trainer.params.length !== params.length) throw new BadCheckpointError('its saved weights and state disagree');
    return { epoch: r.step, params, state };
  } catch (e) {
    if (e instanceof BadCheckpointError) throw damagedRun(runId, `its ${which} checkpoint: ${e.message}`);
    throw e;
  }
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

/** A run's snapshot positions, in order (integers only: a file's other values are not positions). */
export function listSnapshots(db: Database.Database, runId: string): SnapshotKey[] {
  return db.prepare("SELECT epoch, step FROM run_snapshots WHERE run_id = ? AND typeof(epoch) = 'integer' AND typeof(step) = 'integer' ORDER BY epoch, step").all(runId) as SnapshotKey[];
}

/** One snapshot's parameter vector (program order of the run's network), or null. */
export function readSnapshot(db: Database.Database, runId: string, key: SnapshotKey): Float64Array | null {
  const r = db.prepare('SELECT weights FROM run_snapshots WHERE run_id = ? AND epoch = ? AND step = ?').get(runId, key.epoch, key.step) as { weights: unknown } | undefined;
  if (!r) return null;
  try {
    if (!Buffer.isBuffer(r.weights)) throw new BadCheckpointError('its saved weights are not binary data');
    return blobToParams(r.weights);
  } catch (e) {
    if (e instanceof BadCheckpointError) throw damagedRun(runId, `its replay snapshot at epoch ${key.epoch}: ${e.message}`);
    throw e;
  }
}
