import { isUtf8 } from 'node:buffer';

/** Length of the longest prefix of `buf` that does not end inside a multi-byte UTF-8 sequence. */
export function completeUtf8Prefix(buf: Uint8Array): number {
  let i = buf.length - 1;
  let back = 0;
  while (i >= 0 && back < 3 && (buf[i] & 0xc0) === 0x80) {
    i--;
    back++;
  }
  if (i < 0) return buf.length;
  const lead = buf[i];
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return buf.length - i >= need ? buf.length : i;
}

/**
 * Strict streaming UTF-8 decoding: validates each chunk with Node's SIMD `isUtf8` and decodes
 * it with `toString` (several times faster than a fatal TextDecoder), carrying a sequence split
 * across chunks over to the next one and dropping a leading byte-order mark.
 */
export class Utf8Chunks {
  private carry: Buffer | null = null;
  private first = true;
  /** The bytes the last `decode` looked at (carry + chunk), for locating an error. */
  lastInput: Buffer = Buffer.alloc(0);

  /** The chunk's text, or null when its bytes are not valid UTF-8. */
  decode(chunk: Buffer): string | null {
    let buf = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    if (this.first) {
      // A BOM split across the first chunks: wait for its third byte.
      const bom = [0xef, 0xbb, 0xbf];
      if (buf.length < 3 && buf.every((b, k) => b === bom[k])) {
        this.carry = buf.length ? Buffer.from(buf) : null;
        this.lastInput = buf;
        return '';
      }
      this.first = false;
      if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) buf = buf.subarray(3);
    }
    this.lastInput = buf;
    const cut = completeUtf8Prefix(buf);
    this.carry = cut < buf.length ? Buffer.from(buf.subarray(cut)) : null;
    const body = buf.subarray(0, cut);
    return isUtf8(body) ? body.toString('utf8') : null;
  }

  /** False when the input ended inside a multi-byte sequence. */
  end(): boolean {
    return this.carry === null;
  }
}
