import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ACTIVATION_KINDS } from '../../../src-shared/model/activation-kind';
import { emptyNetwork, type Network } from '../../../src-shared/model/network';
import { UserError } from '../user-error';
import { NEURITE_APPLICATION_ID, PROJECT_FORMAT_VERSION } from './format';
import { fixtureNetwork } from './fixtures/fixture-network';
import { createSchema } from './migrations';
import { readNetwork, writeNetwork } from './network-tables';
import { MAX_RECENT } from './recent';
import * as svc from './service';
import { fileHash, removeTempDirs, tempDir, testSession } from './test-helpers';

afterAll(removeTempDirs);

const closers: Array<() => void> = [];
function session(opts: Parameters<typeof testSession>[0] = {}) {
  const s = testSession(opts);
  closers.push(() => svc.closeProject(s.session));
  return s.session;
}
afterEach(() => {
  for (const c of closers.splice(0)) c();
});

/** Values a float column could mangle: tiny, huge, negative zero's neighbour, many digits. */
function awkwardNetwork(): Network {
  const net = fixtureNetwork();
  net.neurons[2].bias = 5e-324;
  net.neurons[3].bias = -1.7976931348623157e308;
  net.neurons[4].position = { x: 0.1 + 0.2, y: -1 / 3 };
  net.neurons[5].label = 'ünïcødé 🧠 "quoted", \'single\'';
  net.synapses[0].weight = Math.PI;
  return net;
}

function expectUserError(fn: () => unknown, code: string, message: string | RegExp) {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(UserError);
  expect((caught as UserError).code).toBe(code);
  if (typeof message === 'string') expect((caught as UserError).message).toBe(message);
  else expect((caught as UserError).message).toMatch(message);
}

