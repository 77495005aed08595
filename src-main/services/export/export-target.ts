/**
 * Where an export is written: the desktop app asks with a native save dialog; browser mode writes into the
 * projects folder under the given name (never over an existing file, never outside the folder).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Session } from '../session';
import { UserError } from '../user-error';

/** The absolute path to write, or null when the user cancelled the dialog. */
export async function exportTarget(session: Session, name: string): Promise<string | null> {
  if (session.pickPath) return session.pickPath('export', name);
  const root = session.projectsDir;
  if (!root) throw new UserError('export.noFolder', 'This server has no projects folder to write exports into.');
  if (name !== path.basename(name) || name === '.' || name === '..' || name.includes('\0')) throw new UserError('export.badName', `"${name}" must be a plain file name, without folders.`);
  const target = path.join(root, name);
  if (fs.existsSync(target)) throw new UserError('export.exists', `${name} already exists in the projects folder; choose another name.`);
  return target;
}

/** Writes a folder of files (an existing folder is refused rather than mixed into). */
export function writeFolder(dir: string, files: Record<string, string | Uint8Array>): void {
  if (fs.existsSync(dir)) throw new UserError('export.exists', `${path.basename(dir)} already exists; choose another name.`);
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content);
}
