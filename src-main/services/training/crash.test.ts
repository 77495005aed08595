import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../dataset/store';
import * as svc from '../project/service';
import { removeTempDirs, tempDir, testSession } from '../project/test-helpers';
import { startRun } from './host';
import { getRun, listRuns, listSnapshots, metricHistory, readCheckpoint } from './store';

afterAll(removeTempDirs);

const here = path.dirname(fileURLToPath(import.meta.url));
const RUN_FOR_MS = 5000;

describe('a crash while training', () => {
  it('loses at most the last few seconds: history and a resumable checkpoint survive SIGKILL, and the run continues', { timeout: 90_000 }, async () => {
    const stateDir = tempDir('neurite-train-crash-');
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'crash-child.ts'), stateDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('epoch ')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`training child exited (${code}) before its first epoch: ${err}`)));
    });
    await new Promise((r) => setTimeout(r, RUN_FOR_MS));
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    const epochs = [...out.matchAll(/epoch (\d+) (\d+)\n/g)].map((m) => ({ epoch: Number(m[1]), ms: Number(m[2]) }));
    const last = epochs.at(-1)!;

    // Reopen as the app does after a crash: the working copy is offered for recovery.
    const { session, close } = testSession({ stateDir });
    const [entry] = svc.recoverableSessions(session);
    expect(entry).toBeDefined();
    svc.recoverSession(session, entry.id);
    const db = svc.workingDatabase(session);
    const [run] = listRuns(db);
    expect(run.status).toBe('running');
    const history = metricHistory(db, run.id)['train.loss'];
    const checkpoint = readCheckpoint(db, run.id, 'final')!;
    // Replay snapshots survive too, within the spacing's budget, up to where the history got.
    const snaps = listSnapshots(db, run.id);
    expect(snaps.length).toBeGreaterThan(50);
    expect(snaps.length).toBeLessThanOrEqual(200);
    expect(snaps[0]).toEqual({ epoch: 0, step: 0 });
    expect(snaps.at(-1)!.epoch).toBeLessThanOrEqual(history.length);
    // What the child reported 2 s (history, flushed every second) and 3 s (checkpoint, every 2 s) before the kill is stored.
    const reportedBefore = (ms: number) => Math.max(0, ...epochs.filter((e) => e.ms <= last.ms - ms).map((e) => e.epoch));
    expect(history.length).toBeGreaterThanOrEqual(reportedBefore(2000));
    expect(checkpoint.state!.epoch).toBeGreaterThanOrEqual(reportedBefore(3000));
    expect(checkpoint.state!.epoch).toBeGreaterThan(0);
    console.log(`training crash test: killed after epoch ${last.epoch} (${last.ms} ms); stored history to epoch ${history.length}, checkpoint at epoch ${checkpoint.state!.epoch}`);

    // Continue from the checkpoint: same run, history goes on from where the checkpoint was.
    const from = checkpoint.state!.epoch;
    const h = startRun({
      db,
      datasetId: run.datasetId!,
      dataset: loadDataset(db, run.datasetId!)!,
      network: run.network,
      config: run.stored.config,
      listener: {},
      resume: { runId: run.id, state: checkpoint.state!, targetEpochs: from + 2 },
    });
    const outcome = await h.done;
    expect(outcome.status).toBe('completed');
    expect(getRun(db, run.id)!.status).toBe('completed');
    const after = metricHistory(db, run.id)['train.loss'];
    expect(after.at(-1)![0]).toBe(from + 2);
    expect(readCheckpoint(db, run.id, 'final')!.state!.epoch).toBe(from + 2);
    // The history and the replay go on from the checkpoint: nothing is left from after it.
    expect(after).toHaveLength(from + 2);
    expect(listSnapshots(db, run.id).at(-1)).toEqual({ epoch: from + 2, step: 0 });
    close();
  });
});