describe('save and open', () => {
  it('round-trips every activation kind, biases, weights, positions, Dale marks, softmax group and viewport', () => {
    const dir = tempDir();
    const file = path.join(dir, 'all kinds.neurite');
    const a = session();
    svc.newProject(a);
    const net = fixtureNetwork();
    expect(new Set(net.neurons.map((n) => n.activation))).toEqual(new Set(ACTIVATION_KINDS));
    const saved = svc.saveProject(a, net, file);
    expect(saved).toMatchObject({ path: file, name: 'all kinds', recovered: false });
    svc.closeProject(a);

    const b = session();
    const opened = svc.openProject(b, file);
    expect(opened.network).toEqual(net);
    expect(opened).toMatchObject({ path: file, name: 'all kinds', savedAt: saved.savedAt, recovered: false });
  });

  it('keeps awkward floats and text exactly', () => {
    const file = path.join(tempDir(), 'awkward.neurite');
    const a = session();
    svc.saveProject(a, awkwardNetwork(), file);
    svc.closeProject(a);
    expect(svc.openProject(session(), file).network).toEqual(awkwardNetwork());
  });

  it('writes a self-contained file: rollback journal, no sidecars, Neurite header, intact after being copied', () => {
    const dir = tempDir();
    const file = path.join(dir, 'p.neurite');
    const a = session();
    svc.saveProject(a, fixtureNetwork(), file);
    expect(fs.readdirSync(dir)).toEqual(['p.neurite']);
    const head = fs.readFileSync(file).subarray(0, 100);
    expect([head[18], head[19]]).toEqual([1, 1]); // 1 = rollback journal; 2 would be WAL
    const db = new Database(file, { readonly: true });
    expect(db.pragma('application_id', { simple: true })).toBe(NEURITE_APPLICATION_ID);
    expect(db.pragma('user_version', { simple: true })).toBe(PROJECT_FORMAT_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(readNetwork(db)).toEqual(fixtureNetwork());
    db.close();
    const copy = path.join(tempDir(), 'mailed.neurite');
    fs.copyFileSync(file, copy);
    expect(svc.openProject(session(), copy).network).toEqual(fixtureNetwork());
  });

  it('opening never changes the file; edits reach it only on Save', () => {
    const file = path.join(tempDir(), 'p.neurite');
    const a = session();
    svc.saveProject(a, fixtureNetwork(), file);
    svc.closeProject(a);
    const before = fileHash(file);
    const b = session();
    svc.openProject(b, file);
    svc.journal(b, emptyNetwork());
    expect(fileHash(file)).toBe(before);
    svc.saveProject(b, emptyNetwork());
    expect(fileHash(file)).not.toBe(before);
    svc.closeProject(b);
    expect(svc.openProject(session(), file).network).toEqual(emptyNetwork());
  });

  it('opens a file another writer left in WAL mode (with its -wal content), and Save leaves no stale sidecar', () => {
    const dir = tempDir();
    const live = path.join(dir, 'live.neurite');
    const db = new Database(live);
    createSchema(db);
    db.pragma('journal_mode = WAL');
    db.transaction(() => writeNetwork(db, fixtureNetwork()))(); // committed, but only in live.neurite-wal
    const file = path.join(dir, 'crashed.neurite');
    fs.copyFileSync(live, file);
    fs.copyFileSync(`${live}-wal`, `${file}-wal`);
    db.close();
    const before = fileHash(file);
    const a = session();
    expect(svc.openProject(a, file).network).toEqual(fixtureNetwork());
    expect(fileHash(file)).toBe(before);
    svc.saveProject(a, awkwardNetwork());
    expect(fs.readdirSync(dir).filter((n) => n.startsWith('crashed'))).toEqual(['crashed.neurite']);
    svc.closeProject(a);
    expect(svc.openProject(session(), file).network).toEqual(awkwardNetwork());
  });

  it('asks for a path when an untitled project is saved, then Save As moves it', () => {
    const dir = tempDir();
    const a = session();
    expect(svc.newProject(a)).toMatchObject({ path: null, name: 'Untitled', savedAt: null, network: emptyNetwork() });
    expectUserError(() => svc.saveProject(a, fixtureNetwork()), 'project.noPath', 'This project has not been saved yet: choose where to save it (Save As).');
    const first = svc.saveProject(a, fixtureNetwork(), path.join(dir, 'one'));
    expect(first.path).toBe(path.join(dir, 'one.neurite'));
    const second = svc.saveProject(a, emptyNetwork(), path.join(dir, 'two.neurite'));
    expect(second.name).toBe('two');
    expect(svc.currentProject(a)?.path).toBe(path.join(dir, 'two.neurite'));
    // Save As leaves the old file as it was.
    svc.closeProject(a);
    expect(svc.openProject(session(), path.join(dir, 'one.neurite')).network).toEqual(fixtureNetwork());
  });

  it('sweeps the temp file a crashed save left beside the target', () => {
    const dir = tempDir();
    const file = path.join(dir, 'p.neurite');
    fs.writeFileSync(path.join(dir, '.p.neurite.999-1.saving'), 'half a file');
    // SQLite's own journal of a temp file whose save was killed, and another file's leftovers (not ours to sweep).
    fs.writeFileSync(path.join(dir, '.p.neurite.999-1.saving-journal'), 'journal');
    fs.writeFileSync(path.join(dir, '.p.neurite.998-1.saving-wal'), 'wal');
    fs.writeFileSync(path.join(dir, '.q.neurite.999-1.saving-journal'), 'not this file');
    svc.saveProject(session(), fixtureNetwork(), file);
    expect(fs.readdirSync(dir).sort()).toEqual(['.q.neurite.999-1.saving-journal', 'p.neurite']);
  });

  it('drops a working-copy folder a process died creating', () => {
    const stateDir = tempDir();
    fs.mkdirSync(path.join(stateDir, 'working', '.new-dead'), { recursive: true });
    fs.writeFileSync(path.join(stateDir, 'working', '.new-dead', 'lock'), JSON.stringify({ pid: 2 ** 22 + 17 }));
    svc.recoverableSessions(session({ stateDir }));
    expect(fs.existsSync(path.join(stateDir, 'working', '.new-dead'))).toBe(false);
  });

  it('refuses Save As onto a project open in another window', () => {
    const stateDir = tempDir();
    const file = path.join(tempDir(), 'p.neurite');
    const a = session({ stateDir });
    svc.saveProject(a, fixtureNetwork(), file);
    const b = session({ stateDir });
    expectUserError(() => svc.saveProject(b, emptyNetwork(), file), 'project.alreadyOpen', '"p.neurite" is already open in another Neurite window. Switch to that window, or close the project there first.');
    expect(readNetwork(svc.workingDatabase(a))).toEqual(fixtureNetwork());
  });
});

describe('recent projects', () => {
  it('lists most recent first, at most ten, without files that are gone', () => {
    const stateDir = tempDir();
    const dir = tempDir();
    const a = session({ stateDir });
    for (let i = 0; i < MAX_RECENT + 2; i++) svc.saveProject(a, emptyNetwork(), path.join(dir, `p${i}.neurite`));
    let recent = svc.recentProjects(a);
    expect(recent.map((r) => r.name)).toEqual(Array.from({ length: MAX_RECENT }, (_, i) => `p${MAX_RECENT + 1 - i}`));
    fs.rmSync(path.join(dir, `p${MAX_RECENT}.neurite`));
    recent = svc.recentProjects(a);
    expect(recent.map((r) => r.name)).toEqual(Array.from({ length: MAX_RECENT }, (_, i) => `p${MAX_RECENT + 1 - i}`).filter((n) => n !== `p${MAX_RECENT}`));
    svc.openProject(a, path.join(dir, 'p3.neurite'));
    expect(svc.recentProjects(a)[0]).toMatchObject({ path: path.join(dir, 'p3.neurite'), name: 'p3' });
  });
});

describe('browser mode', () => {
  it('keeps every path inside the projects folder and lists its projects', () => {
    const projectsDir = tempDir();
    const outside = tempDir();
    fs.mkdirSync(path.join(projectsDir, 'sub'));
    fs.writeFileSync(path.join(outside, 'secret.neurite'), 'x');
    fs.symlinkSync(path.join(outside, 'secret.neurite'), path.join(projectsDir, 'link.neurite'));
    fs.symlinkSync(outside, path.join(projectsDir, 'out'));
    const a = session({ mode: 'browser', projectsDir });
    const saved = svc.saveProject(a, fixtureNetwork(), 'sub/net');
    expect(saved.path).toBe('sub/net.neurite');
    expect(fs.existsSync(path.join(projectsDir, 'sub', 'net.neurite'))).toBe(true);
    for (const bad of ['../x.neurite', 'sub/../../x.neurite', path.join(outside, 'x.neurite')]) {
      expectUserError(() => svc.saveProject(a, emptyNetwork(), bad), 'project.badPath', /must be a path inside the projects folder/);
    }
    expectUserError(() => svc.openProject(a, 'link.neurite'), 'project.badPath', '"link.neurite" leads outside the projects folder.');
    expectUserError(() => svc.saveProject(a, emptyNetwork(), 'out/x.neurite'), 'project.badPath', '"x.neurite" leads outside the projects folder.');
    expect(fs.readdirSync(outside)).toEqual(['secret.neurite']);
    // The symlinked file is not listed twice, nor anything under the symlinked folder.
    expect(svc.listProjectFiles(a).map((f) => f.path)).toEqual(['sub/net.neurite']);
    expect(svc.recentProjects(a).map((r) => r.path)).toEqual(['sub/net.neurite']);
    svc.closeProject(a);
    const b = session({ mode: 'browser', projectsDir });
    expect(svc.openProject(b, 'sub/net.neurite')).toMatchObject({ path: 'sub/net.neurite', name: 'net' });
  });

  it('fills Open Recent with the folder\'s other projects, newest first, after those opened here', () => {
    const projectsDir = tempDir();
    const a = session({ mode: 'browser', projectsDir });
    svc.saveProject(a, emptyNetwork(), 'mine');
    svc.closeProject(a);
    // Copied into the folder by hand, never opened: still recent files of the folder.
    for (const [name, age] of [['old', 3000], ['new', 1000]] as const) {
      const file = path.join(projectsDir, `${name}.neurite`);
      fs.copyFileSync(path.join(projectsDir, 'mine.neurite'), file);
      const t = new Date(Date.now() - age * 1000);
      fs.utimesSync(file, t, t);
    }
    expect(svc.recentProjects(a).map((r) => r.path)).toEqual(['mine.neurite', 'new.neurite', 'old.neurite']);
    // The desktop app lists only what was opened (it has no projects folder).
    expect(svc.recentProjects(session({ stateDir: tempDir() }))).toEqual([]);
  });

  it('needs a projects folder', () => {
    const a = session({ mode: 'browser', projectsDir: null });
    expectUserError(() => svc.listProjectFiles(a), 'project.noProjectsDir', /--projects-dir/);
  });

  it('takes only absolute paths in Electron mode', () => {
    expectUserError(() => svc.openProject(session(), 'relative.neurite'), 'project.badPath', '"relative.neurite" is not an absolute path.');
  });
});
