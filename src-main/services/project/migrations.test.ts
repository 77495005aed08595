import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_FORMAT_VERSION } from './format';
import { fixtureNetwork } from './fixtures/fixture-network';
import { createSchema, migrateProjectDb, PROJECT_MIGRATIONS, type ProjectMigration } from './migrations';
import { readNetwork } from './network-tables';
import { REQUIRED_TABLES } from './schema';
import * as svc from './service';
import { fileHash, removeTempDirs, tempDir, testSession } from './test-helpers';

afterAll(removeTempDirs);

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const fixture = (v: number) => path.join(fixtures, `v${v}.neurite`);

/** Every format a user's file can be in: each migration's starting point, and the current one. */
const formats = [...new Set([...PROJECT_MIGRATIONS.map((m) => m.from), PROJECT_FORMAT_VERSION])].sort((x, y) => x - y);

describe('project format migrations', () => {
  it('form one unbroken chain from format 1 to the current format', () => {
    expect(PROJECT_MIGRATIONS.map((m) => m.from)).toEqual(Array.from({ length: PROJECT_FORMAT_VERSION - 1 }, (_, i) => i + 1));
  });

  it('have a fixture file for every format', () => {
    const missing = formats.filter((v) => !fs.existsSync(fixture(v)));
    expect(missing, `fixtures missing for formats ${missing.join(', ')}: run fixtures/make-fixture.ts before changing the format`).toEqual([]);
  });

  for (const v of formats) {
    it(`open the format ${v} fixture, upgraded, with its network intact, and leave the file alone`, () => {
      const file = path.join(tempDir(), `v${v}.neurite`);
      fs.copyFileSync(fixture(v), file);
      const before = fileHash(file);
      const { session } = testSession();
      const snap = svc.openProject(session, file);
      expect(snap.network).toEqual(fixtureNetwork());
      expect(snap.savedAt).toBe('2026-11-28T12:00:00.000Z');
      const db = svc.workingDatabase(session);
      expect(db.pragma('user_version', { simple: true })).toBe(PROJECT_FORMAT_VERSION);
      const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all();
      expect(tables).toEqual(expect.arrayContaining([...REQUIRED_TABLES]));
      svc.closeProject(session);
      expect(fileHash(file)).toBe(before);
    });
  }
});

describe('format 1 → 2', () => {
  it('adds run_snapshots exactly as a new project has it, and a run stored before keeps its rows', () => {
    const file = path.join(tempDir(), 'v1.neurite');
    fs.copyFileSync(fixture(1), file);
    const db = new Database(file);
    db.exec("INSERT INTO runs (id, dataset_id, started, finished, status, config, network) VALUES ('r1', NULL, '2026-11-28T12:00:00.000Z', NULL, 'completed', '{}', NULL)");
    expect(db.prepare("SELECT name FROM sqlite_schema WHERE name = 'run_snapshots'").all()).toEqual([]);
    expect(migrateProjectDb(db)).toBe(PROJECT_FORMAT_VERSION);
    const fresh = new Database(':memory:');
    createSchema(fresh);
    const sqlOf = (d: Database.Database) => d.prepare("SELECT sql FROM sqlite_schema WHERE name = 'run_snapshots'").pluck().get();
    expect(sqlOf(db)).toBe(sqlOf(fresh));
    db.prepare('INSERT INTO run_snapshots (run_id, epoch, step, weights) VALUES (?, ?, ?, ?)').run('r1', 3, 0, Buffer.from(new Float64Array([1.5, -2]).buffer));
    const back = db.prepare('SELECT weights FROM run_snapshots WHERE run_id = ?').pluck().get('r1') as Buffer;
    expect(Array.from(new Float64Array(back.buffer, back.byteOffset, 2))).toEqual([1.5, -2]);
    // Snapshots go with their run.
    db.pragma('foreign_keys = ON');
    db.exec("DELETE FROM runs WHERE id = 'r1'");
    expect(db.prepare('SELECT COUNT(*) FROM run_snapshots').pluck().get()).toBe(0);
    expect(readNetwork(db)).toEqual(fixtureNetwork());
    db.close();
    fresh.close();
  });
});

describe('the migration runner', () => {
  function copyOfV1(): Database.Database {
    const file = path.join(tempDir(), 'copy.neurite');
    fs.copyFileSync(fixture(1), file);
    return new Database(file);
  }

  it('applies steps in order and stamps each version', () => {
    const db = copyOfV1();
    const steps: ProjectMigration[] = [
      { from: 2, description: 'second', up: (d) => d.exec("UPDATE neurons SET note = note || '+2'") },
      { from: 1, description: 'first', up: (d) => d.exec("ALTER TABLE neurons ADD COLUMN note TEXT NOT NULL DEFAULT 'v2'") },
    ];
    expect(migrateProjectDb(db, steps, 3)).toBe(3);
    expect(db.pragma('user_version', { simple: true })).toBe(3);
    expect(new Set(db.prepare('SELECT note FROM neurons').pluck().all())).toEqual(new Set(['v2+2']));
    expect(readNetwork(db)).toEqual(fixtureNetwork());
    db.close();
  });

  it('rolls a failing step back completely', () => {
    const db = copyOfV1();
    const steps: ProjectMigration[] = [
      {
        from: 1,
        description: 'breaks halfway',
        up: (d) => {
          d.exec('DELETE FROM synapses');
          throw new Error('disk on fire');
        },
      },
    ];
    expect(() => migrateProjectDb(db, steps, 2)).toThrow('disk on fire');
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(readNetwork(db)).toEqual(fixtureNetwork());
    db.close();
  });

  it('refuses a gap in the chain', () => {
    const db = copyOfV1();
    expect(() => migrateProjectDb(db, [], 2)).toThrow('No migration from project format 1.');
    db.close();
  });
});
