import path from 'node:path';
import { errnoSentence } from '../safe-fs';
import { UserError } from '../user-error';
import { APP_VERSION, PROJECT_FORMAT_VERSION, shortVersion } from './format';

/** Stable codes of the project service's failures (the renderer may branch on them; users read the message). */
export type ProjectErrorCode =
  | 'project.notFound'
  | 'project.isFolder'
  | 'project.notAFile'
  | 'project.notSqlite'
  | 'project.damaged'
  | 'project.foreignSchema'
  | 'project.tooBig'
  | 'project.notNeurite'
  | 'project.newerVersion'
  | 'project.readOnlyFile'
  | 'project.readOnlyFolder'
  | 'project.alreadyOpen'
  | 'project.unreadable'
  | 'project.noPath'
  | 'project.badPath'
  | 'project.noDialog'
  | 'project.noProjectsDir'
  | 'project.notOpen'
  | 'project.saveFailed'
  | 'project.recoveryGone';

/** Throws a user-facing project error. */
export function fail(code: ProjectErrorCode, message: string): never {
  throw new UserError(code, message);
}

/** A file as messages name it: its base name in quotes. */
export function quoted(file: string): string {
  return `"${path.basename(file)}"`;
}

/** The message for a project written by a newer Neurite. */
export function newerVersionMessage(file: string, appVersion: string | null, format: number): string {
  const made = appVersion ? `Neurite ${shortVersion(appVersion)} (file format ${format})` : `a newer Neurite (file format ${format})`;
  return `${quoted(file)} was made with ${made}; this is Neurite ${shortVersion(APP_VERSION)} (format ${PROJECT_FORMAT_VERSION}). Update Neurite to open it.`;
}

/** The text of an unknown error, for wrapping it into a user message (a file system failure in plain words, not its errno text). */
export function reason(err: unknown): string {
  return errnoSentence(err) ?? (err instanceof Error ? err.message : String(err));
}
