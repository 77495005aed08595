import fs from 'node:fs';
import path from 'node:path';
import type { Session } from '../session';
import { UserError } from '../user-error';

/**
 * The absolute path of a CSV the renderer named: any absolute path in Electron (it came from
 * the native dialog or a drop); in browser mode only a relative path inside the projects
 * folder, so a web page cannot make main read arbitrary files.
 */
export function resolveInside(session: Session, given: string): string {
  if (given.includes('\0')) throw new UserError('dataset.badPath', `"${given.slice(0, 200)}" is not a valid path.`);
  if (session.mode === 'browser') {
    const root = session.projectsDir;
    if (!root) throw new UserError('dataset.badPath', 'This server has no projects folder to read data files from; upload the file instead.');
    if (path.isAbsolute(given) || path.win32.isAbsolute(given) || given.split(/[\\/]/).includes('..')) {
      throw new UserError('dataset.badPath', `"${given}" must be a path inside the projects folder, without "..".`);
    }
    // Resolve links too: a symlink inside the folder must not lead out of it.
    const real = (p: string) => {
      try {
        return fs.realpathSync(p);
      } catch {
        return path.resolve(p);
      }
    };
    const rootReal = real(root);
    const target = real(path.resolve(root, given));
    if (target !== rootReal && !target.startsWith(rootReal + path.sep)) throw new UserError('dataset.badPath', `"${given}" leads outside the projects folder.`);
    return target;
  }
  if (!path.isAbsolute(given)) throw new UserError('dataset.badPath', `"${given}" is not an absolute path.`);
  return path.resolve(given);
}
