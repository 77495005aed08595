/**
 * A project file is data, never code: before anything reads its rows, its schema must be exactly
 * Neurite's for its format (tables, columns, constraints, indexes, compared as SQLite stores them).
 * The reference is built, not written down: an in-memory database made by createSchemaAt — format 1
 * plus the migrations — so a table a migration adds is covered without touching this file.
 */
import type Database from 'better-sqlite3';
import { openDatabase } from '../sqlite';
import { fail, quoted } from './messages';
import { createSchemaAt, PROJECT_MIGRATIONS, type ProjectMigration } from './migrations';

/** One row of sqlite_schema. */
export interface SchemaObject {
  type: string;
  name: string;
  tbl_name: string;
  sql: string | null;
}

const reference = new Map<number, SchemaObject[]>();

function schemaRows(db: Database.Database): SchemaObject[] {
  return db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name').all() as SchemaObject[];
}

/** The schema objects of a project at `format`, from a fresh database built by our own definition. */
export function expectedSchema(format: number, migrations: ProjectMigration[] = PROJECT_MIGRATIONS): SchemaObject[] {
  const cached = migrations === PROJECT_MIGRATIONS ? reference.get(format) : undefined;
  if (cached) return cached;
  const db = openDatabase(':memory:');
  try {
    createSchemaAt(db, format, migrations);
    const rows = schemaRows(db);
    if (migrations === PROJECT_MIGRATIONS) reference.set(format, rows);
    return rows;
  } finally {
    db.close();
  }
}

/** The tables of a project at `format`. */
export function expectedTables(format: number): string[] {
  return expectedSchema(format)
    .filter((o) => o.type === 'table')
    .map((o) => o.name);
}

/** How a user reads an object SQLite keeps in a file. */
function describe(o: SchemaObject): string {
  const on = o.tbl_name && o.tbl_name !== o.name ? ` on ${o.tbl_name}` : '';
  if (o.type === 'table' && /^\s*CREATE\s+VIRTUAL\s+TABLE/i.test(o.sql ?? '')) return `virtual table "${o.name}"`;
  return `${o.type} "${o.name}"${on}`;
}

/** Why a table of ours is not what Neurite writes, in words: generated or extra columns first. */
function tableDifference(db: Database.Database, found: SchemaObject, format: number, migrations: ProjectMigration[]): string {
  if (/^\s*CREATE\s+VIRTUAL\s+TABLE/i.test(found.sql ?? '')) return `"${found.name}" is a virtual table`;
  type Col = { name: string; type: string; hidden: number };
  const cols = (d: Database.Database, t: string) => d.prepare('SELECT name, type, hidden FROM pragma_table_xinfo(?)').all(t) as Col[];
  let have: Col[] = [];
  try {
    have = cols(db, found.name);
  } catch {
    return `the table "${found.name}" cannot be read`;
  }
  const generated = have.filter((c) => c.hidden === 2 || c.hidden === 3);
  if (generated.length) return `the table "${found.name}" has a generated column "${generated[0].name}" (computed by SQL)`;
  const ref = openDatabase(':memory:');
  let want: Col[];
  try {
    createSchemaAt(ref, format, migrations);
    want = cols(ref, found.name);
  } finally {
    ref.close();
  }
  const names = new Set(want.map((c) => c.name));
  const extra = have.find((c) => !names.has(c.name));
  if (extra) return `the table "${found.name}" has a column "${extra.name}" that Neurite does not write`;
  const haveNames = new Set(have.map((c) => c.name));
  const missing = want.find((c) => !haveNames.has(c.name));
  if (missing) return `the table "${found.name}" lacks the column "${missing.name}"`;
  return `the table "${found.name}" is defined differently from Neurite's (constraints, types or options)`;
}

/**
 * Checks a file's schema against Neurite's for `format`. Our tables and indexes must be there,
 * exactly as we define them (anything else in their place is refused, naming it); objects Neurite
 * does not define — triggers, views, other tables and indexes — are left out of the working copy,
 * never run, and returned as warnings for the user. SQLite's own `sqlite_stat*` tables are skipped.
 */
export function checkProjectSchema(db: Database.Database, format: number, file: string, migrations: ProjectMigration[] = PROJECT_MIGRATIONS): string[] {
  const want = expectedSchema(format, migrations);
  const have = schemaRows(db);
  const byName = new Map(have.map((o) => [o.name, o]));
  // Tables first: a missing table is the clearest thing to tell, and its indexes go with it.
  for (const w of [...want].sort((a, b) => Number(b.type === 'table') - Number(a.type === 'table'))) {
    const h = byName.get(w.name);
    if (!h) {
      if (w.type === 'table') fail('project.damaged', `${quoted(file)} is damaged: it lacks the table ${w.name}.`);
      // An index of ours that is missing means its table is not ours either (autoindexes come with the table's keys).
      fail('project.foreignSchema', `${quoted(file)} cannot be opened: the table "${w.tbl_name}" is defined differently from Neurite's (its index ${w.name} is missing). A project file is data only; Neurite opens it only when its tables are exactly its own.`);
    }
    if (h.type !== w.type) {
      fail('project.foreignSchema', `${quoted(file)} cannot be opened: "${w.name}" in it is a ${h.type}, not Neurite's ${w.type}. A project file is data only; Neurite opens it only when its tables are exactly its own.`);
    }
    if ((h.sql ?? '') !== (w.sql ?? '') || h.tbl_name !== w.tbl_name) {
      const why = w.type === 'table' ? tableDifference(db, h, format, migrations) : `the index "${w.name}" is defined differently from Neurite's`;
      fail('project.foreignSchema', `${quoted(file)} cannot be opened: ${why}. A project file is data only; Neurite opens it only when its tables are exactly its own.`);
    }
  }
  const ours = new Set(want.map((o) => o.name));
  return have.filter((o) => !ours.has(o.name) && !/^sqlite_stat\d$/.test(o.name) && o.name !== 'sqlite_sequence').map(describe);
}
