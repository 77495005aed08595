import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { NEURITE_APPLICATION_ID, PROJECT_FORMAT_VERSION } from './format';
import { isWritable } from './fs-util';
import { fail, newerVersionMessage, quoted, reason } from './messages';
import { openDatabase } from '../sqlite';

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/** What a valid project file says about itself. */
export interface ProjectFileFacts {
  format: number;
  appVersion: string | null;
}

/** Checks that a path is a readable file starting with SQLite's header and not cut short; throws a UserError otherwise. */
function checkHeader(file: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    fail('project.notFound', `${quoted(file)} was not found at ${path.dirname(file)}.`);
  }
  if (stat.isDirectory()) fail('project.isFolder', `${quoted(file)} is a folder, not a Neurite project file.`);
  let head: Buffer;
  try {
    const fd = fs.openSync(file, 'r');
    try {
      head = Buffer.alloc(100);
      head = head.subarray(0, fs.readSync(fd, head, 0, 100, 0));
    } finally {
      fs.closeSync(fd);
    }
  } catch (err) {
    fail('project.unreadable', `${quoted(file)} could not be read: ${reason(err)}`);
  }
  if (head.length === 0) fail('project.notSqlite', `${quoted(file)} is not a Neurite project: the file is empty.`);
  if (head.length < 100 || !head.subarray(0, 16).equals(SQLITE_MAGIC)) {
    fail('project.notSqlite', `${quoted(file)} is not a Neurite project: it is not a SQLite database.`);
  }
  // The header's page count is trustworthy when its "version-valid-for" matches the change counter.
  const rawPageSize = head.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  const pages = head.readUInt32BE(28);
  const expected = pages * pageSize;
  if (head.readUInt32BE(92) === head.readUInt32BE(24) && pages > 0 && stat.size < expected) {
    fail('project.damaged', `${quoted(file)} is damaged: the file is cut short (${stat.size} of ${expected} bytes). Open a backup copy if you have one.`);
  }
  if (pageSize < 512 || stat.size % pageSize !== 0) {
    fail('project.damaged', `${quoted(file)} is damaged: its size (${stat.size} bytes) is not a whole number of ${pageSize}-byte pages. Open a backup copy if you have one.`);
  }
}

/** Throws a UserError unless the file and its folder may be written (Save writes a temp file beside it and renames it). */
export function checkWritable(file: string): void {
  if (!isWritable(file)) fail('project.readOnlyFile', `${quoted(file)} is read-only, so Neurite could not save changes to it. Make the file writable, or copy it and open the copy.`);
  const dir = path.dirname(file);
  if (!isWritable(dir)) {
    fail('project.readOnlyFolder', `${quoted(file)} is in a read-only folder (${dir}). Neurite saves by writing a new file beside the old one, so the folder must be writable; move the project to a writable folder.`);
  }
}

/**
 * Validates a project file without changing it: SQLite header, size, integrity (quick_check),
 * Neurite's application id, a format this build can read, and the tables it needs.
 * Returns an open read-only connection to it; the caller closes it.
 */
export function openForInspection(file: string): { db: Database.Database; facts: ProjectFileFacts } {
  checkHeader(file);
  let db: Database.Database;
  try {
    db = openDatabase(file, { readonly: true, fileMustExist: true });
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'SQLITE_NOTADB') fail('project.notSqlite', `${quoted(file)} is not a Neurite project: it is not a SQLite database.`);
    fail('project.unreadable', `${quoted(file)} could not be opened: ${reason(err)}`);
  }
  try {
    const facts = inspectOpen(file, db);
    return { db, facts };
  } catch (err) {
    db.close();
    throw err;
  }
}

function inspectOpen(file: string, db: Database.Database): ProjectFileFacts {
  let check: string[];
  try {
    check = (db.prepare('PRAGMA quick_check').pluck().all() as string[]).slice(0, 3);
  } catch (err) {
    fail('project.damaged', `${quoted(file)} is damaged: ${damageReason(err)}. Open a backup copy if you have one.`);
  }
  if (check.length !== 1 || check[0] !== 'ok') {
    // quick_check packs several findings into one row; the first concrete one is enough for a user.
    const first = check.join('\n').split('\n').find((l) => l && !l.startsWith('***')) ?? 'unknown error';
    fail('project.damaged', `${quoted(file)} is damaged: SQLite's integrity check failed (${first}). Open a backup copy if you have one.`);
  }

  const appId = db.pragma('application_id', { simple: true }) as number;
  const format = db.pragma('user_version', { simple: true }) as number;
  const tables = new Set(db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all() as string[]);
  if (appId !== NEURITE_APPLICATION_ID) {
    fail('project.notNeurite', `${quoted(file)} is a SQLite database, but not a Neurite project.`);
  }
  const appVersion = tables.has('meta') ? ((db.prepare("SELECT value FROM meta WHERE key = 'app_version'").pluck().get() as string | undefined) ?? null) : null;
  if (format > PROJECT_FORMAT_VERSION) fail('project.newerVersion', newerVersionMessage(file, appVersion, format));
  if (format < 1) fail('project.damaged', `${quoted(file)} is damaged: it has no file format version.`);
  if (!tables.has('meta') || !tables.has('neurons') || !tables.has('synapses')) {
    fail('project.damaged', `${quoted(file)} is damaged: it lacks the tables that hold the network.`);
  }
  return { format, appVersion };
}

function damageReason(err: unknown): string {
  const code = (err as { code?: string }).code;
  if (code === 'SQLITE_CORRUPT') return 'SQLite found a malformed page in it';
  return `SQLite reports "${reason(err)}"`;
}
