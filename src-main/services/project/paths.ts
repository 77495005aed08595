import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_EXTENSION } from '../../../src-shared/model/project';
import type { Session } from '../session';
import { fail, quoted } from './messages';

/** Resolves symlinks in the existing part of a path (the file itself may not exist yet). */
function realish(abs: string): string {
  try {
    return fs.realpathSync(abs);
  } catch {
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

/**
 * Turns a path from the renderer into an absolute path main may use. Electron: it must be
 * absolute. Browser: it is relative to the projects folder and may not leave it (no `..`,
 * no absolute path, no symlink pointing out). For `save`, `.neurite` is appended when missing.
 */
export function resolveProjectPath(session: Session, given: string, purpose: 'open' | 'save'): string {
  let p = given;
  if (purpose === 'save' && path.extname(p).toLowerCase() !== PROJECT_EXTENSION) p += PROJECT_EXTENSION;
  if (session.mode === 'browser') {
    const root = projectsRoot(session);
    if (path.isAbsolute(p) || path.win32.isAbsolute(p) || p.split(/[\\/]/).includes('..') || p.includes('\0')) {
      fail('project.badPath', `${quoted(p)} must be a path inside the projects folder, without "..".`);
    }
    const real = realish(path.resolve(root, p));
    if (!inside(root, real)) fail('project.badPath', `${quoted(p)} leads outside the projects folder.`);
    return real;
  }
  if (!path.isAbsolute(p) || p.includes('\0')) fail('project.badPath', `${quoted(p)} is not an absolute path.`);
  return realish(path.resolve(p));
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
