/**
 * Where an export is written: the desktop app asks with a native save dialog; browser mode writes into the
 * projects folder under the given name (never over an existing file or link, never outside the folder).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createFileExclusive, fileSystemError, kindOf, realFolderInside, shown } from '../safe-fs';
import type { Session } from '../session';
import { UserError } from '../user-error';

/** Longest file name most file systems accept, in bytes. */
const MAX_NAME_BYTES = 255;

/** Where to write, and whether it must be created new (browser mode) or may replace a file the user chose in a dialog. */
export interface ExportTarget {
  path: string;
  /** True in browser mode: the name must not exist, links included; false when a save dialog confirmed a replacement. */
  exclusive: boolean;
}

/** The target to write, or null when the user cancelled the dialog. */
export async function exportTarget(session: Session, name: string): Promise<ExportTarget | null> {
  if (session.pickPath) {
    const picked = await session.pickPath('export', name);
    return picked ? { path: picked, exclusive: false } : null;
  }
  const root = session.projectsDir;
  if (!root) throw new UserError('export.noFolder', 'This server has no projects folder to write exports into.');
  if (name !== path.basename(name) || name.includes('\\') || name === '.' || name === '..' || name.includes('\0')) throw new UserError('export.badName', `${shown(name)} must be a plain file name, without folders.`);
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused.
  if (/[\u0001-\u001f\u007f]/.test(name)) throw new UserError('export.badName', `${shown(name)} is not a valid file name: it contains a line break or another control character.`);
  if (Buffer.byteLength(name) > MAX_NAME_BYTES) throw new UserError('export.badName', `The name ${shown(name)} is too long (${Buffer.byteLength(name)} bytes; a file name may have at most ${MAX_NAME_BYTES}).`);
  // The real folder, links resolved, so the file is created where the check looked.
  const dir = realFolderInside(root, root, 'export.badName');
  const target = path.join(dir, name);
  let existing: fs.Stats | null = null;
  try {
    existing = fs.lstatSync(target);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw fileSystemError(err, { name: shown(name), action: 'write' }) ?? err;
  }
  // lstat sees the link itself: a dangling one would otherwise let the write land wherever it points.
  if (existing) {
    const what = existing.isSymbolicLink() ? ' (a symbolic link)' : existing.isFile() ? '' : ` (${kindOf(existing)})`;
    throw new UserError('export.exists', `${name} already exists in the projects folder${what}; choose another name.`);
  }
  return { path: target, exclusive: true };
}

/** Writes one file: created new (never through a link) in browser mode, else replaced atomically through a temp file beside it. */
export function writeExportFile(target: ExportTarget, data: string | Uint8Array): void {
  if (target.exclusive) return createFileExclusive(target.path, data);
  const tmp = path.join(path.dirname(target.path), `.${path.basename(target.path)}.${randomBytes(6).toString('hex')}.tmp`);
  createFileExclusive(tmp, data);
  try {
    fs.renameSync(tmp, target.path);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw fileSystemError(err, { name: shown(target.path), action: 'write' }) ?? err;
  }
}

/**
 * Writes a folder of files. A new folder only: an existing one (or a link to one) is refused
 * rather than mixed into, mkdir never follows a link, and each file is created exclusively in it.
 */
export function writeFolder(target: ExportTarget, files: Record<string, string | Uint8Array>): void {
  const dir = target.path;
  let existing: fs.Stats | null = null;
  try {
    existing = fs.lstatSync(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw fileSystemError(err, { name: shown(dir), action: 'write' }) ?? err;
  }
  if (existing) {
    const what = existing.isSymbolicLink() ? ' (a symbolic link)' : existing.isDirectory() ? '' : ` (${kindOf(existing)})`;
    throw new UserError('export.exists', `${path.basename(dir)} already exists${what}; choose another name.`);
  }
  try {
    fs.mkdirSync(dir);
  } catch (err) {
    throw fileSystemError(err, { name: shown(dir), action: 'create the folder' }) ?? err;
  }
  try {
    for (const [name, text] of Object.entries(files)) createFileExclusive(path.join(dir, name), text);
  } catch (err) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}
