import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeExample } from '../../../src-shared/data/examples';
import type { EncodedDataset } from '../../../src-shared/data/schema';
import { parseTrainingConfig } from '../../../src-shared/training/config';
import type { TrainingProgress } from './worker/protocol';
import { loadIrisExample } from '../dataset/examples';
import { saveDataset } from '../dataset/store';
import { createSchema } from '../project/migrations';
import { closeProject, newProject, openProject, saveProject, workingDatabase } from '../project/service';
import { removeTempDirs, tempDir, testSession } from '../project/test-helpers';
import { startRun } from './host';
import { getRun, listRuns, metricHistory, readCheckpoint } from './store';

afterAll(removeTempDirs);

type Progress = TrainingProgress;

function memoryDb(dataset: EncodedDataset): Database.Database {
  const db = new Database(':memory:');
  createSchema(db);
  saveDataset(db, dataset);
  return db;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(cond: () => boolean, ms = 10_000): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error('timed out');
    await sleep(10);
  }
}

function setup(kind: 'spirals' | 'surface' | 'xor', size?: number) {
  const ex = makeExample(kind, { seed: 2, size });
  return { ...ex, db: memoryDb(ex.dataset) };
}

describe('training host with a real worker', () => {
  it('Iris 4-8-3 reaches ≥ 95% validation accuracy; the run, its history and weights are stored', async () => {
    const iris = await loadIrisExample(1);
    const db = memoryDb(iris.dataset);
    const epochs: number[] = [];
    const h = startRun({ db, datasetId: iris.dataset.meta.id, dataset: iris.dataset, network: iris.network, config: parseTrainingConfig({ epochs: 200, seed: 1, reinitialise: true }), listener: { epoch: (e) => epochs.push(e.epoch) } });
    const out = await h.done;
    expect(out.status).toBe('completed');
    if (out.status === 'error') return;
    expect(out.evaluation.val!.classification!.accuracy).toBeGreaterThanOrEqual(0.95);
    expect(epochs).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    const run = getRun(db, h.runId)!;
    expect(run.status).toBe('completed');
    expect(run.stored.loss).toBe('cce');
    const hist = metricHistory(db, h.runId);
    expect(hist['train.loss']).toHaveLength(200);
    expect(hist['val.score'][199][1]).toBe(out.evaluation.val!.classification!.accuracy);
    expect(hist['train.loss'][199][1]).toBeLessThan(hist['train.loss'][0][1] / 3);
    expect(Array.from(readCheckpoint(db, h.runId, 'final')!.params)).toEqual(Array.from(out.params));
    expect(readCheckpoint(db, h.runId, 'best')!.params.length).toBe(out.params.length);
  }, 60_000);

  it('stores the run with its loss from the first moment (before the worker has said a word)', async () => {
    const { dataset, network, db } = setup('spirals');
    const h = startRun({ db, datasetId: dataset.meta.id, dataset, network, config: parseTrainingConfig({ epochs: 1 }) });
    expect(getRun(db, h.runId)!.stored.loss).toBe('bce');
    expect((await h.done).status).toBe('completed');
    expect(getRun(db, h.runId)!.stored.loss).toBe('bce');
  });
  it('pause stops progress, resume restarts it, stop ends the run as stopped', async () => {
    const { dataset, network, db } = setup('spirals', 2000);
    const progress: Progress[] = [];
    const h = startRun({ db, datasetId: dataset.meta.id, dataset, network, config: parseTrainingConfig({ epochs: 100000 }), listener: { progress: (p) => progress.push(p) } });
    await until(() => progress.length >= 2);
    expect(progress[1].samplesPerSec).toBeGreaterThan(0);
    expect(progress[1].weights).toBeInstanceOf(Float64Array);
    h.pause();
    await until(() => progress.some((p) => p.paused));
    const n = progress.length;
    const at = progress[n - 1];
    await sleep(400);
    expect(progress.length).toBe(n);
    h.resume();
    await until(() => progress.length > n + 1);
    const later = progress[progress.length - 1];
    expect(later.epoch * later.stepsPerEpoch + later.step).toBeGreaterThan(at.epoch * at.stepsPerEpoch + at.step);
    h.stop();
    const out = await h.done;
    expect(out.status).toBe('stopped');
    expect(getRun(db, h.runId)!.status).toBe('stopped');
  }, 30_000);

  it('progress is throttled to at most ~10 per second', async () => {
    const { dataset, network, db } = setup('xor');
    const times: number[] = [];
    const h = startRun({ db, datasetId: dataset.meta.id, dataset, network, config: parseTrainingConfig({ epochs: 100000 }), listener: { progress: () => times.push(Date.now()) } });
    // Count over 1.5 s of training, not of the worker's start (slow on a loaded machine).
    await until(() => times.length >= 1, 20_000);
    const from = times[0];
    await sleep(1500);
    h.stop();
    await h.done;
    const inWindow = times.filter((t) => t - from < 1500).length;
    expect(inWindow).toBeGreaterThan(5);
    expect(inWindow).toBeLessThanOrEqual(17);
  }, 30_000);

  it('step runs one batch or one epoch while paused', async () => {
    const { dataset, network, db } = setup('xor');
    const progress: Progress[] = [];
    const h = startRun({ db, datasetId: dataset.meta.id, dataset, network, config: parseTrainingConfig({ epochs: 50 }), paused: true, listener: { progress: (p) => progress.push(p) } });
    await until(() => progress.length === 1);
    expect(progress[0]).toMatchObject({ epoch: 0, step: 0, paused: true });
    h.step('batch');
    await until(() => progress.length === 2);
    expect(progress[1]).toMatchObject({ epoch: 0, step: 1 });
    h.step('epoch');
    await until(() => progress.length === 3);
    expect(progress[2]).toMatchObject({ epoch: 1, step: 0 });
    await sleep(200);
    expect(progress.length).toBe(3);
    h.stop();
    expect((await h.done).status).toBe('stopped');
  }, 30_000);

  it('divergence stops with a message naming epoch and step and keeps the last good weights', async () => {
    const { dataset, network, db } = setup('surface');
    const h = startRun({ db, datasetId: dataset.meta.id, dataset, network, config: parseTrainingConfig({ epochs: 50, optimizer: { kind: 'sgd', lr: 1e6 }, reinitialise: true }) });
    const out = await h.done;
    expect(out.status).toBe('error');
    if (out.status !== 'error') return;
    expect(out.message).toMatch(/Training diverged at epoch \d+, step \d+/);
    expect(out.message).toContain(`epoch ${out.epoch}, step`);
    expect(Array.from(out.params!).every(Number.isFinite)).toBe(true);
    expect(getRun(db, h.runId)!.stored.message).toBe(out.message);
    expect(Array.from(readCheckpoint(db, h.runId, 'final')!.params).every(Number.isFinite)).toBe(true);
  }, 30_000);

  it('continuing a stored run gives the same weights as uninterrupted training', async () => {
    const { dataset, network, db } = setup('xor');
    const config = parseTrainingConfig({ epochs: 20, seed: 4, reinitialise: true, schedule: { kind: 'cosine' } });
    const whole = await startRun({ db, datasetId: dataset.meta.id, dataset, network, config }).done;
    // The same config (the cosine schedule spans 20 epochs) trained to epoch 8, then continued to 20.
    const first = startRun({ db, datasetId: dataset.meta.id, dataset, network, config, targetEpochs: 8 });
    expect((await first.done).status).toBe('completed');
    const stored = readCheckpoint(db, first.runId, 'final')!;
    const cont = startRun({ db, datasetId: dataset.meta.id, dataset, network, config, resume: { runId: first.runId, state: stored.state!, targetEpochs: 20 } });
    const out = await cont.done;
    if (out.status === 'error' || whole.status === 'error') throw new Error('run failed');
    expect(out.status).toBe('completed');
    expect(out.epoch).toBe(20);
    expect(Array.from(out.params)).toEqual(Array.from(whole.params));
    expect(getRun(db, first.runId)!.status).toBe('completed');
    expect(metricHistory(db, first.runId)['train.loss'].map(([e]) => e)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  }, 30_000);

  it('continuing after a mid-epoch stop is exact too (the stored state holds the epoch position)', async () => {
    const { dataset, network, db } = setup('spirals', 3000);
    const config = parseTrainingConfig({ epochs: 6, seed: 9, reinitialise: true });
    const whole = await startRun({ db, datasetId: dataset.meta.id, dataset, network, config }).done;
    const progress: Progress[] = [];
    const first = startRun({ db, datasetId: dataset.meta.id, dataset, network, config, paused: true, listener: { progress: (p) => progress.push(p) } });
    await until(() => progress.length === 1);
    first.step('epoch');
    await until(() => progress.length === 2);
    for (let i = 0; i < 5; i++) first.step('batch');
    await until(() => progress.length === 7);
    first.stop();
    expect((await first.done).status).toBe('stopped');
    const stored = readCheckpoint(db, first.runId, 'final')!;
    expect(stored.state!.pos).toBe(5 * 32);
    const out = await startRun({ db, datasetId: dataset.meta.id, dataset, network, config, resume: { runId: first.runId, state: stored.state!, targetEpochs: 6 } }).done;
    if (out.status === 'error' || whole.status === 'error') throw new Error('run failed');
    expect(Array.from(out.params)).toEqual(Array.from(whole.params));
  }, 30_000);

  it('a run is stored in a real project file: done → save → reopen → run, history and weights are there', async () => {
    const { session, close } = testSession();
    try {
      newProject(session);
      const ex = makeExample('xor', { seed: 2 });
      const db = workingDatabase(session);
      saveDataset(db, ex.dataset);
      const h = startRun({ db, datasetId: ex.dataset.meta.id, dataset: ex.dataset, network: ex.network, config: parseTrainingConfig({ epochs: 30 }) });
      const out = await h.done;
      if (out.status === 'error') throw new Error(out.message);
      const file = path.join(tempDir(), 'trained.neurite');
      saveProject(session, ex.network, file);
      closeProject(session);
      openProject(session, file);
      const db2 = workingDatabase(session);
      expect(listRuns(db2).map((r) => r.id)).toEqual([h.runId]);
      expect(metricHistory(db2, h.runId)['train.loss']).toHaveLength(30);
      expect(Array.from(readCheckpoint(db2, h.runId, 'final')!.params)).toEqual(Array.from(out.params));
      expect(readCheckpoint(db2, h.runId, 'final')!.state!.epoch).toBe(30);
    } finally {
      close();
    }
  }, 30_000);
});

describe('training host when the project goes away', () => {
  it('closing the database mid-run ends the run with an error instead of crashing main', async () => {
    const { dataset, network, db } = setup('spirals', 3000);
    const progress: Progress[] = [];
    const h = startRun({ db, datasetId: dataset.meta.id, dataset, network, config: parseTrainingConfig({ epochs: 100000 }), checkpointMs: 0, listener: { progress: (p) => progress.push(p) } });
    await until(() => progress.length >= 1);
    db.close();
    const out = await h.done;
    expect(out.status).toBe('error');
    if (out.status === 'error') expect(out.message).toMatch(/could not write to the project/);
  }, 30_000);
});
