import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../dispatch';
import { datasetHandlers } from '../dataset/handlers';
import { projectHandlers } from '../project/handlers';
import * as svc from '../project/service';
import { removeTempDirs, tempDir, testSession } from '../project/test-helpers';
import { trainingHandlers } from './handlers';
import { listRuns, listSnapshots, metricHistory, readCheckpoint } from './store';

afterAll(removeTempDirs);

const here = path.dirname(fileURLToPath(import.meta.url));
const KILLS = 12;
const PARALLEL = 2;
/** The promise: a checkpoint at least every 2 s; 1 s more for a loaded machine's scheduling (the child's stdout lags its worker). */
const WINDOW_MS = 2000;
const SLACK_MS = 1000;

interface Killed {
  epochs: { epoch: number; ms: number }[];
  saves: number[];
  /** Wall-clock time of the kill, and of the child's first epoch (same machine clock as the rows' `created`). */
  killedAt: number;
  firstEpochAt: number;
}

/** Trains in a child (saving to `file` every 150 ms when given) and SIGKILLs it `afterMs` after its first epoch. */
async function trainAndKill(stateDir: string, file: string | null, afterMs: number): Promise<Killed> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'crash-child.ts'), stateDir, ...(file ? [file] : [])], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('epoch ') && (!file || out.includes('saved '))) resolve();
    });
    child.once('exit', (code) => reject(new Error(`training child exited (${code}) before its first epoch: ${err}`)));
  });
  const firstEpochAt = Date.now();
  await new Promise((r) => setTimeout(r, afterMs));
  const killedAt = Date.now();
  child.kill('SIGKILL');
  await exited;
  return {
    killedAt,
    firstEpochAt,
    epochs: [...out.matchAll(/epoch (\d+) (\d+)\n/g)].map((m) => ({ epoch: Number(m[1]), ms: Number(m[2]) })),
    saves: [...out.matchAll(/saved (\d+)\n/g)].map((m) => Number(m[1])),
  };
}

/** The consistency every reopened project must have: no run left running, history never ahead of the stored state. */
function checkConsistent(db: Database.Database): { runId: string; checkpointEpoch: number; historyEpoch: number } {
  const runs = listRuns(db);
  expect(runs).toHaveLength(1);
  const [run] = runs;
  expect(run.status).toBe('interrupted');
  // No checkpoint only when the process died before the worker's first one: then there is no history either.
  const stateEpoch = readCheckpoint(db, run.id, 'final')?.state?.epoch ?? 0;
  const history = metricHistory(db, run.id)['train.loss'] ?? [];
  const historyEpoch = history.at(-1)?.[0] ?? 0;
  expect(historyEpoch).toBeLessThanOrEqual(stateEpoch);
  expect(history.map(([e]) => e)).toEqual(Array.from({ length: history.length }, (_, i) => i + 1));
  // The replay is stored with the state too: it starts at the initial weights and never runs ahead of the state.
  const snaps = listSnapshots(db, run.id);
  if (snaps.length) {
    expect(snaps[0]).toEqual({ epoch: 0, step: 0 });
    expect(snaps.at(-1)!.epoch).toBeLessThanOrEqual(stateEpoch);
  }
  return { runId: run.id, checkpointEpoch: stateEpoch, historyEpoch };
}

