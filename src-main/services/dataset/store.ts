/**
 * Datasets in the project's working database (table `datasets`: id, name, created, spec TEXT,
 * data BLOB; see ../project/README.md). `spec` is JSON { format, meta, layout } and `data` is
 * X, Y (float64) and the split (uint8) back to back at 8-byte-aligned offsets given by `layout`
 * (src-shared/aligned-blob.ts, the layout checkpoints use too).
 */
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { DatasetMetaSchema, type DatasetMeta, type EncodedDataset } from '../../../src-shared/data/schema';
import { count, LIMITS } from '../../../src-shared/model/limits';
import { allFinite, packAligned, readSlice } from '../../../src-shared/aligned-blob';
import { UserError } from '../user-error';
import { forgetDataset } from './decoded-cache';

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
  /** Why the stored dataset cannot be used, when its row in the file is damaged; absent when it is sound. */
  problem?: string;
}

/** Sizes beyond anything Neurite writes: a row past them is damaged and is not read into memory. */
const MAX_ID = 200;
const MAX_NAME = 1_000;
const MAX_SPEC_CHARS = 32 * 1024 * 1024;

/** Writes (or replaces, keeping its runs' links) a dataset in one transaction. */
export function saveDataset(db: Database.Database, dataset: EncodedDataset, created = new Date().toISOString()): void {
  const { meta, x, y, split } = dataset;
  const F = meta.features.length;
  const O = meta.outputs.length;
  if (x.length !== meta.rowCount * F || y.length !== meta.rowCount * O || split.length !== meta.rowCount) {
    throw new Error(`Dataset "${meta.name}" is inconsistent: ${meta.rowCount} rows but arrays of ${x.length}, ${y.length} and ${split.length} values.`);
  }
  const { bytes, slices } = packAligned([x, y, split]);
  const blob = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const spec = { format: DATASET_STORE_FORMAT, meta, layout: { x: slices[0], y: slices[1], split: slices[2] } };
  // An upsert, not INSERT OR REPLACE: replacing would delete the row and unlink runs (ON DELETE SET NULL).
  db.prepare(
    `INSERT INTO datasets (id, name, created, spec, data) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(id) DO UPDATE SET name = excluded.name, spec = excluded.spec, data = excluded.data`,
  ).run(meta.id, meta.name, created, JSON.stringify(spec), blob);
  forgetDataset(db, meta.id);
}

function damaged(id: string, why: string): UserError {
  return new UserError('dataset.damaged', `The dataset "${id.slice(0, 60)}" in this project is damaged (${why}); import it again. The project's other datasets are not affected.`);
}

type Spec = z.infer<typeof SpecSchema>;

/** Parses and checks a dataset's description against itself and the limits, before any array is read; returns the problem as text. */
function parseSpec(text: string | null, dataBytes: number): Spec | string {
  if (text === null) return 'its description is larger than any Neurite writes';
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return 'its description is not valid JSON';
  }
  const r = SpecSchema.safeParse(json);
  if (!r.success) return `its description does not parse: ${r.error.issues[0]?.path.join('.')}: ${r.error.issues[0]?.message}`;
  const { meta, layout } = r.data;
  const F = meta.features.length;
  const O = meta.outputs.length;
  const rows = meta.rowCount;
  if (rows < 0 || F > LIMITS.features || rows * (F + O) > LIMITS.datasetValues) return `it claims ${count(rows)} rows of ${count(F + O)} values, more than Neurite stores`;
  if (layout.x.length !== rows * F || layout.y.length !== rows * O || layout.split.length !== rows) return 'its arrays do not match its row and column counts';
  const end = (sl: { offset: number; length: number }, size: number) => sl.offset + sl.length * size;
  if (end(layout.x, 8) > dataBytes || end(layout.y, 8) > dataBytes || end(layout.split, 1) > dataBytes) return 'its data is shorter than its description says';
  for (const t of meta.targets) {
    if (t.outputStart < 0 || t.outputCount < 0 || t.outputStart + t.outputCount > O) return 'its targets name outputs it does not have';
    if ((t.classes?.length ?? 0) > LIMITS.classes) return `its target "${t.column.slice(0, 60)}" has ${count(t.classes!.length)} classes, more than the ${count(LIMITS.classes)} Neurite trains`;
  }
  if (O === 0 || F === 0) return 'it has no features or no targets';
  return r.data;
}

