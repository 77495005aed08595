import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_EXTENSION } from '../../../src-shared/model/project';
import { fileSystemError, kindOf } from '../safe-fs';
import type { Session } from '../session';
import { fail, quoted } from './messages';

/** Resolves symlinks in the existing part of a path (the file itself may not exist yet). */
function realish(abs: string): string {
  try {
    return fs.realpathSync(abs);
  } catch {
    // Missing (or a dangling link, which then stays as itself: a save replaces the link, never writes through it).
    const dir = path.dirname(abs);
    if (dir === abs) return abs;
    return path.join(realish(dir), path.basename(abs));
  }
}

function inside(root: string, target: string): boolean {
  const rel = path.relative(root, target);
  return rel === '' ? false : !rel.startsWith('..') && !path.isAbsolute(rel);
}

/** The real projects folder of a browser session, or a UserError when the server was started without one. */
export function projectsRoot(session: Session): string {
  if (!session.projectsDir) fail('project.noProjectsDir', 'No projects folder was given: start the server with `npm run serve -- --projects-dir <folder>`.');
  try {
    return fs.realpathSync(session.projectsDir);
  } catch {
    fail('project.noProjectsDir', `The projects folder ${session.projectsDir} does not exist.`);
  }
}

/** Longest name of one file or folder most file systems accept, in bytes. */
const MAX_NAME_BYTES = 255;

/** Refuses names no file system should be asked about: NUL, control characters, a name longer than a file system allows. */
function checkNames(p: string, browser: boolean): void {
  if (p.includes('\0')) fail('project.badPath', `${quoted(p)} is not a valid path: it contains a NUL character.`);
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused.
  if (browser && /[\u0001-\u001f\u007f]/.test(p)) fail('project.badPath', `${quoted(p)} is not a valid name: it contains a line break or another control character.`);
  const long = p.split(/[\\/]/).find((seg) => Buffer.byteLength(seg) > MAX_NAME_BYTES);
  if (long !== undefined) fail('project.badPath', `The name ${quoted(long)} is too long (${Buffer.byteLength(long)} bytes; a file name may have at most ${MAX_NAME_BYTES}).`);
}

/**
 * Refuses what must not be opened or replaced as a project: a FIFO, socket or device (opening
 * one would block or read a stream), found by stat, which never blocks. A folder and a missing
 * file are left to the inspection's own messages.
 */
function checkKind(abs: string, purpose: 'open' | 'save'): void {
  let st: fs.Stats;
  try {
    st = fs.statSync(abs);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    if (code === 'ENOTDIR') fail('project.badPath', `${quoted(abs)} cannot be ${purpose === 'open' ? 'opened' : 'saved'}: a part of its path is a file, not a folder.`);
    if (code === 'ELOOP') fail('project.badPath', `${quoted(abs)} cannot be ${purpose === 'open' ? 'opened' : 'saved'}: it is a loop of symbolic links.`);
    throw fileSystemError(err, { name: quoted(abs), action: purpose === 'open' ? 'open' : 'save to' }) ?? err;
  }
  if (st.isFile() || st.isDirectory()) return;
  fail('project.notAFile', purpose === 'open' ? `${quoted(abs)} is ${kindOf(st)}, not a Neurite project file; Neurite opens regular files only.` : `${quoted(abs)} is ${kindOf(st)}; choose another name to save to.`);
}

/**
 * Turns a path from the renderer into an absolute path main may use. Electron: it must be
 * absolute. Browser: it is relative to the projects folder and may not leave it (no `..`,
 * no absolute path, no symlink pointing out). For `save`, `.neurite` is appended when missing.
 * Either way, only a regular file (or nothing yet, for save) is accepted at the end of it.
 */
export function resolveProjectPath(session: Session, given: string, purpose: 'open' | 'save'): string {
  let p = given;
  if (purpose === 'save' && path.extname(p).toLowerCase() !== PROJECT_EXTENSION) p += PROJECT_EXTENSION;
  const browser = session.mode === 'browser';
  checkNames(p, browser);
  let abs: string;
  if (browser) {
    const root = projectsRoot(session);
    if (path.isAbsolute(p) || path.win32.isAbsolute(p) || p.split(/[\\/]/).includes('..')) {
      fail('project.badPath', `${quoted(p)} must be a path inside the projects folder, without "..".`);
    }
    abs = realish(path.resolve(root, p));
    if (!inside(root, abs)) fail('project.badPath', `${quoted(p)} leads outside the projects folder.`);
  } else {
    if (!path.isAbsolute(p)) fail('project.badPath', `${quoted(p)} is not an absolute path.`);
    abs = realish(path.resolve(p));
  }
  checkKind(abs, purpose);
  return abs;
}

/** The path to show the renderer: absolute in Electron, relative to the projects folder (with "/") in browser mode. */
export function rendererPath(session: Session, abs: string): string | null {
  if (session.mode !== 'browser') return abs;
  if (!session.projectsDir) return null;
  let root: string;
  try {
    root = fs.realpathSync(session.projectsDir);
  } catch {
    return null;
  }
  return inside(root, abs) ? path.relative(root, abs).split(path.sep).join('/') : null;
}

/** A project's display name: its file name without the extension. */
export function projectName(abs: string | null): string {
  if (!abs) return 'Untitled';
  const base = path.basename(abs);
  return base.toLowerCase().endsWith(PROJECT_EXTENSION) ? base.slice(0, -PROJECT_EXTENSION.length) : base;
}
