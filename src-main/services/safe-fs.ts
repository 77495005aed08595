/**
 * Opening and creating files when the file system is not trusted: only regular files are
 * read (a FIFO, socket, device or folder is refused before any call that could block), and
 * new files are created exclusively without following a symbolic link, so a planted link
 * cannot redirect a write out of the folder the user chose.
 */
import fs from 'node:fs';
import path from 'node:path';
import { UserError } from './user-error';

const { O_RDONLY, O_WRONLY, O_CREAT, O_EXCL, O_NONBLOCK } = fs.constants;
/** Absent on Windows, where links are not a concern of this module. */
const O_NOFOLLOW = fs.constants.O_NOFOLLOW ?? 0;

/** What a file system object is, in words, for messages ("a named pipe (FIFO)"). */
export function kindOf(st: fs.Stats): string {
  if (st.isFile()) return 'a file';
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

/** A name as messages show it: its base name, quoted and cut to a readable length. */
export function shown(file: string): string {
  const base = path.basename(file) || file;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is replaced.
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '?');
  return `"${clean.length > 80 ? `${clean.slice(0, 60)}…${clean.slice(-12)}` : clean}"`;
}

/** Options of `openRegularFile`. */
export interface OpenOptions {
  /** Refuse a symbolic link as the last path component (browser mode: the path was already resolved). */
  noFollow?: boolean;
  /** The code of the UserError for something that is not a regular file. */
  code?: string;
  /** How the message names the file (default: the base name of the path). */
  name?: string;
}

/**
 * Opens a file for reading only when it is a regular file. O_NONBLOCK keeps open() from
 * waiting for a writer on a FIFO, and the check runs on the opened descriptor (fstat), so
 * the file cannot be swapped between the check and the read. Returns the descriptor and size.
 */
export function openRegularFile(file: string, options: OpenOptions = {}): { fd: number; size: number } {
  const name = options.name ?? shown(file);
  // stat first (it never blocks) names a socket or device plainly; open() on one would fail with ENXIO or read a stream.
  checkRegularFile(file, { ...options, name, missingIsError: true });
  let fd: number;
  try {
    fd = fs.openSync(file, O_RDONLY | O_NONBLOCK | (options.noFollow ? O_NOFOLLOW : 0));
  } catch (err) {
    throw fileSystemError(err, { name, action: 'open' }) ?? err;
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) throw new UserError(options.code ?? 'file.notRegular', `${name} is ${kindOf(st)}, not a regular file; Neurite opens regular files only.`);
    return { fd, size: st.size };
  } catch (err) {
    fs.closeSync(fd);
    throw err;
  }
}

/**
 * Refuses anything at `file` that is not a regular file, by lstat/stat alone (which never
 * block): for files another library opens by name (SQLite). Returns null when nothing is there.
 */
export function checkRegularFile(file: string, options: OpenOptions & { allowFolder?: boolean; missingIsError?: boolean } = {}): fs.Stats | null {
  let st: fs.Stats;
  try {
    st = options.noFollow ? fs.lstatSync(file) : fs.statSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !options.missingIsError) return null;
    throw fileSystemError(err, { name: options.name ?? shown(file), action: 'open' }) ?? err;
  }
  if (st.isFile() || (options.allowFolder && st.isDirectory())) return st;
  if (st.isSymbolicLink()) throw new UserError(options.code ?? 'file.notRegular', `${options.name ?? shown(file)} is a symbolic link, which Neurite does not follow here.`);
  throw new UserError(options.code ?? 'file.notRegular', `${options.name ?? shown(file)} is ${kindOf(st)}, not a regular file; Neurite opens regular files only.`);
}

/** Reads a whole file only if it is a regular file (see openRegularFile); throws a UserError otherwise. */
export function readRegularFile(file: string, options: OpenOptions & { maxBytes?: number } = {}): Buffer {
  const handle = openRegularFile(file, options);
  try {
    const max = options.maxBytes ?? 1024 * 1024 * 1024;
    if (handle.size > max) throw new UserError(options.code ?? 'file.tooBig', `${options.name ?? shown(file)} is too large (${(handle.size / 1e6).toFixed(0)} MB; at most ${(max / 1e6).toFixed(0)} MB).`);
    const buf = Buffer.alloc(handle.size);
    let read = 0;
    while (read < handle.size) {
      const n = fs.readSync(handle.fd, buf, read, handle.size - read, read);
      if (n === 0) break;
      read += n;
    }
    return buf.subarray(0, read);
  } finally {
    fs.closeSync(handle.fd);
  }
}

/** Reads a small state file (recent list, journals) as UTF-8 only if it is a regular file, not a link; null when it is missing, is not one, or is too big. */
export function readRegularFileOrNull(file: string, maxBytes = 256 * 1024 * 1024): string | null {
  try {
    return readRegularFile(file, { noFollow: true, maxBytes }).toString('utf8');
  } catch {
    return null;
  }
}

/**
 * Creates a new file with the given content and never anything else: O_CREAT|O_EXCL refuses
 * an existing name, a symbolic link included (a dangling one too, so a link cannot redirect
 * the write), and O_NOFOLLOW says so twice. A partly written file is removed on failure.
 */