/** Reads a dataset back with fresh, aligned typed arrays; null when there is no such id; a UserError when it is damaged. */
export function loadDataset(db: Database.Database, id: string): EncodedDataset | null {
  const row = db
    .prepare(`SELECT CASE WHEN length(spec) <= ${MAX_SPEC_CHARS} THEN spec END AS spec, data, typeof(data) AS dt FROM datasets WHERE id = ?`)
    .get(id) as { spec: string | null; data: unknown; dt: string } | undefined;
  if (!row) return null;
  if (row.dt !== 'blob' && row.dt !== 'null') throw damaged(id, 'its data is not binary data');
  const data = Buffer.isBuffer(row.data) ? row.data : Buffer.alloc(0);
  const spec = parseSpec(row.spec, data.length);
  if (typeof spec === 'string') throw damaged(id, spec);
  const { meta, layout } = spec;
  // Sizes were checked against the BLOB's real length above; readSlice copies, since the Buffer's offset is not necessarily 8-byte aligned.
  const x = readSlice(data, layout.x, Float64Array);
  const y = readSlice(data, layout.y, Float64Array);
  const split = readSlice(data, layout.split, Uint8Array);
  if (!allFinite(x) || !allFinite(y)) throw damaged(id, 'its values are not all finite numbers');
  for (let i = 0; i < split.length; i++) if (split[i] > 2) throw damaged(id, `row ${i + 1} belongs to no split`);
  return { meta, x, y, split };
}

/** Only the metadata of a dataset (cheap: no arrays); null when there is no such id; a UserError when it is damaged. */
export function loadDatasetMeta(db: Database.Database, id: string): DatasetMeta | null {
  const row = db.prepare(`SELECT CASE WHEN length(spec) <= ${MAX_SPEC_CHARS} THEN spec END AS spec, length(data) AS bytes FROM datasets WHERE id = ?`).get(id) as { spec: string | null; bytes: number | null } | undefined;
  if (!row) return null;
  const spec = parseSpec(row.spec, row.bytes ?? 0);
  if (typeof spec === 'string') throw damaged(id, spec);
  return spec.meta;
}

/** Every dataset in the project, oldest first; a damaged one is listed with its `problem`. */
export function listDatasets(db: Database.Database): StoredDatasetInfo[] {
  const rows = db
    .prepare(
      `SELECT substr(id, 1, ${MAX_ID}) AS id, length(id) AS idLen, substr(name, 1, ${MAX_NAME}) AS name, length(name) AS nameLen, substr(created, 1, 64) AS created,
       CASE WHEN length(spec) <= ${MAX_SPEC_CHARS} THEN spec END AS spec, length(data) AS bytes FROM datasets ORDER BY created, id`,
    )
    .all() as { id: string; idLen: number; name: string; nameLen: number; created: string; spec: string | null; bytes: number | null }[];
  return rows.map((r) => {
    const base = { id: r.id, name: r.name, created: r.created, bytes: r.bytes ?? 0 };
    const spec = r.idLen > MAX_ID || r.nameLen > MAX_NAME ? 'its row holds text far longer than Neurite writes' : parseSpec(r.spec, r.bytes ?? 0);
    if (typeof spec === 'string') return { ...base, rows: 0, features: 0, outputs: 0, problem: spec };
    const meta = spec.meta;
    return { ...base, rows: meta.rowCount, features: meta.features.length, outputs: meta.outputs.length };
  });
}

/** Removes a dataset; returns whether it existed. */
export function deleteDataset(db: Database.Database, id: string): boolean {
  forgetDataset(db, id);
  return db.prepare('DELETE FROM datasets WHERE id = ?').run(id).changes > 0;
}
