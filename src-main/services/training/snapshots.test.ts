import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeExample } from '../../../src-shared/data/examples';
import { parseTrainingConfig } from '../../../src-shared/training/config';
import { TrainingRun } from '../../../src-shared/training/runner';
import { snapshotEpochs } from '../../../src-shared/training/snapshots';
import { saveDataset } from '../dataset/store';
import { closeProject, newProject, openProject, saveProject, workingDatabase } from '../project/service';
import { removeTempDirs, tempDir, testSession } from '../project/test-helpers';
import { startRun } from './host';
import { listSnapshots, readSnapshot } from './store';

afterAll(removeTempDirs);

/** The parameters an uninterrupted in-thread run has after each epoch in `at` (the worker must store exactly these). */
function reference(ex: ReturnType<typeof makeExample>, config: ReturnType<typeof parseTrainingConfig>, at: Set<number>): Map<number, number[]> {
  const run = new TrainingRun({ network: ex.network, x: ex.dataset.x, y: ex.dataset.y, split: ex.dataset.split, config });
  const out = new Map<number, number[]>();
  if (at.has(0)) out.set(0, Array.from(run.params));
  while (!run.finished) {
    run.runEpoch();
    if (at.has(run.epoch)) out.set(run.epoch, Array.from(run.params));
  }
  return out;
}

describe('replay snapshots', () => {
  it('a 260-epoch run keeps the spaced epochs with the exact weights, through save and reopen of a real project file', async () => {
    const { session, close } = testSession();
    try {
      newProject(session);
      const ex = makeExample('xor', { seed: 2 });
      const db = workingDatabase(session);
      saveDataset(db, ex.dataset);
      const config = parseTrainingConfig({ epochs: 260, seed: 4, reinitialise: true });
      const h = startRun({ db, datasetId: ex.dataset.meta.id, dataset: ex.dataset, network: ex.network, config });
      const out = await h.done;
      if (out.status === 'error') throw new Error(out.message);
      const expected = snapshotEpochs(260);
      expect(expected.length).toBeLessThan(200);
      expect(expected.slice(0, 50)).toEqual(Array.from({ length: 50 }, (_, i) => i));

      const file = path.join(tempDir(), 'replay.neurite');
      saveProject(session, ex.network, file);
      closeProject(session);
      openProject(session, file);
      const db2 = workingDatabase(session);
      const keys = listSnapshots(db2, h.runId);
      expect(keys.map((k) => k.epoch)).toEqual(expected);
      expect(keys.every((k) => k.step === 0)).toBe(true);
      const ref = reference(ex, config, new Set(expected));
      for (const k of keys) expect(Array.from(readSnapshot(db2, h.runId, k)!)).toEqual(ref.get(k.epoch));
      // The last snapshot is the run's final weights.
      expect(Array.from(readSnapshot(db2, h.runId, keys.at(-1)!)!)).toEqual(Array.from(out.params));
    } finally {
      close();
    }
  }, 60_000);

  it('a run stopped mid-epoch ends its replay at the stop, and continuing it thins the old end away', async () => {
    const { session, close } = testSession();
    try {
      newProject(session);
      const ex = makeExample('spirals', { seed: 2, size: 400 });
      const db = workingDatabase(session);
      saveDataset(db, ex.dataset);
      const config = parseTrainingConfig({ epochs: null, batchSize: 8, seed: 1 });
      // By hand: three epochs and three batches, then stop.
      let at = { epoch: 0, step: 0 };
      const h = startRun({ db, datasetId: ex.dataset.meta.id, dataset: ex.dataset, network: ex.network, config, paused: true, progressMs: 0, listener: { progress: (p) => (at = p) } });
      for (let i = 0; i < 3; i++) h.step('epoch');
      for (let i = 0; i < 3; i++) h.step('batch');
      while (!(at.epoch === 3 && at.step === 3)) await new Promise((r) => setTimeout(r, 10));
      h.stop();
      const out = await h.done;
      expect(out.status).toBe('stopped');
      if (out.status === 'error') return;
      const keys = listSnapshots(db, h.runId);
      expect(keys).toEqual([0, 1, 2, 3].map((epoch) => ({ epoch, step: 0 })).concat([{ epoch: 3, step: 3 }]));
      expect(Array.from(readSnapshot(db, h.runId, { epoch: 3, step: 3 })!)).toEqual(Array.from(out.params));

      // Continue for two epochs: snapshots at epochs 4 and 5 (whole epochs from the mid-epoch state), the stop point dropped.
      const { readCheckpoint } = await import('./store');
      const cp = readCheckpoint(db, h.runId, 'final')!;
      const h2 = startRun({ db, datasetId: ex.dataset.meta.id, dataset: ex.dataset, network: ex.network, config, resume: { runId: h.runId, state: cp.state!, targetEpochs: 5 } });
      const out2 = await h2.done;
      expect(out2.status).toBe('completed');
      expect(listSnapshots(db, h.runId)).toEqual([0, 1, 2, 3, 4, 5].map((epoch) => ({ epoch, step: 0 })));
    } finally {
      close();
    }
  }, 60_000);

  it('a run without an epoch limit goes on until stopped', async () => {
    const ex = makeExample('xor', { seed: 2 });
    const { session, close } = testSession();
    try {
      newProject(session);
      const db = workingDatabase(session);
      saveDataset(db, ex.dataset);
      let epochs = 0;
      const h = startRun({ db, datasetId: ex.dataset.meta.id, dataset: ex.dataset, network: ex.network, config: parseTrainingConfig({ epochs: null }), listener: { epoch: () => epochs++ } });
      while (epochs < 400) await new Promise((r) => setTimeout(r, 20));
      h.stop();
      const out = await h.done;
      expect(out.status).toBe('stopped');
      if (out.status === 'error') return;
      expect(out.epoch).toBeGreaterThanOrEqual(400);
      const keys = listSnapshots(db, h.runId);
      expect(keys.length).toBeLessThanOrEqual(200);
      expect(keys.at(-1)!.epoch).toBe(out.epoch);
    } finally {
      close();
    }
  }, 60_000);
});
