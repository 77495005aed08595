// Training benchmark (issue 6): the overhead of the worker plus live updates (progress ≤ 10/s with weights,
// an epochEnd message per epoch) against the bare engine in-thread, on W1 and W2 of the engine benchmark.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { layeredNetwork } from '../../src-shared/engine/build';
import { compileNetwork, paramsFromNetwork } from '../../src-shared/engine/compile';
import { createTrainer } from '../../src-shared/engine/trainer';
import type { ActivationKind } from '../../src-shared/model/activation-kind';
import { parseTrainingConfig } from '../../src-shared/training/config';
import type { FromWorker, ToWorker } from '../../src-shared/training/protocol';
import { trainingWorkerEntry } from '../training/worker-url';
import { WORKLOADS, workloadData, type Workload } from './engine-workloads';

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
    worker.on('message', (m: FromWorker) => {
      if (m.type === 'ready') t0 = performance.now();
      if (m.type === 'progress') progress++;
      if (m.type === 'epochEnd') {
        epochs++;
        trainMs = performance.now() - t0;
      }
      if (m.type === 'error') reject(new Error(m.message));
      if (m.type === 'done') resolve({ ms: performance.now() - t0, trainMs, progress, epochs });
    });
    worker.on('error', reject);
    const msg: ToWorker = { type: 'start', network: network(w), x: X, y: Y, split: new Uint8Array(w.rows), config, loss: w.loss };
    worker.postMessage(msg);
  });
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
  mkdirSync('out/bench', { recursive: true });
  writeFileSync('out/bench/training.json', JSON.stringify({ goal: 'overhead < 10%', rows }, null, 2));
  console.log('Wrote out/bench/training.json');
}
