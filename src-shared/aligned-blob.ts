/**
 * The binary layout of Neurite's stored arrays (datasets and training checkpoints in a project file):
 * typed arrays back to back, each starting 8-byte aligned, optionally after a JSON header written as
 * a little-endian uint32 byte count, the UTF-8 JSON and zero padding up to the next 8-byte boundary.
 * Saved projects depend on these exact bytes: change nothing here without a new format version.
 */

/** One array's place in a block: the byte offset of its first element and its element count. */
export interface Slice {
  offset: number;
  length: number;
}

/** The arrays a block holds. */
export type StoredArray = Float64Array | Uint8Array;

const align8 = (n: number) => (n + 7) & ~7;

/** Lays `arrays` out after `head` (if any), each at an 8-byte-aligned offset; returns the bytes and where each array sits. */
export function packAligned(arrays: readonly StoredArray[], head: Uint8Array = new Uint8Array(0)): { bytes: Uint8Array; slices: Slice[] } {
  const slices: Slice[] = [];
  let end = head.byteLength;
  for (const a of arrays) {
    const offset = align8(end);
    slices.push({ offset, length: a.length });
    end = offset + a.byteLength;
  }
  const bytes = new Uint8Array(end);
  bytes.set(head, 0);
  arrays.forEach((a, i) => bytes.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), slices[i].offset));
  return { bytes, slices };
}

/** A JSON header then `arrays`, 8-byte aligned (see the module comment). */
export function packWithHeader(header: unknown, arrays: readonly StoredArray[]): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const head = new Uint8Array(4 + json.byteLength);
  new DataView(head.buffer).setUint32(0, json.byteLength, true);
  head.set(json, 4);
  return packAligned(arrays, head).bytes;
}

/** Why a header cannot be read. */
export type HeaderProblem = 'short' | 'size';

/**
 * The JSON text of a `packWithHeader` block and the offset its arrays start at, without trusting the bytes: 'short' when
 * there is no byte count, 'size' when the header is over `maxHeaderBytes` or runs past the end.
 */
export function readHeaderText(bytes: Uint8Array, maxHeaderBytes: number): { json: string; offset: number } | HeaderProblem {
  if (bytes.byteLength < 4) return 'short';
  const n = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0, true);
  if (n > maxHeaderBytes || 4 + n > bytes.byteLength) return 'size';
  // ignoreBOM: a BOM stays in the text (and fails JSON.parse), as a header we write never starts with one.
  return { json: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(4, 4 + n)), offset: align8(4 + n) };
}

/** A fresh, aligned copy of one array of a block (the block's own offset need not be aligned); the caller has checked the bounds. */
export function readSlice<T extends StoredArray>(bytes: Uint8Array, slice: Slice, Ctor: { new (length: number): T; BYTES_PER_ELEMENT: number }): T {
  const out = new Ctor(slice.length);
  new Uint8Array(out.buffer).set(bytes.subarray(slice.offset, slice.offset + slice.length * Ctor.BYTES_PER_ELEMENT));
  return out;
}

/** True when every value is a finite number (stored arrays never hold NaN or infinities). */
export function allFinite(a: Float64Array): boolean {
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) return false;
  return true;
}
