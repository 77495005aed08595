import { closeSync, createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import { openRegularFile } from '../safe-fs';

/** Bytes to read: a name for messages, a size for progress, and a way to stream them. */
export interface ByteSource {
  name: string;
  size: number;
  open(): AsyncIterable<Buffer> & { destroy?(): void };
}

/** Chunk size of file reads: big enough for throughput, small enough for smooth progress. */
export const READ_CHUNK = 1 << 20;

/**
 * A regular file on disk. A folder, FIFO, socket or device is refused here, at once (opened
 * non-blocking and checked on the descriptor), instead of hanging a read or failing mid-scan;
 * every later open() checks the file it actually reads again. `noFollow` refuses a symbolic
 * link as the last component (browser mode, where the path was already resolved inside the folder).
 */
export function fileSource(path: string, options: { noFollow?: boolean; name?: string } = {}): ByteSource {
  const name = options.name ?? basename(path);
  const opener = { noFollow: options.noFollow, code: 'dataset.notAFile', name: `"${name}"` };
  const first = openRegularFile(path, opener);
  closeSync(first.fd);
  return {
    name,
    size: first.size,
    open: () => createReadStream('', { fd: openRegularFile(path, opener).fd, highWaterMark: READ_CHUNK }),
  };
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
