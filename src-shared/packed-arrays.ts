/**
 * Browser mode sends every reply and event as JSON text. A long array of finite numbers (a sample's 8,400
 * contributions, a heatmap grid, a loss curve) goes as base64 of its float64 bytes instead: a third of the text,
 * bit-exact, and neither printed nor parsed digit by digit. The message lists where it packed arrays, so the page
 * unpacks just those places. Electron's IPC clones structured data and needs none of this.
 */

/** Arrays shorter than this stay JSON: packing them saves nothing worth a path. */
export const PACK_MIN_LENGTH = 256;
/** How deep into a reply packing looks (replies are shallow; a deep one is sent as it is). */
const MAX_DEPTH = 8;

/** Where a packed array sits: the keys and indices from the message's packed value down to it. */
export type PackedPath = Array<string | number>;

function finiteNumbers(a: unknown[]): boolean {
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) return false;
  }
  return true;
}

function plainObject(v: object): v is Record<string, unknown> {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/**
 * `value` with every array of at least PACK_MIN_LENGTH finite numbers replaced by `encode` of its float64 copy (−0
 * written as 0, as JSON would), and the paths of those arrays. `value` itself is never changed: the objects on a
 * packed array's path are copied.
 */
export function packNumberArrays(value: unknown, encode: (values: Float64Array) => string): { value: unknown; paths: PackedPath[] } {
  const paths: PackedPath[] = [];
  const walk = (v: unknown, path: PackedPath): unknown => {
    if (v === null || typeof v !== 'object' || path.length > MAX_DEPTH) return v;
    if (Array.isArray(v)) {
      if (v.length >= PACK_MIN_LENGTH && finiteNumbers(v)) {
        const f = new Float64Array(v.length);
        for (let i = 0; i < v.length; i++) f[i] = v[i] === 0 ? 0 : (v[i] as number);
        paths.push(path);
        return encode(f);
      }
      let out: unknown[] = v;
      for (let i = 0; i < v.length; i++) {
        const e: unknown = v[i];
        if (e === null || typeof e !== 'object') continue;
        const w = walk(e, [...path, i]);
        if (w === e) continue;
        if (out === v) out = v.slice();
        out[i] = w;
      }
      return out;
    }
    if (!plainObject(v)) return v;
    let out: Record<string, unknown> = v;
    for (const k of Object.keys(v)) {
      const e = v[k];
      if (e === null || typeof e !== 'object') continue;
      const w = walk(e, [...path, k]);
      if (w === e) continue;
      if (out === v) out = { ...v };
      out[k] = w;
    }
    return out;
  };
  return { value: walk(value, []), paths };
}

/** Puts back, in place, the arrays `packNumberArrays` packed at `paths` of a freshly parsed `value`. */
export function unpackNumberArrays(value: unknown, paths: readonly PackedPath[], decode: (text: string) => Float64Array): void {
  for (const path of paths) {
    if (!Array.isArray(path) || path.length === 0) continue;
    let parent: unknown = value;
    for (let i = 0; i < path.length - 1 && parent !== null && typeof parent === 'object'; i++) parent = (parent as Record<string | number, unknown>)[path[i]];
    const key = path[path.length - 1];
    if (parent === null || typeof parent !== 'object') continue;
    const packed = (parent as Record<string | number, unknown>)[key];
    if (typeof packed === 'string') (parent as Record<string | number, unknown>)[key] = Array.from(decode(packed));
  }
}

/** The native base64 decoder where the host has one (Chromium 140+, so Electron and the e2e browser; not Node 20). */
const fromBase64 = (Uint8Array as unknown as { fromBase64?: (text: string) => Uint8Array }).fromBase64?.bind(Uint8Array);

/** The float64 values of a packed array's base64 text (little-endian, as every host of this app is). */
export function decodeFloat64(text: string): Float64Array {
  if (fromBase64) {
    const bytes = fromBase64(text);
    return new Float64Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >> 3);
  }
  const bin = atob(text);
  const bytes = new Uint8Array(bin.length - (bin.length % 8));
  for (let i = 0; i < bytes.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Float64Array(bytes.buffer);
}
