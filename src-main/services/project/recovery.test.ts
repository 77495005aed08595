import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { emptyNetwork } from '../../../src-shared/model/network';
import { UserError } from '../user-error';
import { fixtureNetwork } from './fixtures/fixture-network';
import { readNetwork } from './network-tables';
import * as svc from './service';
import { fileHash, removeTempDirs, tempDir, testSession } from './test-helpers';
import { workingRoot } from './working-copy';

afterAll(removeTempDirs);

const here = path.dirname(fileURLToPath(import.meta.url));

function edited(bias: number) {
  const net = fixtureNetwork();
  net.neurons[0].bias = bias;
  return net;
}

function savedProject(stateDir: string): string {
  const file = path.join(tempDir(), 'work.neurite');
  const { session } = testSession({ stateDir });
  svc.saveProject(session, fixtureNetwork(), file);
  svc.closeProject(session);
  return file;
}

describe('hot exit and recovery', () => {
  it('keeps unsaved edits of a window that went away, and restores them into another', () => {
    const stateDir = tempDir();
    const file = savedProject(stateDir);
    const a = testSession({ stateDir });
    svc.openProject(a.session, file);
    svc.journal(a.session, edited(1));
    svc.journal(a.session, edited(2)); // the newest journal wins
    a.close(); // the transport's close hook: the window is gone, the edits are not
    const b = testSession({ stateDir });
    const list = svc.recoverableSessions(b.session);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ path: file, name: 'work' });
    const snap = svc.recoverSession(b.session, list[0].id);
    expect(snap).toMatchObject({ path: file, name: 'work', recovered: true });
    expect(snap.network).toEqual(edited(2));
    // Recovered edits are not saved yet: the file still holds the old network.
    const disk = new Database(file, { readonly: true });
    expect(readNetwork(disk)).toEqual(fixtureNetwork());
    disk.close();
    expect(svc.recoverableSessions(b.session)).toEqual([]);
    expectCode(() => svc.recoverSession(testSession({ stateDir }).session, list[0].id), 'project.recoveryGone');
    svc.saveProject(b.session, snap.network);
    expect(svc.currentProject(b.session)?.recovered).toBe(false);
    b.close(); // saved: nothing left to recover
    expect(svc.recoverableSessions(testSession({ stateDir }).session)).toEqual([]);
    expect(fs.readdirSync(workingRoot(stateDir))).toEqual([]);
  });

  it('recovers the unsaved edits of a process killed with SIGKILL', async () => {
    const stateDir = tempDir();
    const file = savedProject(stateDir);
    const before = fileHash(file);
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'crash-child.ts'), 'journal', stateDir, file], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => d.toString().includes('journaled') && resolve());
      child.once('exit', (code) => reject(new Error(`child exited with ${code}`)));
    });
    const s = testSession({ stateDir }).session;
    // While it lives, its project is neither recoverable nor openable here.
    expect(svc.recoverableSessions(s)).toEqual([]);
    expectCode(() => svc.openProject(s, file), 'project.alreadyOpen');
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const list = svc.recoverableSessions(s);
    expect(list.map((e) => e.path)).toEqual([file]);
    expect(svc.recoverSession(s, list[0].id).network).toEqual(edited(4242));
    expect(fileHash(file)).toBe(before);
    svc.closeProject(s);
  });

  it('recovers an untitled project, and discards on request', () => {
    const stateDir = tempDir();
    const a = testSession({ stateDir });
    svc.journal(a.session, edited(7)); // no project yet: journaling starts an untitled one
    a.close();
    const b = testSession({ stateDir }).session;
    const [entry] = svc.recoverableSessions(b);
    expect(entry).toMatchObject({ path: null, name: 'Untitled' });
    svc.discardRecovery(b, entry.id);
    expect(svc.recoverableSessions(b)).toEqual([]);
    expect(fs.readdirSync(workingRoot(stateDir))).toEqual([]);
  });

  it('keeps a working copy whose only unsaved work is in its database (a dataset, a run)', () => {
    const stateDir = tempDir();
    const file = savedProject(stateDir);
    const a = testSession({ stateDir });
    svc.openProject(a.session, file);
    svc.workingDatabase(a.session).prepare("INSERT INTO datasets (id, name, created, spec, data) VALUES ('d1', 'iris', 'now', '{}', x'0102')").run();
    svc.markUnsaved(a.session);
    a.close();
    const b = testSession({ stateDir }).session;
    const [entry] = svc.recoverableSessions(b);
    expect(svc.recoverSession(b, entry.id).network).toEqual(fixtureNetwork());
    svc.saveProject(b, fixtureNetwork());
    svc.closeProject(b);
    const disk = new Database(file, { readonly: true });
    expect(disk.prepare('SELECT name, data FROM datasets').all()).toEqual([{ name: 'iris', data: Buffer.from([1, 2]) }]);
    disk.close();
  });

  it('drops leftovers without unsaved edits, and never lists a live window', () => {
    const stateDir = tempDir();
    const file = savedProject(stateDir);
    const a = testSession({ stateDir });
    svc.openProject(a.session, file);
    a.close(); // nothing journaled: deleted at once
    expect(fs.readdirSync(workingRoot(stateDir))).toEqual([]);
    const b = testSession({ stateDir });
    svc.openProject(b.session, file);
    svc.journal(b.session, emptyNetwork());
    expect(svc.recoverableSessions(testSession({ stateDir }).session)).toEqual([]);
    // A crash leftover whose lock names this very pid (pids are reused) but that this process does not hold.
    const ghost = path.join(workingRoot(stateDir), '00000000-0000-4000-8000-0000000000aa');
    fs.mkdirSync(ghost);
    fs.writeFileSync(path.join(ghost, 'lock'), JSON.stringify({ pid: process.pid }));
    expect(svc.recoverableSessions(testSession({ stateDir }).session)).toEqual([]);
    expect(fs.existsSync(ghost)).toBe(false);
    svc.closeProject(b.session);
  });

  it('refuses to recover over a project that is open again elsewhere', () => {
    const stateDir = tempDir();
    const file = savedProject(stateDir);
    const a = testSession({ stateDir });
    svc.openProject(a.session, file);
    svc.journal(a.session, edited(3));
    a.close();
    const b = testSession({ stateDir });
    svc.openProject(b.session, file);
    const c = testSession({ stateDir }).session;
    const [entry] = svc.recoverableSessions(c);
    expectCode(() => svc.recoverSession(c, entry.id), 'project.alreadyOpen');
    expect(svc.recoverableSessions(c)).toHaveLength(1); // still there for later
    svc.closeProject(b.session);
    expect(svc.recoverSession(c, entry.id).network).toEqual(edited(3));
    svc.closeProject(c);
  });
});

function expectCode(fn: () => unknown, code: string) {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).code).toBe(code);
    return;
  }
  throw new Error(`expected ${code}`);
}
