import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { NEURITE_APPLICATION_ID, PROJECT_FORMAT_VERSION } from './format';
import { isWritable } from './fs-util';
import { fail, newerVersionMessage, quoted, reason } from './messages';
import { openDatabase } from '../sqlite';
import { checkProjectSchema } from './schema-check';

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/** What a valid project file says about itself. */
export interface ProjectFileFacts {
  format: number;
  appVersion: string | null;
}

/** Checks that a path is a readable file starting with SQLite's header; throws a UserError otherwise. Returns the header's first 100 bytes. */
export function checkHeader(file: string): Buffer {
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
  return head;
}

/**
 * Checks that a settled copy of a file (journal rolled back, WAL folded in) is not cut short and
 * is a whole number of pages; `file` names it in messages.
 */
export function checkSize(file: string, copy: string): void {
  const size = fs.statSync(copy).size;
  const head = Buffer.alloc(100);
  const fd = fs.openSync(copy, 'r');
  try {
    fs.readSync(fd, head, 0, 100, 0);
  } finally {
    fs.closeSync(fd);
  }
  // The header's page count is trustworthy when its "version-valid-for" matches the change counter.
  const rawPageSize = head.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0) {
    fail('project.damaged', `${quoted(file)} is damaged: its header names an impossible page size (${pageSize} bytes). Open a backup copy if you have one.`);
  }
  const pages = head.readUInt32BE(28);
  const expected = pages * pageSize;
  if (head.readUInt32BE(92) === head.readUInt32BE(24) && pages > 0 && size < expected) {
    fail('project.damaged', `${quoted(file)} is damaged: the file is cut short (${size} of ${expected} bytes). Open a backup copy if you have one.`);
  }
  if (size % pageSize !== 0) {
    fail('project.damaged', `${quoted(file)} is damaged: its size (${size} bytes) is not a whole number of ${pageSize}-byte pages. Open a backup copy if you have one.`);
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
 * Validates a settled copy of a project file (see load-file.ts): integrity (quick_check), text
 * encoding, Neurite's application id, a format this build can read, and a schema that is exactly
 * Neurite's for that format. `file` names it in messages. Returns an open read-only connection to
 * the copy (the caller closes it), the file's facts and what was left out. `checkSizes` runs once
 * the schema is known to be ours and before the (slow) integrity check.
 */
export function openForInspection(file: string, copy: string, checkSizes: (db: Database.Database) => void = () => {}): { db: Database.Database; facts: ProjectFileFacts; ignored: string[] } {
  let db: Database.Database;
  try {
    db = openDatabase(copy, { readonly: true, fileMustExist: true });
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'SQLITE_NOTADB') fail('project.notSqlite', `${quoted(file)} is not a Neurite project: it is not a SQLite database.`);
    fail('project.unreadable', `${quoted(file)} could not be opened: ${reason(err)}`);
  }
  try {
    const { ignored, ...facts } = inspectOpen(file, db, checkSizes);
    return { db, facts, ignored };
  } catch (err) {
    db.close();
    throw err;
  }
}

/** Runs a read of the file, turning SQLite's "malformed" into the damaged-file sentence. */
function reading<T>(file: string, read: () => T): T {
  try {
    return read();
  } catch (err) {
    if ((err as { code?: string }).code?.startsWith('SQLITE_')) fail('project.damaged', `${quoted(file)} is damaged: ${damageReason(err)}. Open a backup copy if you have one.`);
    throw err;
  }
}

/**
 * Header facts, then the schema, then integrity: quick_check evaluates what a schema computes
 * (a generated column's expression, for one), so it runs only once the schema is known to be ours.
 */
function inspectOpen(file: string, db: Database.Database, checkSizes: (db: Database.Database) => void): ProjectFileFacts & { ignored: string[] } {
  const { appId, format, encoding } = reading(file, () => ({
    appId: db.pragma('application_id', { simple: true }) as number,
    format: db.pragma('user_version', { simple: true }) as number,
    encoding: String(db.pragma('encoding', { simple: true })),
  }));
  if (appId !== NEURITE_APPLICATION_ID) {
    fail('project.notNeurite', `${quoted(file)} is a SQLite database, but not a Neurite project.`);
  }
  const names = reading(file, () => new Set(db.prepare('SELECT name FROM sqlite_schema').pluck().all() as string[]));
  // Only a newer-format file's message needs the version that wrote it; read it only from a real table, and only a little of it.
  const appVersion = format > PROJECT_FORMAT_VERSION && names.has('meta') ? readAppVersion(db) : null;
  if (format > PROJECT_FORMAT_VERSION) fail('project.newerVersion', newerVersionMessage(file, appVersion, format));
  if (format < 1) fail('project.damaged', `${quoted(file)} is damaged: it has no file format version.`);
  if (encoding !== 'UTF-8') fail('project.foreignSchema', `${quoted(file)} cannot be opened: its text is stored as ${encoding}, but Neurite writes UTF-8.`);
  // A view wearing a table's name is not "lost": the schema check names what it is.
  if (!names.has('meta') || !names.has('neurons') || !names.has('synapses')) {
    fail('project.damaged', `${quoted(file)} is damaged: it lacks the tables that hold the network.`);
  }
  const ignored = reading(file, () => checkProjectSchema(db, format, file));
  // Counting rows is cheap; checking a million of them is not: refuse an oversized network first. A count
  // that trips over a malformed page leaves the telling to quick_check, whose words are more precise.
  let malformed: unknown = null;
  try {
    checkSizes(db);
  } catch (err) {
    if (!(err as { code?: string }).code?.startsWith('SQLITE_')) throw err;
    malformed = err;
  }

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
  if (malformed) fail('project.damaged', `${quoted(file)} is damaged: ${damageReason(malformed)}. Open a backup copy if you have one.`);
  return { format, appVersion, ignored };
}

function readAppVersion(db: Database.Database): string | null {
  try {
    const v = db.prepare("SELECT substr(value, 1, 40) FROM meta WHERE key = 'app_version'").pluck().get();
    return typeof v === 'string' && /^[\w.+-]+$/.test(v) ? v : null;
  } catch {
    return null;
  }
}

/** The words for a SQLite failure while reading a file. */
export function damageReason(err: unknown): string {
  const code = (err as { code?: string }).code;
  if (code === 'SQLITE_CORRUPT') return 'SQLite found a malformed page in it';
  return `SQLite reports "${reason(err)}"`;
}
