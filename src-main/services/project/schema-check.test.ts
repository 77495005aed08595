import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { UserError } from '../user-error';
import { openDatabase } from '../sqlite';
import { PROJECT_FORMAT_VERSION } from './format';
import { createSchema, createSchemaAt, type ProjectMigration } from './migrations';
import { checkProjectSchema, expectedSchema } from './schema-check';
import { removeTempDirs, tempDir } from './test-helpers';

afterAll(removeTempDirs);

const rows = (db: Database.Database) => db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name').all();

function refusal(f: () => unknown): { code: string; message: string } {
  try {
    f();
  } catch (e) {
    if (e instanceof UserError) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('not refused');
}

describe('the schema a project file must have', () => {
  it('is exactly what a new project is made with, and a new project passes with nothing left out', () => {
    const db = new Database(':memory:');
    createSchema(db);
    expect(rows(db)).toEqual(expectedSchema(PROJECT_FORMAT_VERSION));
    expect(checkProjectSchema(db, PROJECT_FORMAT_VERSION, 'x.neurite')).toEqual([]);
    db.close();
  });

  it('covers a table a migration adds without anyone listing it', () => {
    const migrations: ProjectMigration[] = [{ from: 1, description: 'notes', up: (db) => db.exec('CREATE TABLE notes (id TEXT PRIMARY KEY, body TEXT NOT NULL) STRICT') }];
    expect(expectedSchema(2, migrations).map((o) => o.name)).toContain('notes');
    const good = new Database(':memory:');
    createSchemaAt(good, 2, migrations);
    expect(checkProjectSchema(good, 2, 'x.neurite', migrations)).toEqual([]);
    // A format-2 file whose migration-made table was tampered with is refused, naming the table.
    const bad = new Database(':memory:');
    createSchemaAt(bad, 2, migrations);
    bad.exec('DROP TABLE notes; CREATE TABLE notes (id TEXT PRIMARY KEY, body TEXT NOT NULL, extra BLOB) STRICT');
    expect(refusal(() => checkProjectSchema(bad, 2, 'x.neurite', migrations)).message).toMatch(/the table "notes" has a column "extra" that Neurite does not write/);
    const missing = new Database(':memory:');
    createSchemaAt(missing, 1);
    missing.pragma('user_version = 2');
    expect(refusal(() => checkProjectSchema(missing, 2, 'old.neurite', migrations))).toEqual({ code: 'project.damaged', message: '"old.neurite" is damaged: it lacks the table notes.' });
  });

  it('names what it leaves out, and refuses what stands in for our tables', () => {
    const db = new Database(':memory:');
    createSchema(db);
    db.exec("CREATE TRIGGER t AFTER DELETE ON neurons BEGIN DELETE FROM runs; END; CREATE VIEW v AS SELECT 1; CREATE TABLE other (x); CREATE INDEX i ON neurons(label); ANALYZE");
    expect(checkProjectSchema(db, PROJECT_FORMAT_VERSION, 'x.neurite').sort()).toEqual(['index "i" on neurons', 'table "other"', 'trigger "t" on neurons', 'view "v"']);
    db.exec('DROP TABLE synapses; CREATE VIEW synapses AS SELECT 1 AS ord');
    expect(refusal(() => checkProjectSchema(db, PROJECT_FORMAT_VERSION, 'x.neurite')).message).toMatch(/^"x\.neurite" cannot be opened: "synapses" in it is a view, not Neurite's table\./);
  });

  it('every connection runs in defensive mode with trusted_schema off: a schema cannot be rewritten, and functions in views do not run', () => {
    const file = path.join(tempDir(), 'v.db');
    const plain = new Database(file);
    plain.exec("CREATE TABLE t (x); CREATE VIEW v AS SELECT randomblob(8) AS r, load_extension('evil') AS e");
    plain.close();
    const db = openDatabase(file);
    expect(db.pragma('trusted_schema', { simple: true })).toBe(0);
    expect(() => db.prepare('SELECT r FROM v').all()).toThrow(/unsafe use of (randomblob|load_extension)/);
    db.pragma('writable_schema = ON');
    expect(() => db.exec("UPDATE sqlite_schema SET sql = 'CREATE TABLE t (y)' WHERE name = 't'")).toThrow(/may not be modified/);
    db.close();
  });
});
