// The sweep line of the engine bench: a 4-run grid on W2 as real training runs (the app's sweep code: a pool of
// workers reused from run to run, history and checkpoints in an in-memory SQLite project), first one run at a time,
// then on `workers` workers.
import Database from 'better-sqlite3';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { starterNetwork } from '../../src-shared/data/bind';
import { encodeDataset } from '../../src-shared/data/encode';
import type { ParsedTable } from '../../src-shared/data/parsed';
import type { ColumnConfig } from '../../src-shared/data/schema';
import { parseTrainingConfig } from '../../src-shared/training/config';
import { saveDataset } from '../services/dataset/store';
import { createSchema } from '../services/project/migrations';
import { sharedFloat64 } from '../services/training/host';
import { startSweep } from '../services/training/sweep';
import { useBuiltWorkers } from '../worker-entry';
import type { Workload, WorkloadData } from './engine-workloads';
import { median, stopwatch } from './engine-peers';

/** Where the bench's bundled workers go. */
const WORKERS_DIR = resolve('out/bench/workers');

/**
 * Bundles a worker's entry with esbuild (already present under vite/tsx) into out/bench/workers/`name`, as the app
 * ships its workers: from source every worker would first boot tsx and compile the engine, seconds per worker here.
 */
async function bundleWorker(entry: string, name: string): Promise<URL> {
  const { buildSync } = (await import('esbuild')) as typeof import('esbuild');
  buildSync({ entryPoints: [resolve(entry)], bundle: true, format: 'esm', platform: 'node', outfile: `${WORKERS_DIR}/${name}`, logLevel: 'error' });
  return pathToFileURL(`${WORKERS_DIR}/${name}`);
}

/** Bundles the training worker and has the app's code start its workers from there. */
async function bundleTrainingWorker(): Promise<void> {
  await bundleWorker('src-main/services/training/worker/worker.ts', 'training-worker.js');
  useBuiltWorkers(pathToFileURL(`${WORKERS_DIR}/`));
}

/** W2's rows as an encoded project dataset (90% train, 10% validation) and the W2 network drawn by the starter. */
export function w2Project(w: Workload, d: WorkloadData) {
  const nIn = w.sizes[0];
  const feature = (name: string): ColumnConfig => ({ name, type: 'numeric', role: 'feature', encoding: 'standardise', missing: 'drop', fill: null });
  const configs = [...Array.from({ length: nIn }, (_, k) => feature(`x${k + 1}`)), { name: 'class', type: 'numeric', role: 'target', encoding: 'classes', missing: 'drop', fill: null } as ColumnConfig];
  const table: ParsedTable = {
    rowCount: w.rows,
    columns: configs.map((config, k) => ({
      kind: 'number' as const,
      index: k,
      config,
      values: k < nIn ? Float64Array.from({ length: w.rows }, (_, r) => d.X[r * nIn + k]) : Float64Array.from(d.labels),
    })),
  };
  const dataset = encodeDataset(table, {
    id: 'bench-w2',
    name: 'W2',
    file: 'W2',
    source: { kind: 'example', example: 'bench-w2', params: { rows: w.rows } },
    columns: configs.map((config) => ({ name: config.name, inferred: config.type, config })),
    split: { train: 90, val: 10, test: 0, seed: 1, stratify: false },
  });
  const network = starterNetwork(dataset.meta, { hidden: w.sizes.slice(1, -1), activation: w.hidden, seed: 1 });
  const db = new Database(':memory:');
  createSchema(db);
  saveDataset(db, dataset);
  return { dataset, network, db };
}

/** One way of running the grid: wall seconds, CPU seconds of the whole process (workers included), most runs at once. */
export interface SweepTiming {
  seconds: number;
  cpuSeconds: number;
  maxConcurrent: number;
}

/** One round: the grid one at a time, then on the pool. */
export interface SweepRound {
  sequential: SweepTiming;
  parallel: SweepTiming;
  ratio: number;
}

/** Parallel ÷ sequential time of some work: each side at its best turn, and the median of the turns' own ratios. */
export interface TwoThreadRatio {
  best: number;
  median: number;
}

/**
 * Two worker threads that answer a number n with n units of work: the work twice in the first thread, then once in
 * each, in many short turns (~40 ms a job): this machine's speed swings within a second, so long turns would compare
 * moments. Ideal 0.5; what it gives is the most two threads can do here for that work.
 */
