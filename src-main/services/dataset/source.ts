import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { Readable } from 'node:stream';

/** Bytes to read: a name for messages, a size for progress, and a way to stream them. */
export interface ByteSource {
  name: string;
  size: number;
  open(): AsyncIterable<Buffer> & { destroy?(): void };
}

/** Chunk size of file reads: big enough for throughput, small enough for smooth progress. */
export const READ_CHUNK = 1 << 20;

/** A file on disk. */
export function fileSource(path: string): ByteSource {
  return { name: basename(path), size: statSync(path).size, open: () => createReadStream(path, { highWaterMark: READ_CHUNK }) };
}

/** Bytes in memory (bundled examples, uploads). */
export function bufferSource(name: string, data: Buffer | string): ByteSource {
  const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  return {
    name,
    size: buf.length,
    open: () => {
      const chunks: Buffer[] = [];
      for (let i = 0; i < buf.length; i += READ_CHUNK) chunks.push(buf.subarray(i, i + READ_CHUNK));
      return Readable.from(chunks);
    },
  };
}
