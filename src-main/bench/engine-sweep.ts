// The sweep line of the engine bench: a 4-run grid on W2 as real training runs (the app's sweep code: a pool of
// workers reused from run to run, history and checkpoints in an in-memory SQLite project), first one run at a time,
// then on `workers` workers.
import Database from 'better-sqlite3';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { starterNetwork } from '../../src-shared/data/bind';
import { encodeDataset } from '../../src-shared/data/encode';
import type { ParsedTable } from '../../src-shared/data/parsed';
import type { ColumnConfig } from '../../src-shared/data/schema';
import { parseTrainingConfig } from '../../src-shared/training/config';
import { saveDataset } from '../services/dataset/store';
import { createSchema } from '../services/project/migrations';
import { startSweep } from '../services/training/sweep';
import { useBuiltWorkers } from '../worker-entry';
import type { Workload, WorkloadData } from './engine-workloads';
import { stopwatch } from './engine-peers';

/**
 * Bundles the training worker with esbuild (already present under vite/tsx) into out/bench/workers/, as the app
 * ships it: from source every worker would first boot tsx and compile the engine, seconds per worker here.
 */
export async function bundleTrainingWorker(): Promise<void> {
  const { buildSync } = (await import('esbuild')) as typeof import('esbuild');
  const dir = resolve('out/bench/workers');
  buildSync({ entryPoints: [resolve('src-main/services/training/worker/worker.ts')], bundle: true, format: 'esm', platform: 'node', outfile: `${dir}/training-worker.js`, logLevel: 'error' });
  useBuiltWorkers(pathToFileURL(`${dir}/`));
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

/**
 * The same 4-run grid one at a time and on `workers` workers. CPU seconds over wall seconds is the number of cores the
 * process actually got: about `workers` on an idle machine; on a machine other processes keep busy it shows why the
 * parallel run cannot be `workers` times faster.
 */
export async function benchSweep(w: Workload, d: WorkloadData, workers: number): Promise<{ sequential: SweepTiming; parallel: SweepTiming; sequentialSeconds: number; parallelSeconds: number; epochsPerRun: number; load: number[] }> {
  await bundleTrainingWorker();
  const { dataset, network, db } = w2Project(w, d);
  const epochs = 2;
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
  const sequential = await time(1);
  const parallel = await time(workers);
  db.close();
  return { sequential, parallel, sequentialSeconds: sequential.seconds, parallelSeconds: parallel.seconds, epochsPerRun: epochs, load: loadavg() };
}
