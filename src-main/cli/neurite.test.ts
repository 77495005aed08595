import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { makeExample } from '../../src-shared/data/examples';
import { saveDataset } from '../services/dataset/store';
import { closeProject, newProject, openProject, saveProject, workingDatabase } from '../services/project/service';
import { removeTempDirs, tempDir, testSession } from '../services/project/test-helpers';
import { listRuns, metricHistory } from '../services/training/store';

afterAll(removeTempDirs);

const cli = path.join(path.dirname(fileURLToPath(import.meta.url)), 'neurite.ts');
const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], { encoding: 'utf8', timeout: 60_000 });

function makeProject(): string {
  const { session, close } = testSession();
  const file = path.join(tempDir(), 'cli.neurite');
  newProject(session);
  const ex = makeExample('circles', { seed: 2 });
  saveDataset(workingDatabase(session), ex.dataset);
  saveProject(session, ex.network, file);
  close();
  return file;
}

describe('neurite CLI (spawned from source)', () => {
  it('--help prints usage and exits 0', () => {
    const r = run('--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('neurite train <project.neurite>');
  });

  it('bad input exits non-zero with a clear message', () => {
    expect(run('fly').status).toBe(2);
    expect(run('fly').stderr).toContain('Unknown command "fly"');
    const file = makeProject();
    const lr = run('train', file, '--lr', 'fast');
    expect(lr.status).toBe(2);
    expect(lr.stderr).toContain('--lr must be a number, got "fast"');
    const missing = run('train', path.join(tempDir(), 'none.neurite'));
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('No such project file');
    expect(run('eval', file, '--run', 'nope').stderr).toContain('The project has no run "nope"');
  }, 60_000);

  it('train stores the run in the project and eval reads it back', () => {
    const file = makeProject();
    const r = run('train', file, '--epochs', '60', '--lr', '0.03', '--seed', '3');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const final = r.stdout.split('\n').find((l) => l.startsWith('final '))!;
    expect(final).toMatch(/status=completed epochs=60/);
    const acc = Number(/val: rows=\d+ loss=\S+ accuracy=(\S+)/.exec(final)![1]);
    expect(acc).toBeGreaterThan(0.9);
    const runId = /run=(\S+)/.exec(final)![1];

    const { session, close } = testSession();
    openProject(session, file);
    const db = workingDatabase(session);
    expect(listRuns(db).map((x) => x.id)).toEqual([runId]);
    expect(metricHistory(db, runId)['train.loss']).toHaveLength(60);
    closeProject(session);
    close();

    const ev = run('eval', file, '--run', runId);
    expect(ev.status).toBe(0);
    expect(ev.stdout).toContain(`val: rows=`);
    expect(Number(/val: rows=\d+ loss=\S+ accuracy=(\S+)/.exec(ev.stdout)![1])).toBe(acc);
  }, 60_000);
});
