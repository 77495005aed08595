import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Network } from '../../../src-shared/model/network';
import type { Session } from '../session';
import { UserError } from '../user-error';
import { fixtureNetwork } from './fixtures/fixture-network';
import { PROJECT_FORMAT_VERSION } from './format';
import { createSchema } from './migrations';
import { readNetwork, writeNetwork } from './network-tables';
import * as svc from './service';
import { fileHash, removeTempDirs, tempDir, testSession } from './test-helpers';
import { workingRoot } from './working-copy';

/** A valid project file written directly (not through the service), optionally tampered with. */
function writeProject(file: string, net: Network = fixtureNetwork(), tamper?: (db: Database.Database) => void): string {
  const db = new Database(file);
  createSchema(db);
  db.transaction(() => writeNetwork(db, net))();
  tamper?.(db);
  db.close();
  return file;
}

/** A network big enough to span many pages, so truncation and page corruption hit real data. */
function bigNetwork(): Network {
  const net = fixtureNetwork();
  for (let i = 0; i < 400; i++) {
    net.neurons.push({ id: `b${i}`, role: 'hidden', label: `bulk ${i}`, activation: 'tanh', bias: i / 7, position: { x: i, y: -i }, dale: null });
    net.synapses.push({ id: `bs${i}`, source: 'x1', target: `b${i}`, weight: i / 13 });
  }
  return net;
}

/** Whether `chattr +i` works here (root with CAP_LINUX_IMMUTABLE on a file system that supports it). */
function canChattr(): boolean {
  const probe = path.join(tempDir(), 'probe');
  fs.writeFileSync(probe, '');
  try {
    execFileSync('chattr', ['+i', probe], { stdio: 'ignore' });
    execFileSync('chattr', ['-i', probe], { stdio: 'ignore' });
    return true;
  } catch {
    console.warn('chattr +i is not available here: the immutable-file cases are not exercised');
    return false;
  }
}

let dir: string;
let stateDir: string;
let a: Session;
let closeA: () => void;
let openFile: string;
const openNet = fixtureNetwork();
const immutable: string[] = [];
const readOnly: string[] = [];

beforeEach(() => {
  dir = tempDir('neurite-bad-');
  stateDir = tempDir('neurite-state-');
  ({ session: a, close: closeA } = testSession({ stateDir }));
  openFile = writeProject(path.join(dir, 'good.neurite'), openNet);
  svc.openProject(a, openFile);
  svc.journal(a, { ...openNet, viewport: { x: 1, y: 2, zoom: 3 } }); // unsaved edits in flight
});
afterEach(() => {
  for (const f of immutable.splice(0)) execFileSync('chattr', ['-i', f]);
  for (const f of readOnly.splice(0)) fs.chmodSync(f, 0o755);
  svc.closeProject(a);
  closeA();
});
afterAll(() => {
  for (const f of immutable) execFileSync('chattr', ['-i', f]);
  removeTempDirs();
});

