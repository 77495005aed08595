import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeExample } from '../../../src-shared/data/examples';
import { emptyNetwork } from '../../../src-shared/model/network';
import { closeProject, journal, newProject, openProject, recoverSession, recoverableSessions, saveProject, workingDatabase, closeSession } from '../project/service';
import { createSession } from '../session';
import { projectDataset } from './project-dataset';
import { deleteDataset, saveDataset } from './store';

// Counts the real decodes: every call still runs the store's own loadDataset.
const decodes = vi.hoisted(() => ({ n: 0 }));
vi.mock('./store', async (original) => {
  const real = await original<typeof import('./store')>();
  return { ...real, loadDataset: (...a: Parameters<typeof real.loadDataset>) => (decodes.n++, real.loadDataset(...a)) };
});

const dir = mkdtempSync(join(tmpdir(), 'neurite-decoded-'));
const closers: (() => void)[] = [];
afterAll(() => {
  closers.forEach((c) => c());
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  decodes.n = 0;
});

function session(stateDir = mkdtempSync(join(dir, 'state-'))) {
  const s = createSession({ mode: 'browser', projectsDir: dir, stateDir, emit: () => {} });
  closers.push(s.close);
  return s.session;
}

/** An XOR dataset with id `id` whose first value is `first`, so two versions tell apart. */
function xor(id: string, first: number) {
  const d = makeExample('xor', { size: 50, seed: 3 }).dataset;
  d.x[0] = first;
  return { ...d, meta: { ...d.meta, id } };
}

describe('decoded datasets per project', () => {
  it('decodes a dataset once for repeated reads', () => {
    const s = session();
    newProject(s);
    saveDataset(workingDatabase(s), xor('a', 0.25));
    const first = projectDataset(s, 'a');
    const again = projectDataset(s, 'a');
    expect(again).toBe(first);
    expect(again.x[0]).toBe(0.25);
    expect(decodes.n).toBe(1);
  });

  it('reads the new rows after a dataset is replaced, and nothing after it is deleted', () => {
    const s = session();
    newProject(s);
    const db = workingDatabase(s);
    saveDataset(db, xor('a', 0.25));
    expect(projectDataset(s, 'a').x[0]).toBe(0.25);
    saveDataset(db, xor('a', -0.75));
    expect(projectDataset(s, 'a').x[0]).toBe(-0.75);
    expect(decodes.n).toBe(2);
    deleteDataset(db, 'a');
    expect(() => projectDataset(s, 'a')).toThrow(/There is no dataset "a"/);
  });

  it('forgets the decoded rows when another project is opened, made or closed', () => {
    const s = session();
    newProject(s);
    saveDataset(workingDatabase(s), xor('a', 0.5));
    saveProject(s, emptyNetwork(), 'half');
    newProject(s);
    saveDataset(workingDatabase(s), xor('a', 2));
    expect(projectDataset(s, 'a').x[0]).toBe(2);
    openProject(s, 'half.neurite');
    expect(projectDataset(s, 'a').x[0]).toBe(0.5);
    newProject(s);
    expect(() => projectDataset(s, 'a')).toThrow(/There is no dataset "a"/);
    openProject(s, 'half.neurite');
    expect(projectDataset(s, 'a').x[0]).toBe(0.5);
    closeProject(s);
    expect(() => projectDataset(s, 'a')).toThrow(/There is no dataset "a"/);
  });

  it('reads the recovered project’s rows after a recovery', () => {
    const stateDir = mkdtempSync(join(dir, 'state-'));
    const gone = session(stateDir);
    newProject(gone);
    saveDataset(workingDatabase(gone), xor('a', 3));
    journal(gone, emptyNetwork());
    closeSession(gone);
    const s = session(stateDir);
    newProject(s);
    saveDataset(workingDatabase(s), xor('a', -3));
    expect(projectDataset(s, 'a').x[0]).toBe(-3);
    const [entry] = recoverableSessions(s);
    recoverSession(s, entry.id);
    expect(projectDataset(s, 'a').x[0]).toBe(3);
  });
});

describe('decoded datasets held per project are bounded', () => {
  it('keeps the three most recently read and decodes an evicted one again', () => {
    const s = session();
    newProject(s);
    const db = workingDatabase(s);
    for (const id of ['a', 'b', 'c', 'd']) saveDataset(db, xor(id, 1));
    for (const id of ['a', 'b', 'c', 'd']) projectDataset(s, id);
    expect(decodes.n).toBe(4);
    for (const id of ['b', 'c', 'd']) projectDataset(s, id);
    expect(decodes.n).toBe(4);
    projectDataset(s, 'a');
    expect(decodes.n).toBe(5);
  });
});
