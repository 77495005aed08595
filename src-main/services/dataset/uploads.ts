/**
 * Browser-mode uploads: the page streams a File in chunks into a temp file under the session's
 * state dir (`uploads/`), and the import then reads that file exactly like a path from the
 * desktop app's dialog. A temp file lives until it is discarded (wizard closed), its import
 * succeeds or is cancelled, or the session ends; leftovers of a crashed server older than a
 * day are pruned at the next upload.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { UPLOAD_CHUNK_MAX_BYTES } from '../../../src-shared/data/contract';
import type { Session } from '../session';
import { sessionRegistry } from '../session-registry';
import { UserError } from '../user-error';

interface Upload {
  name: string;
  size: number;
  received: number;
  file: string;
  writing: boolean;
}

/** Uploads in progress or waiting for their import, per session, by upload id; a closed session's are deleted. */
const uploads = sessionRegistry<Upload>((u) => remove(u.file));
const pruned = new Set<string>();
const STALE_MS = 24 * 3600 * 1000;

/** The folder a session's upload temp files live in. */
export function uploadsDir(session: Session): string {
  return path.join(session.stateDir, 'uploads');
}

function remove(file: string): void {
  fs.rmSync(file, { force: true });
}

function pruneStale(dir: string): void {
  if (pruned.has(dir)) return;
  pruned.add(dir);
  const now = Date.now();
  for (const f of fs.readdirSync(dir)) {
    const p = path.join(dir, f);
    try {
      if (now - fs.statSync(p).mtimeMs > STALE_MS) remove(p);
    } catch {
      // Gone meanwhile: nothing to prune.
    }
  }
}

function find(session: Session, uploadId: string): Upload {
  const u = uploads.get(session, uploadId);
  if (!u) throw new UserError('dataset.noUpload', 'That upload is gone (cancelled or already imported); choose the file again.');
  return u;
}

/** Starts an upload of `size` bytes into a new, empty temp file. */
export function startUpload(session: Session, name: string, size: number): { uploadId: string } {
  if (session.mode !== 'browser') throw new UserError('dataset.noUpload', 'The desktop app reads files where they are; uploads are for browser mode.');
  const dir = uploadsDir(session);
  fs.mkdirSync(dir, { recursive: true });
  // The state folder may sit inside a projects folder others can write to: never follow a link planted as uploads/.
  if (!fs.lstatSync(dir).isDirectory()) throw new UserError('dataset.uploadFolder', `The uploads folder (${dir}) is a symbolic link or not a folder; Neurite will not write through it. Remove it and try again.`);
  pruneStale(dir);
  const uploadId = `up-${randomBytes(9).toString('base64url')}`;
  const file = path.join(dir, `${uploadId}.part`);
  fs.writeFileSync(file, '', { flag: 'wx' });
  uploads.of(session).set(uploadId, { name: path.basename(name), size, received: 0, file, writing: false });
  return { uploadId };
}

/** Appends the next chunk; chunks must arrive in order, one at a time, and never past the announced size. */
export async function appendChunk(session: Session, uploadId: string, offset: number, base64: string): Promise<{ received: number }> {
  const u = find(session, uploadId);
  if (u.writing) throw new UserError('dataset.uploadOrder', 'Send the next chunk only after the previous one was acknowledged.');
  if (offset !== u.received) throw new UserError('dataset.uploadOrder', `The upload expected offset ${u.received}, got ${offset}.`);
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length > UPLOAD_CHUNK_MAX_BYTES) throw new UserError('dataset.uploadTooBig', `A chunk holds at most ${UPLOAD_CHUNK_MAX_BYTES} bytes.`);
  if (u.received + bytes.length > u.size) throw new UserError('dataset.uploadTooBig', `"${u.name}" was announced as ${u.size} bytes; this chunk goes past its end.`);
  u.writing = true;
  try {
    // Appended through a descriptor that refuses a link swapped in for the temp file.
    const handle = await fs.promises.open(u.file, fs.constants.O_WRONLY | fs.constants.O_APPEND | (fs.constants.O_NOFOLLOW ?? 0));
    try {
      await handle.appendFile(bytes);
    } finally {
      await handle.close();
    }
    u.received += bytes.length;
  } finally {
    u.writing = false;
  }
  return { received: u.received };
}

/** The temp file of a complete upload and the name the user knows it by. */
export function uploadedFile(session: Session, uploadId: string): { file: string; name: string } {
  const u = find(session, uploadId);
  if (u.writing || u.received !== u.size) throw new UserError('dataset.uploadIncomplete', `"${u.name}" is not fully uploaded yet (${u.received} of ${u.size} bytes).`);
  return { file: u.file, name: u.name };
}

/** Deletes an upload's temp file; false when there was no such upload. */
export function discardUpload(session: Session, uploadId: string): boolean {
  const u = uploads.get(session, uploadId);
  if (!u) return false;
  uploads.of(session).delete(uploadId);
  remove(u.file);
  return true;
}