/** Opens `file` in the session that has good.neurite open: expects exactly this refusal, and nothing changed. */
function expectRefused(file: string, code: string, message: string) {
  const before = fs.existsSync(file) && fs.statSync(file).isFile() ? fileHash(file) : null;
  const workingBefore = fs.readdirSync(workingRoot(stateDir)).sort();
  let caught: unknown;
  try {
    svc.openProject(a, file);
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(UserError);
  expect({ code: (caught as UserError).code, message: (caught as UserError).message }).toEqual({ code, message });
  // The open project is untouched: same path, same network in its working copy, same unsaved journal.
  expect(svc.currentProject(a)).toMatchObject({ path: openFile, name: 'good', recovered: false });
  expect(readNetwork(svc.workingDatabase(a))).toEqual(openNet);
  expect(fs.readdirSync(workingRoot(stateDir)).sort()).toEqual(workingBefore);
  // The refused file is untouched too.
  if (before) expect(fileHash(file)).toBe(before);
}

describe('opening a bad file changes nothing and says why', () => {
  it('a text file', () => {
    const f = path.join(dir, 'notes.txt');
    fs.writeFileSync(f, 'remember the milk\n'.repeat(20));
    expectRefused(f, 'project.notSqlite', '"notes.txt" is not a Neurite project: it is not a SQLite database.');
  });

  it('an empty file', () => {
    const f = path.join(dir, 'empty.neurite');
    fs.writeFileSync(f, '');
    expectRefused(f, 'project.notSqlite', '"empty.neurite" is not a Neurite project: the file is empty.');
  });

  it('a file with a SQLite-like name but random bytes', () => {
    const f = path.join(dir, 'noise.neurite');
    fs.writeFileSync(f, Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 7919) % 251)));
    expectRefused(f, 'project.notSqlite', '"noise.neurite" is not a Neurite project: it is not a SQLite database.');
  });

  it('a truncated project', () => {
    const f = writeProject(path.join(dir, 'cut.neurite'), bigNetwork());
    const size = fs.statSync(f).size;
    fs.truncateSync(f, size / 2);
    expectRefused(f, 'project.damaged', `"cut.neurite" is damaged: the file is cut short (${size / 2} of ${size} bytes). Open a backup copy if you have one.`);
  });

  it('a project cut mid-page', () => {
    const f = writeProject(path.join(dir, 'cut2.neurite'), bigNetwork());
    const size = fs.statSync(f).size;
    fs.truncateSync(f, size - 100);
    expectRefused(f, 'project.damaged', `"cut2.neurite" is damaged: the file is cut short (${size - 100} of ${size} bytes). Open a backup copy if you have one.`);
  });

  it('a project with a corrupted page', () => {
    const f = writeProject(path.join(dir, 'bitrot.neurite'), bigNetwork());
    const db = new Database(f, { readonly: true });
    const root = db.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'neurons'").pluck().get() as number;
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    db.close();
    // Scribble over the neurons table's root b-tree page, after its header.
    const fd = fs.openSync(f, 'r+');
    fs.writeSync(fd, Buffer.alloc(200, 0xa5), 0, 200, (root - 1) * pageSize + 12);
    fs.closeSync(fd);
    expectRefused(f, 'project.damaged', '"bitrot.neurite" is damaged: SQLite found a malformed page in it. Open a backup copy if you have one.');
  });

  it('a project with a corrupted leaf page that only the integrity check notices', () => {
    const f = writeProject(path.join(dir, 'bitrot2.neurite'), bigNetwork());
    const db = new Database(f, { readonly: true });
    const root = db.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'neurons'").pluck().get() as number;
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    db.close();
    const bytes = fs.readFileSync(f);
    // The root is an interior page (type 5); its right-most child pointer (offset 8) names a leaf page.
    expect(bytes[(root - 1) * pageSize]).toBe(5);
    const leaf = bytes.readUInt32BE((root - 1) * pageSize + 8);
    bytes.fill(0xa5, (leaf - 1) * pageSize + 2000, (leaf - 1) * pageSize + 2100);
    fs.writeFileSync(f, bytes);
    expectRefused(
      f,
      'project.damaged',
      `"bitrot2.neurite" is damaged: SQLite's integrity check failed (Tree ${root} page ${leaf} cell 44: Rowid 5374248273442940325 out of order). Open a backup copy if you have one.`,
    );
  });

  it('a SQLite database from another program', () => {
    const f = path.join(dir, 'contacts.db');
    const db = new Database(f);
    db.exec("CREATE TABLE people (name TEXT); INSERT INTO people VALUES ('Ada')");
    db.close();
    expectRefused(f, 'project.notNeurite', '"contacts.db" is a SQLite database, but not a Neurite project.');
  });

  it('a project from a newer Neurite', () => {
    const f = writeProject(path.join(dir, 'net.neurite'), fixtureNetwork(), (db) => {
      db.prepare("UPDATE meta SET value = '9.0.0' WHERE key = 'app_version'").run();
      db.pragma('user_version = 7');
    });
    expectRefused(f, 'project.newerVersion', `"net.neurite" was made with Neurite 9.0 (file format 7); this is Neurite 0.1 (format ${PROJECT_FORMAT_VERSION}). Update Neurite to open it.`);
  });

  it('a Neurite file that lost its tables', () => {
    const f = writeProject(path.join(dir, 'gutted.neurite'), fixtureNetwork(), (db) => db.exec('DROP TABLE synapses'));
    expectRefused(f, 'project.damaged', '"gutted.neurite" is damaged: it lacks the tables that hold the network.');
  });

  it('a Neurite file missing a table for datasets or runs', () => {
    const f = writeProject(path.join(dir, 'norun.neurite'), fixtureNetwork(), (db) => db.exec('DROP TABLE run_metrics'));
    expectRefused(f, 'project.damaged', '"norun.neurite" is damaged: it lacks the table run_metrics.');
  });

  it('a Neurite file whose network rows are invalid', () => {
    const f = writeProject(path.join(dir, 'badrow.neurite'), fixtureNetwork(), (db) => db.prepare("UPDATE neurons SET activation = 'swish9' WHERE id = 'h3'").run());
    expectRefused(
      f,
      'project.damaged',
      '"badrow.neurite" is damaged: its network cannot be read (neurons[5].activation: Invalid option: expected one of "identity"|"sigmoid"|"tanh"|"relu"|"leaky_relu"|"elu"|"softplus"|"silu"|"gelu"|"sine"|"gaussian").',
    );
  });

  it('a missing file and a folder', () => {
    expectRefused(path.join(dir, 'gone.neurite'), 'project.notFound', `"gone.neurite" was not found at ${dir}.`);
    fs.mkdirSync(path.join(dir, 'folder.neurite'));
    expectRefused(path.join(dir, 'folder.neurite'), 'project.isFolder', '"folder.neurite" is a folder, not a Neurite project file.');
  });

  it('a read-only file (marked read-only; also immutable when chattr works, which binds even root)', () => {
    const f = writeProject(path.join(dir, 'locked.neurite'));
    fs.chmodSync(f, 0o444);
    readOnly.push(f);
    const msg = '"locked.neurite" is read-only, so Neurite could not save changes to it. Make the file writable, or copy it and open the copy.';
    expectRefused(f, 'project.readOnlyFile', msg);
    if (canChattr()) {
      fs.chmodSync(f, 0o644);
      execFileSync('chattr', ['+i', f]);
      immutable.push(f);
      expectRefused(f, 'project.readOnlyFile', msg);
    }
  });

  it('a project in a read-only folder', () => {
    const ro = path.join(dir, 'ro');
    fs.mkdirSync(ro);
    const f = writeProject(path.join(ro, 'inside.neurite'));
    fs.chmodSync(ro, 0o555);
    readOnly.push(ro);
    const msg = `"inside.neurite" is in a read-only folder (${ro}). Neurite saves by writing a new file beside the old one, so the folder must be writable; move the project to a writable folder.`;
    expectRefused(f, 'project.readOnlyFolder', msg);
    if (canChattr()) {
      fs.chmodSync(ro, 0o755);
      execFileSync('chattr', ['+i', ro]);
      immutable.push(ro);
      expectRefused(f, 'project.readOnlyFolder', msg);
    }
  });

  it('a project open in another window', () => {
    const f = writeProject(path.join(dir, 'shared.neurite'));
    const b = testSession({ stateDir });
    svc.openProject(b.session, f);
    expectRefused(f, 'project.alreadyOpen', '"shared.neurite" is already open in another Neurite window. Switch to that window, or close the project there first.');
    svc.closeProject(b.session);
    // Once the other window closes it, it opens.
    expect(svc.openProject(a, f).path).toBe(f);
  });

  it('a project open in another Neurite process; a dead process does not count', async () => {
    const f = writeProject(path.join(dir, 'other.neurite'));
    const holder = (pid: number) => {
      const wdir = path.join(workingRoot(stateDir), '00000000-0000-4000-8000-000000000001');
      fs.mkdirSync(wdir, { recursive: true });
      fs.writeFileSync(path.join(wdir, 'lock'), JSON.stringify({ pid }));
      fs.writeFileSync(path.join(wdir, 'session.json'), JSON.stringify({ path: f, name: 'other', savedAt: null }));
    };
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    try {
      holder(child.pid!);
      expectRefused(f, 'project.alreadyOpen', `"other.neurite" is already open in another Neurite window (process ${child.pid}). Switch to that window, or close the project there first.`);
    } finally {
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
    }
    // The same lock, now naming a dead process: stale, so the file opens.
    expect(svc.openProject(a, f).path).toBe(f);
  });
});