export function createFileExclusive(file: string, data: string | Uint8Array, mode = 0o644): void {
  let fd: number;
  try {
    fd = fs.openSync(file, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, mode);
  } catch (err) {
    throw fileSystemError(err, { name: shown(file), action: 'create' }) ?? err;
  }
  try {
    fs.writeFileSync(fd, data);
    fs.closeSync(fd);
  } catch (err) {
    try {
      fs.closeSync(fd);
    } catch {
      // Already closed.
    }
    fs.rmSync(file, { force: true });
    throw fileSystemError(err, { name: shown(file), action: 'write' }) ?? err;
  }
}

/**
 * The real path of `dir` when it lies inside `root` (both resolved through their links), else
 * a UserError: the parent a new file goes into must be inside the folder, not a link out of it.
 */
export function realFolderInside(root: string, dir: string, code: string): string {
  let realRoot: string;
  let real: string;
  try {
    realRoot = fs.realpathSync(root);
    real = fs.realpathSync(dir);
  } catch (err) {
    throw fileSystemError(err, { name: shown(dir), action: 'open' }) ?? err;
  }
  const rel = path.relative(realRoot, real);
  if (rel.startsWith('..') || path.isAbsolute(rel)) throw new UserError(code, `${shown(dir)} leads outside the projects folder.`);
  return real;
}

/** What a user can cause on a file system, in words. */
const ERRNO_SENTENCES: Record<string, string> = {
  ENOENT: 'there is no such file or folder',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'it is a folder, not a file',
  ENAMETOOLONG: 'the name is too long for the file system',
  EACCES: 'permission denied',
  EPERM: 'the operation is not permitted',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EEXIST: 'something with that name already exists',
  ELOOP: 'it is a symbolic link (or a loop of links), which Neurite does not follow here',
  EROFS: 'the file system is read-only',
  EMFILE: 'too many files are open',
  ENFILE: 'too many files are open',
  EBUSY: 'the file is busy',
  ETXTBSY: 'the file is busy',
  EINVAL: 'the name is not valid on this file system',
  EXDEV: 'it lies on another file system',
  ENXIO: 'it is a pipe or device with nothing behind it',
  ENODEV: 'it is a device, not a file',
  EFBIG: 'the file is too large',
  EIO: 'the disk reported an input/output error',
  EAGAIN: 'the file is not ready to be read (a pipe or device?)',
  EOVERFLOW: 'the file is too large',
  ENOTEMPTY: 'the folder is not empty',
};

/** SQLite result codes a user can cause, in words. */
const SQLITE_SENTENCES: Array<[RegExp, string]> = [
  [/^SQLITE_FULL/, 'the disk is full'],
  [/^SQLITE_CANTOPEN/, 'the file or its folder cannot be opened (missing, not a file, or no permission)'],
  [/^SQLITE_READONLY/, 'the file or its folder is read-only'],
  [/^SQLITE_PERM|^SQLITE_AUTH/, 'permission denied'],
  [/^SQLITE_IOERR/, 'the disk reported an input/output error'],
  [/^SQLITE_BUSY|^SQLITE_LOCKED/, 'another program holds the file locked'],
  [/^SQLITE_TOOBIG/, 'a value is too big for SQLite'],
  [/^SQLITE_NOTADB|^SQLITE_CORRUPT/, 'the file is damaged or not a SQLite database'],
];

const ACTIONS: Record<string, string> = {
  open: 'open',
  read: 'read',
  write: 'write',
  create: 'create',
  mkdir: 'create the folder',
  rename: 'replace',
  unlink: 'remove',
  rmdir: 'remove',
  stat: 'look at',
  lstat: 'look at',
  realpath: 'find',
  scandir: 'list',
  copyfile: 'copy',
  fsync: 'write',
  access: 'check',
};

/** The plain words for a file system or SQLite failure a user can cause ("the disk is full"), or null. */
export function errnoSentence(err: unknown): string | null {
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  if (typeof code !== 'string') return null;
  return ERRNO_SENTENCES[code] ?? SQLITE_SENTENCES.find(([re]) => re.test(code))?.[1] ?? null;
}

/**
 * A user-facing UserError for a file system or SQLite failure a user can cause (a long name, a
 * full disk, a missing folder, a link), or null for anything else (a bug, reported as internal).
 */
export function fileSystemError(err: unknown, context: { name?: string; action?: string } = {}): UserError | null {
  if (err instanceof UserError) return err;
  if (typeof err !== 'object' || err === null) return null;
  const e = err as NodeJS.ErrnoException;
  const code = typeof e.code === 'string' ? e.code : '';
  let sentence = ERRNO_SENTENCES[code];
  let errorCode = `file.${code}`;
  if (!sentence && code.startsWith('SQLITE_')) {
    sentence = SQLITE_SENTENCES.find(([re]) => re.test(code))?.[1] ?? '';
    errorCode = `file.${code.toLowerCase()}`;
  }
  if (!sentence) return null;
  const name = context.name ?? (typeof e.path === 'string' ? shown(e.path) : 'the file');
  const action = context.action ?? ACTIONS[e.syscall ?? ''] ?? 'use';
  return new UserError(errorCode, `Neurite could not ${action} ${name}: ${sentence}.`);
}
