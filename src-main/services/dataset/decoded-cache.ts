/**
 * Decoded datasets kept per working database, so a sample step, a data page or a predictions request does not
 * decode and check the whole stored dataset again (79 ms at 200,000 × 20). Keyed by the database handle: opening,
 * starting or recovering a project installs a new working database, so its predecessor's entries are never seen
 * again and go with it; saving or deleting a dataset (store.ts) forgets that id. The arrays are shared by every
 * caller and must be treated as read-only (the engine and the workers only read them; workers get copies).
 */
import type Database from 'better-sqlite3';
import type { EncodedDataset } from '../../../src-shared/data/schema';

/** Decoded datasets held per project: the few a user switches between, not every one a project may hold. */
const PER_DATABASE = 3;
/** Bytes of decoded arrays held per project beyond the one in use: a dataset at the limits is 800 MB on its own. */
const PER_DATABASE_BYTES = 512 * 1024 * 1024;

const bytesOf = (d: EncodedDataset) => d.x.byteLength + d.y.byteLength + d.split.byteLength;

const decoded = new WeakMap<Database.Database, Map<string, EncodedDataset>>();

/** The decoded dataset `id` of `db`, decoding it with `load` only when it is not held (null is not held). */
export function cachedDataset(db: Database.Database, id: string, load: () => EncodedDataset | null): EncodedDataset | null {
  let held = decoded.get(db);
  const hit = held?.get(id);
  if (hit) {
    // Most recently used last, so the oldest goes first.
    held!.delete(id);
    held!.set(id, hit);
    return hit;
  }
  const d = load();
  if (!d) return null;
  if (!held) decoded.set(db, (held = new Map()));
  held.set(id, d);
  // The oldest go first; the one just read always stays.
  let bytes = 0;
  for (const v of held.values()) bytes += bytesOf(v);
  while (held.size > 1 && (held.size > PER_DATABASE || bytes > PER_DATABASE_BYTES)) {
    const oldest = held.keys().next().value!;
    bytes -= bytesOf(held.get(oldest)!);
    held.delete(oldest);
  }
  return d;
}

/** Forgets the decoded dataset `id` of `db` (every one of `db` without an id): its stored rows changed or went. */
export function forgetDataset(db: Database.Database, id?: string): void {
  if (id === undefined) decoded.delete(db);
  else decoded.get(db)?.delete(id);
}
