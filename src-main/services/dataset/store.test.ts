import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeExample } from '../../../src-shared/data/examples';
import { createSchema } from '../project/migrations';
import { deleteDataset, listDatasets, loadDataset, loadDatasetMeta, saveDataset } from './store';
import { loadIrisExample } from './examples';

const dir = mkdtempSync(join(tmpdir(), 'neurite-ds-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A project database with the project store's own schema (its `datasets` table). */
function projectDb(name: string): Database.Database {
  const db = new Database(join(dir, name));
  createSchema(db);
  return db;
}

describe('dataset storage in the project database', () => {
  it('round-trips an encoded dataset exactly, through a closed and reopened file', async () => {
    const file = 'p1.neurite';
    let db = projectDb(file);
    const iris = (await loadIrisExample()).dataset;
    const xor = makeExample('xor', { size: 333 }).dataset;
    saveDataset(db, iris, '2026-01-01T00:00:00.000Z');
    saveDataset(db, xor, '2026-01-02T00:00:00.000Z');
    db.close();
    db = new Database(join(dir, file), { readonly: true });
    const back = loadDataset(db, iris.meta.id)!;
    expect(back.meta).toEqual(iris.meta);
    expect(Array.from(back.x)).toEqual(Array.from(iris.x));
    expect(Array.from(back.y)).toEqual(Array.from(iris.y));
    expect(Array.from(back.split)).toEqual(Array.from(iris.split));
    expect(back.x).toBeInstanceOf(Float64Array);
    expect(loadDatasetMeta(db, xor.meta.id)).toEqual(xor.meta);
    expect(listDatasets(db)).toEqual([
      { id: iris.meta.id, name: 'Iris', created: '2026-01-01T00:00:00.000Z', rows: 150, features: 4, outputs: 3, bytes: 150 * 4 * 8 + 150 * 3 * 8 + 150 + 0 },
      { id: xor.meta.id, name: 'XOR', created: '2026-01-02T00:00:00.000Z', rows: 333, features: 2, outputs: 1, bytes: 333 * 2 * 8 + 333 * 8 + 333 },
    ]);
    expect(loadDataset(db, 'nope')).toBeNull();
    db.close();
  });

  it('replacing a dataset keeps the runs that point at it; deleting unlinks them', () => {
    const db = projectDb('p2.neurite');
    db.pragma('foreign_keys = ON');
    const a = makeExample('circles', { size: 50 }).dataset;
    saveDataset(db, a);
    db.prepare("INSERT INTO runs (id, dataset_id, started, status, config) VALUES ('r1', ?, 'now', 'done', '{}')").run(a.meta.id);
    // Ids are random: a replacement is a dataset stored under the same id.
    const fresh = makeExample('circles', { size: 80 }).dataset;
    const b = { ...fresh, meta: { ...fresh.meta, id: a.meta.id } };
    saveDataset(db, b);
    expect(loadDataset(db, a.meta.id)!.meta.rowCount).toBe(80);
    expect(db.prepare("SELECT dataset_id FROM runs WHERE id = 'r1'").get()).toEqual({ dataset_id: a.meta.id });
    expect(deleteDataset(db, a.meta.id)).toBe(true);
    expect(db.prepare("SELECT dataset_id FROM runs WHERE id = 'r1'").get()).toEqual({ dataset_id: null });
    db.close();
  });

  it('a damaged row is refused with a clear message', () => {
    const db = projectDb('p3.neurite');
    const a = makeExample('xor', { size: 40 }).dataset;
    saveDataset(db, a);
    db.prepare('UPDATE datasets SET data = substr(data, 1, 100) WHERE id = ?').run(a.meta.id);
    expect(() => loadDataset(db, a.meta.id)).toThrow(`The dataset "${a.meta.id}" in this project is damaged (its data is shorter than its description says); import it again.`);
    db.close();
  });
});
