import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, sep } from 'node:path';

/** Content types by file extension. */
export const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
};

/**
 * Maps a URL path to a file inside `root`, or null. Refuses `..` segments, backslashes and NULs
 * before touching the disk, then checks the real path (symlinks) is still inside the root.
 * `/` maps to index.html; other directories are never listed.
 */
export async function resolveStatic(root: string, urlPath: string): Promise<string | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '..' || s === '.')) return null;
  const rel = segments.length === 0 ? 'index.html' : segments.join(sep);
  try {
    const realRoot = await realpath(root);
    const file = await realpath(join(realRoot, rel));
    if (!file.startsWith(realRoot + sep)) return null;
    if (!(await stat(file)).isFile()) return null;
    return file;
  } catch {
    return null;
  }
}

/** Streams a file with its content type; HEAD gets headers only. */
export async function sendFile(res: ServerResponse, file: string, head: boolean): Promise<void> {
  const info = await stat(file);
  res.statusCode = 200;
  res.setHeader('Content-Type', MIME[extname(file).toLowerCase()] ?? 'application/octet-stream');
  res.setHeader('Content-Length', info.size);
  // Hashed assets could be cached, but the token gate makes caching pointless for a loopback app.
  res.setHeader('Cache-Control', 'no-store');
  if (head) {
    res.end();
    return;
  }
  await new Promise<void>((resolve) => {
    const stream = createReadStream(file);
    stream.on('error', () => {
      res.destroy();
      resolve();
    });
    stream.on('end', resolve);
    stream.pipe(res);
  });
}
