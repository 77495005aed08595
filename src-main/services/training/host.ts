/**
 * Owns one worker per training run: starts it, relays control messages, forwards progress to a listener
 * and writes metric history and checkpoints into a project database as training goes.
 * History is written in the same transaction as the checkpoint it leads to (the worker sends one at
 * least every `checkpointMs`, 2 s), so the stored history never runs ahead of the stored state and a
 * crash loses at most the last ~2 s of training.
 */
import { randomUUID } from 'node:crypto';
import { MessageChannel, Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import type { Network } from '../../../src-shared/model/network';
import type { EncodedDataset } from '../../../src-shared/data/schema';
import type { TrainingConfig } from '../../../src-shared/training/config';
import { runLoss } from '../../../src-shared/training/plan';
import type { EpochSummary, RunEvaluation, RunState } from '../../../src-shared/training/runner';
import type { Tempo } from '../../../src-shared/training/tempo';
import { workerClient, type WorkerEvent } from '../../worker-rpc';
import type { AttachRun, TrainingProgress, TrainingWorkerProtocol } from './worker/protocol';
import { trainingWorkerEntry } from './worker/worker-url';
import { appendEpochs, finishRun, insertRun, writeCheckpoint, writeSnapshots, type SnapshotKey } from './store';
import { enableRelaxedSimd } from '../../wasm-features';

// The workers this host starts share the process's V8 flags: relaxed SIMD goes on before the first of them.
enableRelaxedSimd();

/** How a run ended. */
export type RunOutcome =
  | { status: 'completed' | 'stopped' | 'early-stopped'; evaluation: RunEvaluation; params: Float64Array; epoch: number }
  | { status: 'error'; message: string; params: Float64Array | null; epoch: number | null };

/** What a caller hears while a run goes. */
export interface RunListener {
  progress?(p: TrainingProgress): void;
  epoch?(e: EpochSummary): void;
  /** Called after each database write (the session marks the project unsaved). */
  stored?(): void;
}

/** Options of startRun. */
export interface StartRunOptions {
  db: Database.Database;
  datasetId: string;
  dataset: EncodedDataset;
  network: Network;
  config: TrainingConfig;
  listener?: RunListener;
  /** Continue from this state (and its run id) instead of a new run. */
  resume?: { runId: string; state: RunState; targetEpochs: number };
  paused?: boolean;
  /** Epochs to reach for a new run (default config.epochs; a schedule still spans config.epochs). */
  targetEpochs?: number;
  progressMs?: number;
  checkpointMs?: number;
  /** Epochs per second (0: by hand only; null or absent: full speed). */
  tempo?: Tempo;
  /** Keep weight snapshots for the replay (default true). */
  snapshots?: boolean;
  /** Run in this idle pooled worker (a sweep's) instead of a new one; it stays alive for the next run. */
  worker?: PooledWorker;
}

/**
 * A training worker kept for several runs, one at a time (a sweep's pool): it starts once, keeps its compiled engine
 * and the dataset it was last given, and each run talks to it over a MessageChannel of its own.
 */
export interface PooledWorker {
  readonly worker: Worker;
  /** The dataset the worker holds (sent with the first run that needs it, not with every run). */
  dataset: EncodedDataset | null;
  /** False once the thread has ended (crashed or terminated): it takes no more runs. */
  alive: boolean;
}

/** A copy of `a` in a SharedArrayBuffer: posted to a worker, it is shared, not copied again. */
export function sharedFloat64(a: Float64Array): Float64Array {
  const c = new Float64Array(new SharedArrayBuffer(a.byteLength));
  c.set(a);
  return c;
}

/**
 * The dataset's x and y in SharedArrayBuffers, made once per dataset: pooled workers read them in place, so posting
 * them copies nothing (a plain Float64Array would be serialised in main and deserialised in each worker, ~26 MB for
 * 100,000 rows × 30 features). Only reads happen on them, and a SharedArrayBuffer can never be detached.
 */
const sharedData = new WeakMap<EncodedDataset, { x: Float64Array; y: Float64Array }>();
function sharedCopy(d: EncodedDataset): { x: Float64Array; y: Float64Array } {
  let s = sharedData.get(d);
  if (!s) {
    s = { x: sharedFloat64(d.x), y: sharedFloat64(d.y) };
    sharedData.set(d, s);
  }
  return s;
}

/** Starts a pooled training worker (see PooledWorker); end it with `worker.terminate()`. */
export function startPooledWorker(): PooledWorker {
  const { entry, options } = trainingWorkerEntry();
  const pw: PooledWorker = { worker: new Worker(entry, { ...options, workerData: { pooled: true } }), dataset: null, alive: true };
  pw.worker.once('exit', () => (pw.alive = false));
  // A crash is reported to the run it happens in (see startRun); here it only retires the worker.
  pw.worker.on('error', () => (pw.alive = false));
  return pw;
}

/** A live run. */
export interface RunHandle {
  readonly runId: string;
  pause(): void;
  resume(): void;
  stop(): void;
  step(unit: 'batch' | 'epoch'): void;
  setTempo(tempo: Tempo): void;
  /** Resolves when the worker has ended and everything is written. */
  readonly done: Promise<RunOutcome>;
}

/** Starts a run in a new worker; the run row exists when this returns. */
export function startRun(o: StartRunOptions): RunHandle {
  const runId = o.resume?.runId ?? randomUUID();
  // No epoch limit: the run goes on until it is stopped.
  const targetEpochs = o.resume?.targetEpochs ?? o.targetEpochs ?? o.config.epochs ?? Infinity;
  // The loss is a pure function of the network and the configuration: stored with the run from its first moment.
  const loss = runLoss(o.network, o.config);
  if (!o.resume) insertRun(o.db, { id: runId, datasetId: o.datasetId, network: o.network, stored: { config: o.config, loss, targetEpochs: Number.isFinite(targetEpochs) ? targetEpochs : null, result: null, message: null } });
  else {
    // History and snapshots past the state it resumes from were never checkpointed: they are trained again.
    const { epoch, epochSteps } = o.resume.state;
    o.db.transaction(() => {
      o.db.prepare("UPDATE runs SET status = 'running', finished = NULL WHERE id = ?").run(runId);
      o.db.prepare('DELETE FROM run_metrics WHERE run_id = ? AND step > ?').run(runId, epoch);
      o.db.prepare('DELETE FROM run_snapshots WHERE run_id = ? AND (epoch > ? OR (epoch = ? AND step > ?))').run(runId, epoch, epoch, epochSteps);
    })();
  }
  // A run of its own: a new worker, ended by the run. A pooled run: its own channel to a worker that outlives it.
  const pooled = o.worker ?? null;
  let worker: Worker;
  let channel: MessageChannel | null = null;
  if (pooled) {
    worker = pooled.worker;
    channel = new MessageChannel();
    const attach: AttachRun = { attach: channel.port2, data: pooled.dataset === o.dataset ? undefined : sharedCopy(o.dataset) };
    worker.postMessage(attach, [channel.port2]);
    pooled.dataset = o.dataset;
  } else {
    const { entry, options } = trainingWorkerEntry();
    worker = new Worker(entry, options);
  }

  let pending: EpochSummary[] = [];
  let pendingSnaps: (SnapshotKey & { params: Float64Array })[] = [];
  let bestEpochWritten = -1;
  let bestLoss = o.resume ? o.resume.state.bestLoss : Infinity;
  const flush = (): void => {
    if (!pending.length && !pendingSnaps.length) return;
    appendEpochs(o.db, runId, pending);
    writeSnapshots(o.db, runId, pendingSnaps);
    pending = [];
    pendingSnaps = [];
  };

  let outcome: RunOutcome | null = null;
  const onEvent = (e: WorkerEvent<TrainingWorkerProtocol>): void => {
    switch (e.name) {
      case 'progress':
        o.listener?.progress?.(e.payload);
        return;
      case 'snapshot': {
        const m = e.payload;
        // Stored with the next checkpoint, like the epochs' history.
        pendingSnaps.push({ epoch: m.epoch, step: m.step, params: m.params });
        return;
      }
      case 'epochEnd':
        // Kept until the checkpoint that covers it: stored history never runs ahead of the stored state.
        pending.push(e.payload);
        o.listener?.epoch?.(e.payload);
        return;
      case 'checkpoint': {
        const m = e.payload;
        o.db.transaction(() => {
          flush();
          writeCheckpoint(o.db, runId, 'final', m.state.epoch, m.params, m.state);
          if (m.state.bestEpoch !== bestEpochWritten && m.state.bestLoss <= bestLoss) {
            writeCheckpoint(o.db, runId, 'best', m.state.bestEpoch, m.state.bestParams, null);
            bestEpochWritten = m.state.bestEpoch;
            bestLoss = m.state.bestLoss;
          }
        })();
        o.listener?.stored?.();
        return;
      }
      case 'done': {
        const m = e.payload;
        o.db.transaction(() => {
          flush();
          // The replay ends where the run ended, also mid-epoch.
          writeSnapshots(o.db, runId, [{ epoch: m.state.epoch, step: m.state.epochSteps, params: m.params }], { epoch: m.state.epoch, step: m.state.epochSteps });
          writeCheckpoint(o.db, runId, 'final', m.state.epoch, m.params, m.state);
          writeCheckpoint(o.db, runId, 'best', m.state.bestEpoch, m.state.bestParams, null);
          finishRun(o.db, runId, m.reason, { result: m.evaluation, message: null });
        })();
        o.listener?.stored?.();
        outcome = { status: m.reason, evaluation: m.evaluation, params: m.params, epoch: m.state.epoch };
        return;
      }
      case 'error': {
        const m = e.payload;
        o.db.transaction(() => {
          flush();
          // Keep the last good weights: the worker sends them with the error.
          if (m.params && m.state) {
            writeCheckpoint(o.db, runId, 'final', m.state.epoch, m.params, null);
            writeSnapshots(o.db, runId, [{ epoch: m.state.epoch, step: m.state.epochSteps, params: m.params }], { epoch: m.state.epoch, step: m.state.epochSteps });
          }
          finishRun(o.db, runId, 'error', { message: m.message });
        })();
        o.listener?.stored?.();
        outcome = { status: 'error', message: m.message, params: m.params, epoch: m.epoch };
        return;
      }
    }
  };
  const client = workerClient<TrainingWorkerProtocol>(channel?.port1 ?? worker, (e) => {
    try {
      onEvent(e);
    } catch (err) {
      // The project closed under the run (window closed) or its database failed: end the worker, never crash main.
      outcome ??= { status: 'error', message: `Training stopped: could not write to the project (${err instanceof Error ? err.message : String(err)}).`, params: null, epoch: null };
      // A pooled worker is not ended: closing the run's channel stops its run, and the worker is free again.
      if (channel) channel.port1.close();
      else void worker.terminate();
    }
  });
  const fail = (message: string) => {
    if (outcome) return;
    outcome = { status: 'error', message, params: null, epoch: null };
    try {
      flush();
      finishRun(o.db, runId, 'error', { message });
    } catch {
      // The database is gone with its project; the outcome still reports the failure.
    }
  };
  const onError = (e: Error) => fail(`The training worker failed: ${e.message}`);
  worker.on('error', onError);
  const done = new Promise<RunOutcome>((resolve) => {
    const onExit = () => {
      fail('The training worker exited unexpectedly.');
      end();
    };
    // A pooled run ends when its channel closes (the worker closes it after `done` or `error`, which arrive first).
    const end = () => {
      worker.off('exit', onExit);
      worker.off('error', onError);
      channel?.port1.close();
      resolve(outcome!);
    };
    worker.once('exit', onExit);
    channel?.port1.once('close', () => {
      fail('The training worker closed the run without a result.');
      end();
    });
  });

  // Control is sent without waiting for answers: what it changes arrives as the worker's events.
  // A pooled worker already holds the data (sent with the attach message when new to it).
  const noData = new Float64Array(0);
  client.notify('start', {
    network: o.network, x: pooled ? noData : o.dataset.x, y: pooled ? noData : o.dataset.y, split: o.dataset.split, config: o.config, loss,
    resumeState: o.resume?.state, targetEpochs, paused: o.paused, progressMs: o.progressMs, checkpointMs: o.checkpointMs,
    tempo: o.tempo ?? null, snapshots: o.snapshots ?? true,
  });
  return {
    runId,
    pause: () => client.notify('pause'),
    resume: () => client.notify('resume'),
    stop: () => client.notify('stop'),
    step: (unit) => client.notify('step', unit),
    setTempo: (tempo) => client.notify('tempo', tempo),
    done,
  };
}
