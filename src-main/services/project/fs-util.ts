import fs from 'node:fs';
import path from 'node:path';
import { createFileExclusive } from '../safe-fs';

/** Flushes a file's contents to the disk. */
export function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Flushes a folder's entries (a rename inside it) to the disk; a no-op where folders cannot be opened (Windows). */
export function fsyncDir(dir: string): void {
  let fd: number;
  try {
    fd = fs.openSync(dir, 'r');
  } catch {
    return;
  }
  try {
    fs.fsyncSync(fd);
  } catch {
    // Some file systems refuse fsync on a folder; the rename is still atomic.
  } finally {
    fs.closeSync(fd);
  }
}

/** Writes a small file so that a crash leaves the old or the new content: temp file, fsync, rename, fsync folder. */
export function writeFileAtomic(file: string, data: string): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  // Exclusive and without following links: a link planted under the temp name cannot redirect the write.
  createFileExclusive(tmp, data);
  try {
    fsyncFile(tmp);
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  fsyncDir(path.dirname(file));
}

/**
 * True when the path may be written. Besides access(2) (which refuses immutable files even to
 * root), a file or folder with no write bit at all counts as read-only: root bypasses mode
 * bits, but a user who marked a file read-only meant it, and Save should not silently
 * override that.
 */
export function isWritable(target: string): boolean {
  try {
    fs.accessSync(target, fs.constants.W_OK);
  } catch {
    return false;
  }
  if (process.platform === 'win32') return true;
  return (fs.statSync(target).mode & 0o222) !== 0;
}
