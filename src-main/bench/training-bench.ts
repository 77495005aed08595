// Training benchmark: the overhead of the worker plus live updates (progress ≤ 10/s with weights,
// an epochEnd message per epoch) against the bare engine in-thread, on W1 and W2 of the engine benchmark.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { layeredNetwork } from '../../src-shared/engine/build';
import { compileNetwork, paramsFromNetwork } from '../../src-shared/engine/compile';
import { createTrainer } from '../../src-shared/engine/trainer';
import type { ActivationKind } from '../../src-shared/model/activation-kind';
import { parseTrainingConfig } from '../../src-shared/training/config';
import type { TrainingWorkerProtocol } from '../services/training/worker/protocol';
import { trainingWorkerEntry } from '../services/training/worker/worker-url';
import { workerClient } from '../worker-rpc';
import type { EncodedDataset } from '../../src-shared/data/schema';
import { createSchema } from '../services/project/migrations';
import { startRun } from '../services/training/host';
import { writeSnapshots } from '../services/training/store';
import { WORKLOADS, workloadData, type Workload } from './engine-workloads';
import { frameBench, type FrameFigures } from './training-frames';

export const name = 'training';

function network(w: Workload) {
  const acts: ActivationKind[] = w.sizes.slice(1).map((_, i, a) => (i === a.length - 1 ? (w.loss === 'bce' ? 'sigmoid' : 'identity') : w.hidden));
  return layeredNetwork(w.sizes, { activations: acts, softmax: w.loss === 'cce' });
}

function bare(w: Workload, X: Float64Array, Y: Float64Array): number {
  const net = network(w);
  const program = compileNetwork(net);
  const t0 = performance.now();
  const tr = createTrainer(program, paramsFromNetwork(program, net), { loss: w.loss, optimizer: { kind: 'adam', lr: w.lr }, batchSize: w.batch, seed: 1, init: 'glorot_uniform' });
  for (let e = 0; e < w.epochs; e++) tr.epoch(X, Y, w.rows);
  return performance.now() - t0;
}

/**
 * The bare engine in a fresh worker thread (same cold JIT as a training worker): isolates what our worker loop
 * and live updates add from the price of any new thread.
 */
