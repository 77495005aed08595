/**
 * Opening a project file without trusting it or changing it: the file (with any `-journal` or
 * `-wal` another program left beside it) is copied into the working folder, SQLite settles the
 * copy (rolls a hot journal back, folds a WAL in), the copy is checked — integrity, format, a
 * schema that is exactly Neurite's, sizes within the limits — and the working database is then
 * built fresh from our own schema with only our tables' rows copied in. Triggers, views and any
 * other object the file carries never reach the working copy, so nothing in a file ever runs.
 */
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { count, LIMITS } from '../../../src-shared/model/limits';
import { openDatabase } from '../sqlite';
import { checkHeader, checkSize, damageReason, openForInspection } from './inspect';
import { fail, quoted, reason } from './messages';
import { createSchemaAt } from './migrations';
import { expectedTables } from './schema-check';
import type { WorkingCopy } from './working-copy';

/** What opening a file found besides its data. */
export interface LoadedFile {
  format: number;
  /** Sentences for the user: what the file held that Neurite left out. */
  warnings: string[];
}

const SIDECARS = ['-journal', '-wal'] as const;

function isRegularFile(p: string): boolean {
  try {
    return fs.lstatSync(p).isFile();
  } catch {
    return false;
  }
}

/** Lets SQLite roll back a hot journal or fold a WAL into the copy, leaving one plain file. */
function settle(file: string, copy: string): void {
  let db: Database.Database | null = null;
  try {
    db = openDatabase(copy, { fileMustExist: true });
    // The first read takes a shared lock: that is when SQLite rolls a hot journal back or opens the WAL.
    db.pragma('schema_version');
    if (String(db.pragma('journal_mode', { simple: true })).toLowerCase() === 'wal') db.pragma('journal_mode = DELETE');
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'SQLITE_NOTADB') fail('project.notSqlite', `${quoted(file)} is not a Neurite project: it is not a SQLite database.`);
    fail('project.damaged', `${quoted(file)} is damaged: ${damageReason(err)}. Open a backup copy if you have one.`);
  } finally {
    db?.close();
  }
  for (const s of [...SIDECARS, '-shm']) fs.rmSync(copy + s, { force: true });
}

/** Refuses a file whose network is beyond the limits before a single row of it is parsed. */
function checkLimits(db: Database.Database, file: string): void {
  const tooBig = (what: string) => fail('project.tooBig', `${quoted(file)} cannot be opened: ${what}.`);
  const n = db.prepare('SELECT count(*) AS rows, max(length(id)) AS id, max(length(label)) AS label FROM neurons').get() as { rows: number; id: number | null; label: number | null };
  if (n.rows > LIMITS.neurons) tooBig(`its network has ${count(n.rows)} neurons; Neurite opens networks of at most ${count(LIMITS.neurons)}`);
  const s = db.prepare('SELECT count(*) AS rows, max(max(length(id)), max(length(source)), max(length(target))) AS id FROM synapses').get() as { rows: number; id: number | null };
  if (s.rows > LIMITS.synapses) tooBig(`its network has ${count(s.rows)} synapses; Neurite opens networks of at most ${count(LIMITS.synapses)}`);
  const g = db.prepare('SELECT count(*) AS rows, max(length(id)) AS id, max(length(label)) AS label FROM softmax_groups').get() as { rows: number; id: number | null; label: number | null };
  if (g.rows > LIMITS.softmaxGroups) tooBig(`its network has ${count(g.rows)} softmax groups; Neurite opens networks of at most ${count(LIMITS.softmaxGroups)}`);
  const m = db.prepare('SELECT count(*) AS rows, max(length(neuron_id)) AS id FROM softmax_members').get() as { rows: number; id: number | null };
  if (m.rows > LIMITS.neurons * 2) tooBig(`its softmax groups list ${count(m.rows)} members`);
  if (Math.max(n.id ?? 0, s.id ?? 0, g.id ?? 0, m.id ?? 0) > LIMITS.idLength) tooBig(`an id in its network is longer than ${count(LIMITS.idLength)} characters`);
  if (Math.max(n.label ?? 0, g.label ?? 0) > LIMITS.labelLength) tooBig(`a label in its network is longer than ${count(LIMITS.labelLength)} characters`);
  const viewport = db.prepare("SELECT length(value) FROM meta WHERE key = 'viewport'").pluck().get() as number | undefined;
  if ((viewport ?? 0) > 10_000) fail('project.damaged', `${quoted(file)} is damaged: its saved viewport is not a viewport.`);
}

