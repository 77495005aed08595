import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { makeExample } from '../../../src-shared/data/examples';
import { parseTrainingConfig } from '../../../src-shared/training/config';
import { hiddenLayers } from '../../../src-shared/training/sweep';
import { saveDataset } from '../dataset/store';
import { createSchema } from '../project/migrations';
import { startRun } from './host';
import { defaultSweepWorkers, pointRun, startSweep } from './sweep';
import { getRun, listRuns, metricHistory } from './store';

function setup() {
  const ex = makeExample('xor', { seed: 3, size: 300 });
  const db = new Database(':memory:');
  createSchema(db);
  saveDataset(db, ex.dataset);
  return { ...ex, db };
}

describe('sweeps on a pool of real training workers', () => {
  it("keep Dale's constraint for a network with a marked neuron, and drop it for one without", () => {
    const { network } = setup();
    const config = parseTrainingConfig({ dale: true });
    const spec = { lrs: [0.01], widths: [], layer: [], seeds: [1] };
    const p = { lr: 0.01, width: null, seed: 1 };
    expect(pointRun(network, config, spec, p).config.dale).toBe(false);
    const marked = { ...network, neurons: network.neurons.map((n, i) => (i === 0 ? { ...n, dale: 'E' as const } : n)) };
    expect(pointRun(marked, config, spec, p).config.dale).toBe(true);
  });

  it('leave one core for the window by default', () => {
    expect(defaultSweepWorkers(2)).toBe(1);
    expect(defaultSweepWorkers(1)).toBe(1);
    expect(defaultSweepWorkers(16)).toBe(15);
  });

  it('train every point of the grid as a normal run in the history, at most `concurrency` at once', async () => {
    const { dataset, network, db } = setup();
    const layer = hiddenLayers(network)[0].ids;
    const spec = { lrs: [0.01, 0.05], widths: [2, 6], layer, seeds: [4] };
    let running = 0;
    let most = 0;
    const epochs: number[] = [];
    const h = startSweep({
      db, datasetId: dataset.meta.id, dataset, network, spec, concurrency: 2,
      config: parseTrainingConfig({ epochs: 3, batchSize: 16 }),
      listener: {
        started: () => (most = Math.max(most, ++running)),
        epoch: (i) => epochs.push(i),
        finished: () => running--,
      },
    });
    const out = await h.done;
    expect(most).toBe(2);
    // Four runs on a pool of two workers, each reused.
    expect(h.workersStarted).toBe(2);
    expect(out.map((r) => r.outcome?.status)).toEqual(['completed', 'completed', 'completed', 'completed']);
    expect(epochs.length).toBe(4 * 3);
    const runs = listRuns(db);
    expect(runs).toHaveLength(4);
    out.forEach((r, i) => {
      const run = getRun(db, r.runId!)!;
      expect(run.status).toBe('completed');
      expect(run.stored.config.optimizer.lr).toBe(h.points[i].lr);
      expect(run.stored.config.seed).toBe(4);
      expect(run.stored.config.reinitialise).toBe(true);
      // Dale's constraint is asked for by default, but no neuron of XOR is marked E or I: the run says it was off.
      expect(run.stored.config.dale).toBe(false);
      // The run's stored network has the point's width.
      expect(hiddenLayers(run.network)[0].ids).toHaveLength(h.points[i].width!);
      expect(metricHistory(db, r.runId!)['train.loss']).toHaveLength(3);
    });
  });

  it('stop: the running runs end as stopped and no further run starts', async () => {
    const { dataset, network, db } = setup();
    const h = startSweep({
      db, datasetId: dataset.meta.id, dataset, network, concurrency: 1,
      spec: { lrs: [0.01, 0.02, 0.03], widths: [], layer: [], seeds: [1] },
      config: parseTrainingConfig({ epochs: 100_000, batchSize: 8 }),
      listener: { epoch: (i, _r, e) => i === 0 && e.epoch === 2 && h.stop() },
    });
    const out = await h.done;
    expect(out[0].outcome?.status).toBe('stopped');
    expect(out.slice(1).map((r) => r.runId)).toEqual([null, null]);
    expect(listRuns(db)).toHaveLength(1);
  });

  it('train each run on a reused worker exactly as on a worker of its own (same data, nothing left from the last run)', async () => {
    const { dataset, network, db } = setup();
    const layer = hiddenLayers(network)[0].ids;
    const spec = { lrs: [0.02, 0.08], widths: [3, 5], layer, seeds: [2] };
    const config = parseTrainingConfig({ epochs: 4, batchSize: 16, optimizer: { kind: 'adam', lr: 0.01 } });
    const h = startSweep({ db, datasetId: dataset.meta.id, dataset, network, spec, concurrency: 1, config });
    const out = await h.done;
    expect(h.workersStarted).toBe(1);
    for (const [i, p] of h.points.entries()) {
      const alone = await startRun({ db, datasetId: dataset.meta.id, dataset, ...pointRun(network, config, spec, p) }).done;
      const pooled = out[i].outcome!;
      expect(pooled.status).toBe('completed');
      expect(alone.status).toBe('completed');
      expect(pooled.params).toEqual(alone.params);
    }
  });
});
