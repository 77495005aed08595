import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { UserError } from './user-error';

/**
 * Where the Electron build of better-sqlite3's addon is, when running inside Electron. The
 * package's own addon is built for Node's ABI (what `npm test` and browser mode use), and
 * rebuilding node_modules for Electron would break those, so the desktop app loads a separate
 * build (`npm start` fetches it into .electron-native/; see .config/electron-sqlite.mjs).
 */
export function electronBinding(versions: NodeJS.ProcessVersions = process.versions, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return versions.electron ? env.NEURITE_SQLITE_BINDING : undefined;
}

/**
 * Opens a SQLite database with the addon that fits this runtime, hardened for files that are data,
 * never code: better-sqlite3 turns SQLite's defensive mode on for every connection (no writable
 * schema, no shadow-table writes; `unsafeMode()` is never called), and `trusted_schema = OFF` keeps
 * any function a schema names (in a view, trigger, default or check) from running unless SQLite
 * marks it innocuous.
 */
export function openDatabase(file: string, options: Database.Options = {}): Database.Database {
  const nativeBinding = electronBinding();
  if (nativeBinding && !existsSync(nativeBinding)) {
    throw new UserError('sqlite.missing', `Neurite cannot open projects yet: it has no SQLite module built for this Electron (${nativeBinding}). Run \`npm start\` once with internet access, or set NEURITE_SQLITE_BINDING.`);
  }
  const db = new Database(file, nativeBinding ? { ...options, nativeBinding } : options);
  db.pragma('trusted_schema = OFF');
  return db;
}
