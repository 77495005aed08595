import type Database from 'better-sqlite3';
import { APP_VERSION, NEURITE_APPLICATION_ID, PROJECT_FORMAT_VERSION } from './format';
import { RUN_SNAPSHOTS_SQL, SCHEMA_SQL } from './schema';

/** One step that upgrades a project database from format `from` to `from + 1`, inside a transaction. */
export interface ProjectMigration {
  from: number;
  /** What changed, for the README and the logs. */
  description: string;
  up: (db: Database.Database) => void;
}

/**
 * The ordered migrations of the project file format. Format 1 is SCHEMA_SQL. To change the format:
 * commit fixtures/vN.neurite made by fixtures/make-fixture.ts *before* the change, then bump
 * PROJECT_FORMAT_VERSION and append `{ from: N, ... }` here; do not edit SCHEMA_SQL (format N's
 * schema is SCHEMA_SQL plus the migrations, for new projects and for the check of every opened file).
 * migrations.test.ts fails while any format lacks its fixture.
 */
export const PROJECT_MIGRATIONS: ProjectMigration[] = [
  { from: 1, description: 'run_snapshots: weight snapshots of every training run, for the replay', up: (db) => db.exec(RUN_SNAPSHOTS_SQL) },
];

/**
 * Creates the tables of a project at `format` (format 1 plus the migrations up to it), with the
 * Neurite header fields; `meta` rows are the caller's. The same path builds a new project and the
 * reference every opened file is compared against, so the two cannot drift apart.
 */
export function createSchemaAt(db: Database.Database, format: number, migrations: ProjectMigration[] = PROJECT_MIGRATIONS): void {
  db.transaction(() => {
    db.exec(SCHEMA_SQL);
    db.pragma(`application_id = ${NEURITE_APPLICATION_ID}`);
    db.pragma('user_version = 1');
  })();
  migrateProjectDb(db, migrations, format);
}

/** Creates the tables and header fields of a new, empty project at the current format. */
export function createSchema(db: Database.Database, now = new Date().toISOString()): void {
  db.transaction(() => {
    db.exec(SCHEMA_SQL);
    const put = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
    put.run('created', now);
    put.run('modified', now);
    put.run('app_version', APP_VERSION);
    db.pragma(`application_id = ${NEURITE_APPLICATION_ID}`);
    db.pragma('user_version = 1');
  })();
  migrateProjectDb(db);
}

/**
 * Upgrades a project database (always a working copy, never the user's file) to `target`,
 * one migration per transaction so a failure leaves a consistent, older database.
 */
export function migrateProjectDb(db: Database.Database, migrations: ProjectMigration[] = PROJECT_MIGRATIONS, target = PROJECT_FORMAT_VERSION): number {
  let version = db.pragma('user_version', { simple: true }) as number;
  while (version < target) {
    const step = migrations.find((m) => m.from === version);
    if (!step) throw new Error(`No migration from project format ${version}.`);
    db.transaction(() => {
      step.up(db);
      db.pragma(`user_version = ${version + 1}`);
    })();
    version += 1;
  }
  return version;
}