async function twoThreads(make: () => Worker, n: number, turns = 24): Promise<TwoThreadRatio> {
  const workers = [make(), make()];
  const job = (w: Worker, k: number) => new Promise((done) => (w.once('message', done), w.postMessage(k)));
  // Warm: both threads have compiled their code before the first turn.
  await Promise.all(workers.map((w) => job(w, n)));
  const sequential: number[] = [];
  const parallel: number[] = [];
  for (let turn = 0; turn < turns; turn++) {
    let t = performance.now();
    await job(workers[0], n);
    await job(workers[0], n);
    sequential.push(performance.now() - t);
    t = performance.now();
    await Promise.all(workers.map((w) => job(w, n)));
    parallel.push(performance.now() - t);
  }
  await Promise.all(workers.map((w) => w.terminate()));
  return { best: Math.min(...parallel) / Math.min(...sequential), median: median(parallel.map((p, k) => p / sequential[k])) };
}

/** A compute-only job: a float64 loop over an array that stays in L1, nothing of the engine. */
const SPIN = `const { parentPort } = require('node:worker_threads');
  const a = new Float64Array(4096).map((_, i) => i * 1e-3);
  parentPort.on('message', (n) => { let s = 0; for (let k = 0; k < n; k++) for (let i = 0; i < 4096; i++) s += a[i] * a[(i * 7) & 4095]; parentPort.postMessage(s); });`;

/**
 * The sweep's peers: how much faster two threads finish than one, here, for W2's training steps on the bare engine
 * (the sweep's work without the app: no run, host or database) and for a compute-only loop (the cores' own ceiling:
 * well above 0.5 where a virtual machine's two cores share a physical core or a neighbour on the host takes turns).
 */
async function sweepPeers(w: Workload, d: WorkloadData): Promise<{ bareEngine: TwoThreadRatio; spin: TwoThreadRatio }> {
  const bare = await bundleWorker('src-main/bench/engine-bare-worker.ts', 'engine-bare-worker.js');
  const workerData = { w, X: sharedFloat64(d.X), Y: sharedFloat64(d.Y) };
  return {
    bareEngine: await twoThreads(() => new Worker(bare, { workerData }), 200),
    spin: await twoThreads(() => new Worker(SPIN, { eval: true }), 3_000),
  };
}

/** The sweep line's figures (see benchSweep). */
export interface SweepBench {
  rounds: SweepRound[];
  /** Each way at its best round, and their ratio (the bar). */
  best: { sequentialSeconds: number; parallelSeconds: number; ratio: number };
  medianRatio: number;
  peers: { bareEngine: TwoThreadRatio; spin: TwoThreadRatio };
  epochsPerRun: number;
  load: number[];
}

/**
 * The same 4-run grid one at a time and on `workers` workers, `rounds` times taking turns, then the peers (see
 * sweepPeers). This machine's speed swings by 2× within seconds (another tenant on the host), so one pair of timings
 * says little: each way is taken at its best round, as the peers are at their best turns, and the median round's
 * ratio is given beside. CPU seconds over wall seconds is the number of cores the process actually got.
 */
export async function benchSweep(w: Workload, d: WorkloadData, workers: number, rounds: number): Promise<SweepBench> {
  await bundleTrainingWorker();
  const { dataset, network, db } = w2Project(w, d);
  const epochs = w.epochs;
  const config = parseTrainingConfig({ epochs, batchSize: w.batch, optimizer: { kind: 'adam', lr: w.lr } });
  const spec = { lrs: [w.lr, 3 * w.lr], widths: [], layer: [], seeds: [1, 2] };
  const time = async (concurrency: number): Promise<SweepTiming> => {
    let live = 0;
    let maxConcurrent = 0;
    const listener = {
      started: () => (maxConcurrent = Math.max(maxConcurrent, ++live)),
      finished: () => live--,
    };
    const stop = stopwatch();
    const out = await startSweep({ db, datasetId: dataset.meta.id, dataset, network, config, spec, concurrency, listener }).done;
    const t = stop();
    const bad = out.find((r) => r.outcome?.status !== 'completed');
    if (bad) throw new Error(`A sweep run did not complete: ${JSON.stringify(bad.outcome && 'message' in bad.outcome ? bad.outcome.message : bad.outcome?.status)}`);
    return { seconds: t.seconds, cpuSeconds: t.cpuSeconds, maxConcurrent };
  };
  const all: SweepRound[] = [];
  for (let k = 0; k < rounds; k++) {
    const sequential = await time(1);
    const parallel = await time(workers);
    all.push({ sequential, parallel, ratio: parallel.seconds / sequential.seconds });
  }
  db.close();
  const sequentialSeconds = Math.min(...all.map((r) => r.sequential.seconds));
  const parallelSeconds = Math.min(...all.map((r) => r.parallel.seconds));
  return {
    rounds: all,
    best: { sequentialSeconds, parallelSeconds, ratio: parallelSeconds / sequentialSeconds },
    medianRatio: median(all.map((r) => r.ratio)),
    peers: await sweepPeers(w, d),
    epochsPerRun: epochs,
    load: loadavg(),
  };
}
