import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { NetworkSchema, type Network } from '../../../src-shared/model/network';
import { writeFileAtomic } from './fs-util';
import { readRegularFileOrNull } from '../safe-fs';
import { openDatabase } from '../sqlite';

/**
 * A working copy: the open project's live database in the state dir, where edits and later
 * features (datasets, runs, checkpoints) write as they go, plus the files that make it a
 * recoverable session. Layout of `<stateDir>/working/<id>/`:
 *   lock          {"pid"} of the process that has it open
 *   session.json  where it is saved and under which name
 *   project.db    the database (WAL mode; -wal/-shm beside it)
 *   journal.json  the latest unsaved network, present only while there are unsaved edits
 */
export interface WorkingCopy {
  id: string;
  dir: string;
  dbPath: string;
  /** Opened by the caller once the database file exists. */
  db: Database.Database | null;
}

/** What session.json records about the working copy. */
export interface WorkingSessionInfo {
  /** Absolute path of the saved project, or null if never saved. */
  path: string | null;
  name: string;
  savedAt: string | null;
}

/** The recovery journal: the newest unsaved network. */
export interface Journal {
  network: Network;
  editedAt: string;
}

/** Working copies this process holds; a lock naming this pid but not listed here is left over from an earlier process with the same pid. */
const heldHere = new Set<string>();

/** The folder that holds every working copy under a state dir. */
export function workingRoot(stateDir: string): string {
  return path.join(stateDir, 'working');
}

function paths(stateDir: string, id: string): WorkingCopy {
  const dir = path.join(workingRoot(stateDir), id);
  return { id, dir, dbPath: path.join(dir, 'project.db'), db: null };
}

/** Creates an empty, locked working folder (the database is created by the caller at `dbPath`). */
export function createWorkingCopy(stateDir: string): WorkingCopy {
  const root = workingRoot(stateDir);
  fs.mkdirSync(root, { recursive: true });
  const id = crypto.randomUUID();
  // Built under a dot-name and renamed, so a scan never sees a folder without its lock.
  const staging = path.join(root, `.new-${id}`);
  fs.mkdirSync(staging);
  fs.writeFileSync(path.join(staging, 'lock'), JSON.stringify({ pid: process.pid }));
  fs.renameSync(staging, path.join(root, id));
  heldHere.add(id);
  return paths(stateDir, id);
}

/**
 * Takes over a working copy left by a process that died: renaming its folder is the atomic
 * claim (a second claimant finds it gone). Returns null if it is gone or still held.
 */
export function claimWorkingCopy(stateDir: string, id: string): WorkingCopy | null {
  const old = paths(stateDir, id);
  if (!/^[0-9a-f-]{36}$/.test(id) || !fs.existsSync(old.dir) || lockOwner(old.dir, id) !== null) return null;
  const fresh = crypto.randomUUID();
  const wc = paths(stateDir, fresh);
  try {
    fs.renameSync(old.dir, wc.dir);
  } catch {
    return null;
  }
  fs.writeFileSync(path.join(wc.dir, 'lock'), JSON.stringify({ pid: process.pid }));
  heldHere.add(fresh);
  return wc;
}

/** Closes the database and deletes the working folder. */
export function removeWorkingCopy(wc: WorkingCopy): void {
  closeDb(wc, false);
  heldHere.delete(wc.id);
  fs.rmSync(wc.dir, { recursive: true, force: true });
}

/** Closes the database and drops the lock, leaving the folder for recovery. */
export function releaseWorkingCopy(wc: WorkingCopy): void {
  closeDb(wc, true);
  heldHere.delete(wc.id);
  fs.rmSync(path.join(wc.dir, 'lock'), { force: true });
}

function closeDb(wc: WorkingCopy, checkpoint: boolean): void {
  if (wc.db?.open) {
    // A checkpoint folds the WAL into project.db so a released copy is one file; pointless before deleting it.
    if (checkpoint) {
      try {
        wc.db.pragma('wal_checkpoint(TRUNCATE)');
      } catch {
        // Closing matters more than compacting.
      }
    }
    wc.db.close();
  }
  wc.db = null;
}

/** Opens (creating if needed) the working database in WAL mode. */
export function openWorkingDb(wc: WorkingCopy): Database.Database {
  const db = openDatabase(wc.dbPath);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  wc.db = db;
  return db;
}

/** The pid holding a working folder, or null when nobody alive does (a crash left it). */
export function lockOwner(dir: string, id: string): number | null {
  let pid: number;
  try {
    pid = (JSON.parse(readRegularFileOrNull(path.join(dir, 'lock')) ?? '') as { pid: number }).pid;
  } catch {
    return null;
  }
  if (!Number.isInteger(pid) || pid <= 0) return null;
  if (pid === process.pid) return heldHere.has(id) ? pid : null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM' ? pid : null;
  }
}

/** Records where the working copy's project is saved. */
export function writeSessionInfo(wc: WorkingCopy, info: WorkingSessionInfo): void {
  writeFileAtomic(path.join(wc.dir, 'session.json'), JSON.stringify(info));
}

/** Reads session.json, or null if it is missing or unreadable. */
export function readSessionInfo(dir: string): WorkingSessionInfo | null {
  try {
    return JSON.parse(readRegularFileOrNull(path.join(dir, 'session.json')) ?? '') as WorkingSessionInfo;
  } catch {
    return null;
  }
}

/** Saves the latest unsaved network so a crash does not lose it. */
export function writeJournal(wc: WorkingCopy, network: Network, editedAt = new Date().toISOString()): void {
  writeFileAtomic(path.join(wc.dir, 'journal.json'), JSON.stringify({ network, editedAt } satisfies Journal));
}

/** Reads and validates the journal, or null if there is none (or it cannot be read). */
export function readJournal(dir: string): Journal | null {
  try {
    const raw = JSON.parse(readRegularFileOrNull(path.join(dir, 'journal.json')) ?? '') as { network: unknown; editedAt: unknown };
    return { network: NetworkSchema.parse(raw.network), editedAt: String(raw.editedAt) };
  } catch {
    return null;
  }
}

/** Forgets unsaved edits (after a save, or when the user discards them). */
export function clearJournal(wc: WorkingCopy): void {
  fs.rmSync(path.join(wc.dir, 'journal.json'), { force: true });
}

/** One working folder found by a scan. */
export interface WorkingEntry {
  id: string;
  dir: string;
  owner: number | null;
  info: WorkingSessionInfo | null;
}

/** Every working folder under a state dir, with who (if anyone alive) holds it. */
export function scanWorkingCopies(stateDir: string): WorkingEntry[] {
  const root = workingRoot(stateDir);
  let names: string[];
  try {
    names = fs.readdirSync(root);
  } catch {
    return [];
  }
  // A process killed while creating a working copy leaves its dot-named staging folder behind.
  for (const n of names) if (n.startsWith('.new-') && lockOwner(path.join(root, n), n) === null) fs.rmSync(path.join(root, n), { recursive: true, force: true });
  return names
    .filter((n) => !n.startsWith('.'))
    .map((id) => {
      const dir = path.join(root, id);
      return { id, dir, owner: lockOwner(dir, id), info: readSessionInfo(dir) };
    });
}
