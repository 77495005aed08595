/**
 * Runs a sweep's grid as ordinary training runs (each its own row in the history), at most `concurrency` at a time,
 * on a pool of that many training workers reused from run to run: a worker starts once per sweep, not once per run,
 * keeps its compiled engine and receives the dataset once. Sweep runs report per epoch only, never send live weights
 * (the canvas is not theirs) and checkpoint every 10 s rather than 2 s, so main does little while they train.
 */
import { availableParallelism } from 'node:os';
import type Database from 'better-sqlite3';
import type { EncodedDataset } from '../../../src-shared/data/schema';
import type { Network } from '../../../src-shared/model/network';
import type { TrainingConfig } from '../../../src-shared/training/config';
import { networkWithWidth, sweepPoints, type SweepPoint, type SweepSpec } from '../../../src-shared/training/sweep';
import type { EpochSummary } from '../../../src-shared/training/runner';
import { withEffectiveDale } from '../../../src-shared/training/dale-setting';
import { startPooledWorker, startRun, type PooledWorker, type RunHandle, type RunOutcome } from './host';

/**
 * The app's default pool: one worker per core, leaving one core for the window (so at least 1). The bench and the CLI
 * choose their own size (on a 2-core machine the bench's sweep goal uses both cores).
 */
export function defaultSweepWorkers(cores = availableParallelism()): number {
  return Math.max(1, cores - 1);
}

/** What a sweep's caller hears. */
export interface SweepListener {
  started?(index: number, runId: string): void;
  epoch?(index: number, runId: string, e: EpochSummary): void;
  finished?(index: number, runId: string, outcome: RunOutcome): void;
  stored?(): void;
}

/** Options of startSweep. */
export interface StartSweepOptions {
  db: Database.Database;
  datasetId: string;
  dataset: EncodedDataset;
  network: Network;
  /** The base configuration; each run gets its point's learning rate and seed, and reinitialised weights. */
  config: TrainingConfig;
  spec: SweepSpec;
  concurrency: number;
  listener?: SweepListener;
}

/** A live sweep. */
export interface SweepHandle {
  readonly points: SweepPoint[];
  /** Stops the running runs and starts no more. */
  stop(): void;
  /** Resolves when every run has ended (and the pool's workers with them), one outcome per point (null: never started). */
  readonly done: Promise<{ runId: string | null; outcome: RunOutcome | null }[]>;
  /** Training workers started so far (at most `concurrency`, more only where one crashed). */
  readonly workersStarted: number;
}

/** How often a sweep run stores its state besides epoch ends (a single run: every 2 s). */
const SWEEP_CHECKPOINT_MS = 10_000;

/** The configuration and network of one point of the grid. */
export function pointRun(network: Network, config: TrainingConfig, spec: SweepSpec, p: SweepPoint): { network: Network; config: TrainingConfig } {
  const net = p.width === null ? network : networkWithWidth(network, spec.layer, p.width);
  return {
    network: net,
    // Every run starts from weights drawn from its own seed, so the seed axis means something and widths compare fairly;
    // Dale's constraint holds only where a neuron is marked E or I (as for a single run).
    config: withEffectiveDale({ ...config, optimizer: { ...config.optimizer, lr: p.lr }, seed: p.seed, reinitialise: true }, net),
  };
}

/** Starts the grid; runs begin in grid order as workers free up. */
export function startSweep(o: StartSweepOptions): SweepHandle {
  const points = sweepPoints(o.spec);
  // Networks first, so a bad layer fails before any run starts.
  const runs = points.map((p) => pointRun(o.network, o.config, o.spec, p));
  const results: { runId: string | null; outcome: RunOutcome | null }[] = points.map(() => ({ runId: null, outcome: null }));
  const live = new Set<RunHandle>();
  const idle: PooledWorker[] = [];
  const pool: PooledWorker[] = [];
  let next = 0;
  let stopped = false;
  const done = new Promise<typeof results>((resolve) => {
    let running = 0;
    let ended = false;
    const end = (): void => {
      if (ended) return;
      ended = true;
      // Every run has ended: the pool goes with the sweep.
      void Promise.all(pool.map((w) => w.worker.terminate())).then(() => resolve(results));
    };
    const launch = (): void => {
      while (!stopped && running < Math.max(1, o.concurrency) && next < points.length) {
        const index = next++;
        const { network, config } = runs[index];
        let worker = idle.pop();
        while (worker && !worker.alive) worker = idle.pop();
        if (!worker) pool.push((worker = startPooledWorker()));
        const pw = worker;
        let runId = '';
        const h = startRun({
          db: o.db, datasetId: o.datasetId, dataset: o.dataset, network, config, worker: pw,
          // One progress message a minute at most: sweep runs are watched per epoch, and the weights are not drawn.
          progressMs: 60_000,
          checkpointMs: SWEEP_CHECKPOINT_MS,
          listener: { epoch: (e) => o.listener?.epoch?.(index, runId, e), stored: () => o.listener?.stored?.() },
        });
        runId = h.runId;
        results[index].runId = runId;
        live.add(h);
        running++;
        o.listener?.started?.(index, runId);
        void h.done.then((outcome) => {
          live.delete(h);
          running--;
          if (pw.alive) idle.push(pw);
          results[index].outcome = outcome;
          o.listener?.finished?.(index, runId, outcome);
          launch();
          if (running === 0 && (stopped || next >= points.length)) end();
        });
      }
      if (running === 0) end();
    };
    launch();
  });
  return {
    points,
    stop: () => {
      stopped = true;
      live.forEach((h) => h.stop());
    },
    done,
    get workersStarted() {
      return pool.length;
    },
  };
}
