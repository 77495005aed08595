/**
 * Datasets in the project's working database (table `datasets`: id, name, created, spec TEXT,
 * data BLOB; see ../project/README.md). `spec` is JSON { format, meta, layout } and `data` is
 * X, Y (float64) and the split (uint8) back to back at 8-byte-aligned offsets given by `layout`.
 */
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { DatasetMetaSchema, type DatasetMeta, type EncodedDataset } from '../../../src-shared/data/schema';

/** The version of the spec/blob layout this build writes. */
export const DATASET_STORE_FORMAT = 1;

const SliceSchema = z.object({ offset: z.number().int().min(0), length: z.number().int().min(0) });
const SpecSchema = z.object({
  format: z.literal(DATASET_STORE_FORMAT),
  meta: DatasetMetaSchema,
  layout: z.object({ x: SliceSchema, y: SliceSchema, split: SliceSchema }),
});

/** A stored dataset as the Data panel lists it (no arrays). */
export interface StoredDatasetInfo {
  id: string;
  name: string;
  created: string;
  rows: number;
  features: number;
  outputs: number;
  bytes: number;
}

const align8 = (n: number) => (n + 7) & ~7;

/** Writes (or replaces, keeping its runs' links) a dataset in one transaction. */
export function saveDataset(db: Database.Database, dataset: EncodedDataset, created = new Date().toISOString()): void {
  const { meta, x, y, split } = dataset;
  const F = meta.features.length;
  const O = meta.outputs.length;
  if (x.length !== meta.rowCount * F || y.length !== meta.rowCount * O || split.length !== meta.rowCount) {
    throw new Error(`Dataset "${meta.name}" is inconsistent: ${meta.rowCount} rows but arrays of ${x.length}, ${y.length} and ${split.length} values.`);
  }
  const xOff = 0;
  const yOff = align8(xOff + x.byteLength);
  const sOff = align8(yOff + y.byteLength);
  const blob = Buffer.alloc(sOff + split.byteLength);
  Buffer.from(x.buffer, x.byteOffset, x.byteLength).copy(blob, xOff);
  Buffer.from(y.buffer, y.byteOffset, y.byteLength).copy(blob, yOff);
  Buffer.from(split.buffer, split.byteOffset, split.byteLength).copy(blob, sOff);
  const spec = {
    format: DATASET_STORE_FORMAT,
    meta,
    layout: { x: { offset: xOff, length: x.length }, y: { offset: yOff, length: y.length }, split: { offset: sOff, length: split.length } },
  };
  // An upsert, not INSERT OR REPLACE: replacing would delete the row and unlink runs (ON DELETE SET NULL).
  db.prepare(
    `INSERT INTO datasets (id, name, created, spec, data) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(id) DO UPDATE SET name = excluded.name, spec = excluded.spec, data = excluded.data`,
  ).run(meta.id, meta.name, created, JSON.stringify(spec), blob);
}

function damaged(id: string, why: string): Error {
  return new Error(`The dataset "${id}" in this project is damaged (${why}); import it again.`);
}

/** Reads a dataset back with fresh, aligned typed arrays; null when there is no such id. */
export function loadDataset(db: Database.Database, id: string): EncodedDataset | null {
  const row = db.prepare('SELECT spec, data FROM datasets WHERE id = ?').get(id) as { spec: string; data: Buffer | null } | undefined;
  if (!row) return null;
  let spec: z.infer<typeof SpecSchema>;
  try {
    spec = SpecSchema.parse(JSON.parse(row.spec));
  } catch (e) {
    throw damaged(id, `its description does not parse: ${(e as Error).message.split('\n')[0]}`);
  }
  const data = row.data ?? Buffer.alloc(0);
  const { meta, layout } = spec;
  const take = <T extends Float64Array | Uint8Array>(slice: { offset: number; length: number }, Ctor: { new (b: ArrayBuffer): T; BYTES_PER_ELEMENT: number }): T => {
    const bytes = slice.length * Ctor.BYTES_PER_ELEMENT;
    if (slice.offset + bytes > data.length) throw damaged(id, 'its data is shorter than its description says');
    // Copy: the Buffer's offset inside its ArrayBuffer is not necessarily 8-byte aligned.
    return new Ctor(data.buffer.slice(data.byteOffset + slice.offset, data.byteOffset + slice.offset + bytes) as ArrayBuffer);
  };
  const x = take(layout.x, Float64Array);
  const y = take(layout.y, Float64Array);
  const split = take(layout.split, Uint8Array);
  if (x.length !== meta.rowCount * meta.features.length || y.length !== meta.rowCount * meta.outputs.length || split.length !== meta.rowCount) {
    throw damaged(id, 'its arrays do not match its row and column counts');
  }
  return { meta, x, y, split };
}

/** Only the metadata of a dataset (cheap: no arrays). */
export function loadDatasetMeta(db: Database.Database, id: string): DatasetMeta | null {
  const row = db.prepare('SELECT spec FROM datasets WHERE id = ?').get(id) as { spec: string } | undefined;
  return row ? SpecSchema.parse(JSON.parse(row.spec)).meta : null;
}

/** Every dataset in the project, oldest first. */
export function listDatasets(db: Database.Database): StoredDatasetInfo[] {
  const rows = db.prepare('SELECT id, name, created, spec, length(data) AS bytes FROM datasets ORDER BY created, id').all() as { id: string; name: string; created: string; spec: string; bytes: number | null }[];
  return rows.map((r) => {
    const meta = (JSON.parse(r.spec) as { meta: DatasetMeta }).meta;
    return { id: r.id, name: r.name, created: r.created, rows: meta.rowCount, features: meta.features.length, outputs: meta.outputs.length, bytes: r.bytes ?? 0 };
  });
}

/** Removes a dataset; returns whether it existed. */
export function deleteDataset(db: Database.Database, id: string): boolean {
  return db.prepare('DELETE FROM datasets WHERE id = ?').run(id).changes > 0;
}