/** Copies our tables' rows from the settled copy into the fresh working database. */
function copyRows(db: Database.Database, copy: string, format: number, file: string): string[] {
  const warnings: string[] = [];
  db.prepare('ATTACH DATABASE ? AS src').run(copy);
  try {
    db.transaction(() => {
      // Meta rows come from the file; createSchemaAt wrote none.
      for (const t of expectedTables(format)) db.exec(`INSERT INTO main."${t}" SELECT * FROM src."${t}"`);
    })();
  } catch (err) {
    // STRICT tables refuse a value of the wrong type, keys refuse duplicates: the file's rows are not ours.
    fail('project.damaged', `${quoted(file)} is damaged: its rows cannot be read (${reason(err)}). Open a backup copy if you have one.`);
  } finally {
    db.exec('DETACH DATABASE src');
  }
  // Rows pointing at rows that are not there: do what the foreign keys would have done.
  const orphans = db.prepare('PRAGMA foreign_key_check').all() as { table: string; rowid: number; parent: string }[];
  if (orphans.length) {
    db.transaction(() => {
      for (const o of orphans) {
        if (o.table === 'runs') db.prepare('UPDATE runs SET dataset_id = NULL WHERE rowid = ?').run(o.rowid);
        else db.prepare(`DELETE FROM "${o.table}" WHERE rowid = ?`).run(o.rowid);
      }
    })();
    warnings.push(`${count(orphans.length)} stored row${orphans.length === 1 ? '' : 's'} referred to a run or dataset that is not in the file and ${orphans.length === 1 ? 'was' : 'were'} left out.`);
  }
  return warnings;
}

/**
 * Builds `wc.dbPath` from the project file at `file` (absolute). The file and its sidecars are
 * only read. Throws a UserError naming the problem; the caller removes the working folder then.
 */
export function loadProjectFile(file: string, wc: WorkingCopy): LoadedFile {
  const head = checkHeader(file);
  const copy = path.join(wc.dir, 'source.db');
  try {
    try {
      fs.copyFileSync(file, copy);
    } catch (err) {
      fail('project.unreadable', `${quoted(file)} could not be read: ${reason(err)}`);
    }
    let sidecar = false;
    for (const s of SIDECARS) {
      if (!isRegularFile(file + s)) continue;
      fs.copyFileSync(file + s, copy + s);
      sidecar = true;
    }
    // A file in WAL mode (header bytes 18–19 = 2) needs a writable connection even without a WAL beside it.
    if (sidecar || head[18] === 2 || head[19] === 2) settle(file, copy);
    checkSize(file, copy);
    const { db: source, facts, ignored } = openForInspection(file, copy, (db) => checkLimits(db, file));
    source.close();
    const db = openDatabase(wc.dbPath);
    let warnings: string[];
    try {
      // Rows that point nowhere are settled below, not refused row by row.
      db.pragma('foreign_keys = OFF');
      createSchemaAt(db, facts.format);
      warnings = copyRows(db, copy, facts.format, file);
    } finally {
      db.close();
    }
    if (ignored.length) {
      warnings.unshift(
        `${quoted(file)} held ${ignored.length === 1 ? 'something' : 'things'} a Neurite project does not contain (${ignored.slice(0, 5).join(', ')}${ignored.length > 5 ? `, and ${ignored.length - 5} more` : ''}). Neurite left ${ignored.length === 1 ? 'it' : 'them'} out and never ran ${ignored.length === 1 ? 'it' : 'them'}; the next save writes the project without ${ignored.length === 1 ? 'it' : 'them'}.`,
      );
    }
    return { format: facts.format, warnings };
  } finally {
    for (const s of ['', ...SIDECARS, '-shm']) fs.rmSync(copy + s, { force: true });
  }
}
