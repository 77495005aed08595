import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { makeExample } from '../../../src-shared/data/examples';
import { parseTrainingConfig } from '../../../src-shared/training/config';
import { saveDataset } from '../dataset/store';
import { newProject, openProject, saveProject, workingDatabase } from '../project/service';
import { removeTempDirs, tempDir, testSession } from '../project/test-helpers';
import { startRun } from './host';
import { listRuns, metricHistory, readCheckpoint } from './store';

afterAll(removeTempDirs);

describe('saving while a run trains', () => {
  it('stores the run as it stands, interrupted and continuable, with history never ahead of its checkpoint; the live run goes on', async () => {
    const { session, close } = testSession();
    try {
      newProject(session);
      const ex = makeExample('spirals', { seed: 3, size: 600 });
      const db = workingDatabase(session);
      saveDataset(db, ex.dataset);
      const epochs: number[] = [];
      const h = startRun({ db, datasetId: ex.dataset.meta.id, dataset: ex.dataset, network: ex.network, config: parseTrainingConfig({ epochs: 100_000 }), checkpointMs: 300, listener: { epoch: (e) => epochs.push(e.epoch) } });
      for (let i = 0; i < 400 && epochs.length < 3; i++) await new Promise((r) => setTimeout(r, 25));
      await new Promise((r) => setTimeout(r, 700));
      const file = path.join(tempDir(), 'mid-run.neurite');
      saveProject(session, ex.network, file);
      // The working copy still says running: the run is live in this process.
      expect(listRuns(db)[0].status).toBe('running');
      const raw = new Database(file, { readonly: true });
      expect(raw.prepare('SELECT status FROM runs').pluck().all()).toEqual(['interrupted']);
      const stored = raw.prepare("SELECT step FROM checkpoints WHERE note = 'final'").pluck().get() as number;
      const history = raw.prepare("SELECT max(step) FROM run_metrics WHERE name = 'train.loss'").pluck().get() as number | null;
      raw.close();
      expect(stored).toBeGreaterThan(0);
      expect(history ?? 0).toBeLessThanOrEqual(stored);
      h.stop();
      expect((await h.done).status).toBe('stopped');
      expect(listRuns(db)[0].status).toBe('stopped');

      // Opened elsewhere, the saved run is interrupted and continues from its checkpoint.
      const other = testSession();
      try {
        const copy = path.join(tempDir(), 'copy.neurite');
        fs.copyFileSync(file, copy);
        openProject(other.session, copy);
        const db2 = workingDatabase(other.session);
        const [run] = listRuns(db2);
        expect(run.status).toBe('interrupted');
        const cp = readCheckpoint(db2, run.id, 'final')!;
        expect(cp.state!.epoch).toBe(stored);
        const cont = startRun({ db: db2, datasetId: ex.dataset.meta.id, dataset: ex.dataset, network: ex.network, config: run.stored!.config, resume: { runId: run.id, state: cp.state!, targetEpochs: stored + 2 } });
        expect((await cont.done).status).toBe('completed');
        expect(metricHistory(db2, run.id)['train.loss'].at(-1)![0]).toBe(stored + 2);
      } finally {
        other.close();
      }
    } finally {
      close();
    }
  }, 60_000);
});
