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

describe('dataset rows read back from a file are validated', () => {
  it('a damaged dataset is listed with why and refused with a sentence; the others stay usable', async () => {
    const db = projectDb('damaged.neurite');
    const iris = (await loadIrisExample()).dataset;
    const xor = makeExample('xor', { size: 50 }).dataset;
    saveDataset(db, iris, '2026-01-01T00:00:00.000Z');
    saveDataset(db, xor, '2026-01-02T00:00:00.000Z');
    // The description claims a billion rows: refused from the description alone, nothing allocated.
    db.prepare("UPDATE datasets SET spec = json_set(spec, '$.meta.rowCount', 1000000000, '$.layout.split.length', 1000000000) WHERE id = ?").run(iris.meta.id);
    const list = listDatasets(db);
    expect(list[0]).toMatchObject({ id: iris.meta.id, problem: expect.stringMatching(/claims 1,000,000,000 rows/) as unknown });
    expect(list[1].problem).toBeUndefined();
    expect(() => loadDataset(db, iris.meta.id)).toThrow(`The dataset "${iris.meta.id}" in this project is damaged (it claims 1,000,000,000 rows of 7 values, more than Neurite stores); import it again.`);
    expect(loadDataset(db, xor.meta.id)!.meta.rowCount).toBe(50);
    // Non-finite values and a split byte that names no split.
    const data = db.prepare('SELECT data FROM datasets WHERE id = ?').pluck().get(xor.meta.id) as Buffer;
    const nan = Buffer.from(data);
    nan.writeDoubleLE(Number.NaN, 0);
    db.prepare('UPDATE datasets SET data = ? WHERE id = ?').run(nan, xor.meta.id);
    expect(() => loadDataset(db, xor.meta.id)).toThrow(/its values are not all finite numbers/);
    const split = Buffer.from(data);
    split[split.length - 1] = 9;
    db.prepare('UPDATE datasets SET data = ? WHERE id = ?').run(split, xor.meta.id);
    expect(() => loadDataset(db, xor.meta.id)).toThrow(/row 50 belongs to no split/);
    db.prepare("UPDATE datasets SET spec = '{not json' WHERE id = ?").run(xor.meta.id);
    expect(listDatasets(db)[1].problem).toBe('its description is not valid JSON');
    expect(() => loadDatasetMeta(db, xor.meta.id)).toThrow(/its description is not valid JSON/);
    db.close();
  });
});
