import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronBinding, openDatabase } from './sqlite';

describe('the SQLite addon for each runtime', () => {
  it('uses the package addon under Node, whatever the environment says', () => {
    expect(electronBinding({ node: '20.0.0' } as NodeJS.ProcessVersions, { NEURITE_SQLITE_BINDING: '/x.node' })).toBeUndefined();
    const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'neurite-sqlite-')), 'a.db'));
    expect(db.prepare('SELECT 1 + 1 AS two').get()).toEqual({ two: 2 });
    db.close();
  });

  it('uses the Electron build inside Electron', () => {
    expect(electronBinding({ node: '20.0.0', electron: '45.5.0' } as NodeJS.ProcessVersions, { NEURITE_SQLITE_BINDING: '/app/.electron-native/better_sqlite3.node' })).toBe('/app/.electron-native/better_sqlite3.node');
  });
});
