/**
 * The little of the protobuf wire format an ONNX file needs: varints, 32-bit floats, length-delimited
 * fields and packed repeats. Messages are built bottom-up as byte arrays.
 */

const utf8 = new TextEncoder();

/** One encoded field (or several), ready to concatenate into a message. */
export type Field = Uint8Array;

function varint(v: number | bigint): number[] {
  let n = BigInt.asUintN(64, BigInt(v));
  const out: number[] = [];
  do {
    let b = Number(n & 0x7fn);
    n >>= 7n;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
}

const key = (field: number, wire: number) => varint((field << 3) | wire);

/** A message: its fields concatenated. */
export function message(...fields: Field[]): Uint8Array {
  const out = new Uint8Array(fields.reduce((s, f) => s + f.length, 0));
  let at = 0;
  for (const f of fields) {
    out.set(f, at);
    at += f.length;
  }
  return out;
}

/** A varint field (int32, int64, enum). */
export const int = (field: number, v: number | bigint): Field => Uint8Array.from([...key(field, 0), ...varint(v)]);

/** A float field (fixed32). */
export function float(field: number, v: number): Field {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setFloat32(0, v, true);
  return Uint8Array.from([...key(field, 5), ...b]);
}

/** A length-delimited field: bytes, a string or an embedded message. */
export function bytes(field: number, v: Uint8Array | string): Field {
  const b = typeof v === 'string' ? utf8.encode(v) : v;
  return message(Uint8Array.from([...key(field, 2), ...varint(b.length)]), b);
}

/** Packed repeated floats (float32, little-endian). */
export function packedFloats(field: number, values: ArrayLike<number>): Field {
  const b = new Uint8Array(values.length * 4);
  const view = new DataView(b.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i], true);
  return bytes(field, b);
}

/** Packed repeated varints. */
export const packedInts = (field: number, values: readonly number[]): Field => bytes(field, Uint8Array.from(values.flatMap((v) => varint(v))));