describe('crashes while training', () => {
  it(`${KILLS} SIGKILLs during training: each recovered run is interrupted, continuable, and its checkpoint within the promised window`, { timeout: 240_000 }, async () => {
    const lines: string[] = [];
    const ages: number[] = [];
    let continued = false;
    const lane = async (laneNo: number) => {
      for (let i = laneNo; i < KILLS; i += PARALLEL) {
        const stateDir = tempDir('neurite-train-crash-');
        const killed = await trainAndKill(stateDir, null, 300 + Math.random() * 4500);
        const last = killed.epochs.at(-1)!;
        const { session, close } = testSession({ stateDir });
        try {
          const [entry] = svc.recoverableSessions(session);
          expect(entry).toBeDefined();
          svc.recoverSession(session, entry.id);
          const db = svc.workingDatabase(session);
          const c = checkConsistent(db);
          // Everything the child reported more than the window before its last report is in the stored state.
          const due = Math.max(0, ...killed.epochs.filter((e) => e.ms <= last.ms - WINDOW_MS - SLACK_MS).map((e) => e.epoch));
          expect(c.checkpointEpoch).toBeGreaterThanOrEqual(due);
          // And the stored state was written at most the window (plus slack) before the kill, once training had run that long.
          const created = Date.parse(db.prepare("SELECT created FROM checkpoints WHERE id = ?").pluck().get(`${c.runId}:final`) as string);
          const age = killed.killedAt - created;
          if (killed.killedAt - killed.firstEpochAt > WINDOW_MS + SLACK_MS) expect(age, `stored state ${age} ms old at the kill`).toBeLessThanOrEqual(WINDOW_MS + SLACK_MS);
          ages.push(age);
          lines.push(`kill ${i}: last report epoch ${last.epoch} at ${last.ms} ms; stored state epoch ${c.checkpointEpoch} written ${age} ms before the kill, history to ${c.historyEpoch}`);
          if (!continued) {
            // An interrupted run continues from its checkpoint through the channel the app uses.
            continued = true;
            const dispatch = createDispatcher({ ...projectHandlers, ...datasetHandlers, ...trainingHandlers }, () => {});
            const reply = await dispatch('training.continue', { runId: c.runId, epochs: 2 }, session);
            expect(reply.ok, JSON.stringify(reply)).toBe(true);
            for (let t = 0; t < 300 && listRuns(db)[0].status !== 'completed'; t++) await new Promise((r) => setTimeout(r, 50));
            expect(listRuns(db)[0].status).toBe('completed');
            expect(readCheckpoint(db, c.runId, 'final')!.state!.epoch).toBe(c.checkpointEpoch + 2);
            expect(metricHistory(db, c.runId)['train.loss'].at(-1)![0]).toBe(c.checkpointEpoch + 2);
            expect(listSnapshots(db, c.runId).at(-1)).toEqual({ epoch: c.checkpointEpoch + 2, step: 0 });
          }
        } finally {
          close();
        }
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, (_, i) => lane(i)));
    console.log(`training crash loop (stored state at most ${Math.max(...ages)} ms old at a kill):\n${lines.join('\n')}`);
    expect(lines).toHaveLength(KILLS);
  });

  it(`${KILLS} SIGKILLs while saving during training: the saved file and the recovered copy never claim a run is running`, { timeout: 240_000 }, async () => {
    const lines: string[] = [];
    const lane = async (laneNo: number) => {
      for (let i = laneNo; i < KILLS; i += PARALLEL) {
        const stateDir = tempDir('neurite-save-crash-');
        const dir = tempDir('neurite-save-crash-file-');
        const file = path.join(dir, 'training.neurite');
        const killed = await trainAndKill(stateDir, file, 500 + Math.random() * 3000);
        // The file as the last completed save (or a later one) left it: it opens, and its run is interrupted.
        const { session, close } = testSession({ stateDir: tempDir() });
        try {
          svc.openProject(session, file);
          const saved = checkConsistent(svc.workingDatabase(session));
          lines.push(`kill ${i}: ${killed.saves.length} saves; file: state epoch ${saved.checkpointEpoch}, history to ${saved.historyEpoch}`);
        } finally {
          close();
        }
        const leftovers = fs.readdirSync(dir).filter((n) => n !== 'training.neurite');
        // The next save of that file sweeps what the killed save left (its temp file and SQLite's journal of it).
        const again = testSession({ stateDir: tempDir() });
        try {
          const snap = svc.openProject(again.session, file);
          svc.saveProject(again.session, snap.network);
          expect(fs.readdirSync(dir)).toEqual(['training.neurite']);
        } finally {
          again.close();
        }
        if (leftovers.length) lines.push(`  swept ${leftovers.join(', ')}`);
        // The working copy the killed process left, when it held work newer than the last save, is consistent too.
        const { session: rs, close: rclose } = testSession({ stateDir });
        try {
          const [entry] = svc.recoverableSessions(rs);
          if (entry) {
            svc.recoverSession(rs, entry.id);
            checkConsistent(svc.workingDatabase(rs));
          }
        } finally {
          rclose();
        }
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, (_, i) => lane(i)));
    console.log(`save-while-training crash loop:\n${lines.join('\n')}`);
  });
});