function bareInFreshWorker(w: Workload, X: Float64Array, Y: Float64Array): Promise<number> {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const engine = new URL('../../src-shared/engine/index.ts', import.meta.url).href;
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(engine)}); }).then((E) => {
      const { net, X, Y, w } = workerData;
      const program = E.compileNetwork(net);
      const t0 = performance.now();
      const tr = E.createTrainer(program, E.paramsFromNetwork(program, net), { loss: w.loss, optimizer: { kind: 'adam', lr: w.lr }, batchSize: w.batch, seed: 1, init: 'glorot_uniform' });
      for (let e = 0; e < w.epochs; e++) tr.epoch(X, Y, w.rows);
      parentPort.postMessage(performance.now() - t0);
    });`;
  const worker = new Worker(code, { eval: true, workerData: { net: network(w), X, Y, w } });
  return new Promise((resolve, reject) => {
    worker.on('message', (ms: number) => {
      resolve(ms);
      void worker.terminate();
    });
    worker.on('error', reject);
  });
}

/** Wall time from start message to done, with the main thread receiving every message as the host would. */
function inWorker(w: Workload, X: Float64Array, Y: Float64Array): Promise<{ ms: number; trainMs: number; progress: number; epochs: number }> {
  const { entry, options } = trainingWorkerEntry();
  const worker = new Worker(entry, options);
  const config = parseTrainingConfig({ epochs: w.epochs, batchSize: w.batch, seed: 1, optimizer: { kind: 'adam', lr: w.lr }, reinitialise: true, dale: false });
  return new Promise((resolve, reject) => {
    let t0 = 0;
    let progress = 0;
    let epochs = 0;
    let trainMs = 0;
    const client = workerClient<TrainingWorkerProtocol>(worker, (e) => {
      if (e.name === 'progress') progress++;
      if (e.name === 'epochEnd') {
        epochs++;
        trainMs = performance.now() - t0;
      }
      if (e.name === 'error') reject(new Error(e.payload.message));
      if (e.name === 'done') resolve({ ms: performance.now() - t0, trainMs, progress, epochs });
    });
    worker.on('error', reject);
    // Timed from the answer to start: the run is built.
    client.call('start', { network: network(w), x: X, y: Y, split: new Uint8Array(w.rows), config, loss: w.loss }).then(() => (t0 = performance.now()), () => {});
  });
}

/** A whole run through the host into a real project file (history, checkpoints and, if asked, replay snapshots): process CPU ms start → done, and snapshots stored. */
async function hostRun(w: Workload, X: Float64Array, Y: Float64Array, snapshots: boolean): Promise<{ ms: number; stored: number; bytes: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'neurite-bench-snap-'));
  const db = new Database(join(dir, 'p.neurite'));
  db.pragma('journal_mode = WAL');
  // No dataset row behind the run: the bench measures the run's own writes.
  db.pragma('foreign_keys = OFF');
  createSchema(db);
  const config = parseTrainingConfig({ epochs: w.epochs, batchSize: w.batch, seed: 1, optimizer: { kind: 'adam', lr: w.lr }, reinitialise: true, dale: false, loss: w.loss });
  const dataset = { x: X, y: Y, split: new Uint8Array(w.rows), meta: {} } as unknown as EncodedDataset;
  // CPU time of the whole process (main and the worker thread): steadier than wall time on a shared machine.
  const c0 = process.cpuUsage();
  const h = startRun({ db, datasetId: 'bench', dataset, network: network(w), config, snapshots });
  const out = await h.done;
  const c = process.cpuUsage(c0);
  const ms = (c.user + c.system) / 1000;
  if (out.status === 'error') throw new Error(out.message);
  const r = db.prepare('SELECT COUNT(*) AS n, COALESCE(SUM(LENGTH(weights)), 0) AS b FROM run_snapshots').get() as { n: number; b: number };
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return { ms, stored: r.n, bytes: r.b };
}

/** Replay snapshots: a W2 run through the host into a project file with and without them, interleaved (3 pairs, medians). */
export async function snapshotCost(): Promise<{ withMs: number[]; withoutMs: number[]; costPct: number; stored: number; bytes: number }> {
  const w2 = WORKLOADS.find((x) => x.id === 'W2')!;
  const { X, Y } = workloadData(w2);
  const withSnaps: number[] = [];
  const without: number[] = [];
  let stored = { stored: 0, bytes: 0 };
  for (let r = 0; r < 3; r++) {
    without.push((await hostRun(w2, X, Y, false)).ms);
    const o = await hostRun(w2, X, Y, true);
    withSnaps.push(o.ms);
    stored = o;
  }
  const median = (a: number[]) => [...a].sort((p, q) => p - q)[Math.floor(a.length / 2)];
  const snapshotCost = median(withSnaps) / median(without) - 1;
  // The same work in isolation: copy the parameters and write (and thin) a run's snapshots into a project file.
  const program = compileNetwork(network(w2));
  const params = Float64Array.from({ length: program.nWeights + program.neuronIds.length }, (_, i) => Math.sin(i));
  const isolated: number[] = [];
  for (let r = 0; r < 5; r++) {
    const dir = mkdtempSync(join(tmpdir(), 'neurite-bench-snap-'));
    const db = new Database(join(dir, 'p.neurite'));
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = OFF');
    createSchema(db);
    const t0 = performance.now();
    for (let e = 0; e <= w2.epochs; e++) writeSnapshots(db, 'r', [{ epoch: e, step: 0, params: Float64Array.from(params) }]);
    writeSnapshots(db, 'r', [{ epoch: w2.epochs, step: 0, params: Float64Array.from(params) }], { epoch: w2.epochs, step: 0 });
    isolated.push(performance.now() - t0);
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`snapshot copies and writes alone for a W2 run (${w2.epochs + 2} writes of ${params.length} parameters): ${median(isolated).toFixed(1)} ms = ${((100 * median(isolated)) / median(without)).toFixed(3)}% of its CPU time`);
  console.log(
    `W2 through the host into a project file, process CPU time: ${median(without).toFixed(0)} ms without snapshots, ${median(withSnaps).toFixed(0)} ms with ${stored.stored} snapshots (${(stored.bytes / 1024).toFixed(0)} KiB) → snapshot storage ${(snapshotCost * 100).toFixed(1)}% ` +
      `(runs ${without.map((x) => x.toFixed(0)).join('/')} | ${withSnaps.map((x) => x.toFixed(0)).join('/')})`,
  );
  return { withMs: withSnaps, withoutMs: without, costPct: snapshotCost * 100, ...stored };
}

export async function run(): Promise<void> {
  const rows: Record<string, unknown>[] = [];
  for (const w of WORKLOADS.filter((x) => x.id === 'W1' || x.id === 'W2')) {
    const { X, Y } = workloadData(w);
    bare(w, X, Y); // warm-up
    const bareMs: number[] = [];
    const freshMs: number[] = [];
    const workerMs: number[] = [];
    const trainMs: number[] = [];
    let info = { progress: 0, epochs: 0 };
    for (let r = 0; r < 3; r++) {
      bareMs.push(bare(w, X, Y));
      freshMs.push(await bareInFreshWorker(w, X, Y));
      const o = await inWorker(w, X, Y);
      workerMs.push(o.ms);
      trainMs.push(o.trainMs);
      info = o;
    }
    const med = (a: number[]) => [...a].sort((p, q) => p - q)[1];
    const overhead = med(workerMs) / med(bareMs) - 1;
    const overFresh = med(workerMs) / med(freshMs) - 1;
    // Up to the last epoch end: without the final train/val/test evaluation the done message carries.
    const overTrain = med(trainMs) / med(freshMs) - 1;
    rows.push({ workload: w.id, bareWarmMainMs: med(bareMs), bareFreshWorkerMs: med(freshMs), workerMs: med(workerMs), workerToLastEpochMs: med(trainMs), overheadToLastEpochVsFreshWorkerPct: overTrain * 100, overheadVsWarmPct: overhead * 100, overheadVsFreshWorkerPct: overFresh * 100, progressMessages: info.progress, epochMessages: info.epochs });
    console.log(
      `${w.id}: bare warm in main ${med(bareMs).toFixed(0)} ms, bare in a fresh worker ${med(freshMs).toFixed(0)} ms, training worker + live ${med(workerMs).toFixed(0)} ms (last epoch end at ${med(trainMs).toFixed(0)} ms, ${(overTrain * 100).toFixed(1)}% over the fresh worker) → ` +
        `overhead ${(overFresh * 100).toFixed(1)}% vs fresh worker, ${(overhead * 100).toFixed(1)}% vs warm main (${info.progress} progress, ${info.epochs} epoch messages; ` +
        `runs ${bareMs.map((x) => x.toFixed(0)).join('/')} | ${freshMs.map((x) => x.toFixed(0)).join('/')} | ${workerMs.map((x) => x.toFixed(0)).join('/')})`,
    );
  }

  const snapshots = await snapshotCost();
  const frames = await frameBench();
  const show = (f: FrameFigures) => `${f.fps} fps, median ${f.medianMs} ms, p95 ${f.p95Ms} ms, worst ${f.worstMs} ms (${f.frames} frames)`;
  if (frames) for (const [k, f] of Object.entries(frames)) console.log(`frames while training the 100-neuron, 2,500-synapse network at full speed (${k}): ${show(f)}`);

  mkdirSync('out/bench', { recursive: true });
  writeFileSync('out/bench/training.json', JSON.stringify({ goal: 'overhead < 10%; snapshots < 5% of a W2 run; ≥ 20 fps, no frame > 100 ms', rows, snapshots, frames }, null, 2));
  console.log('Wrote out/bench/training.json');
  console.log(`${snapshots.costPct < 5 ? 'PASS' : 'FAIL'} snapshot storage costs < 5% of a W2 run (${snapshots.costPct.toFixed(1)}%)`);
  if (frames)
    for (const k of ['heatmapsOff', 'heatmapsOn'] as const) {
      const f = frames[k];
      console.log(`${f.fps >= 20 ? 'PASS' : 'FAIL'} ≥ 20 fps while training, heatmaps ${k === 'heatmapsOn' ? 'on' : 'off'} (${f.fps} fps)`);
      console.log(`${f.worstMs <= 100 ? 'PASS' : 'FAIL'} no frame over 100 ms while training, heatmaps ${k === 'heatmapsOn' ? 'on' : 'off'} (worst ${f.worstMs} ms, p95 ${f.p95Ms} ms, median ${f.medianMs} ms)`);
    }
  else console.log('FAIL frame-time bench did not run (no build or no Chromium)');
}
