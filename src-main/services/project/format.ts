import pkg from '../../../package.json';

/** `PRAGMA application_id` of every Neurite project: "NRTE" in ASCII, so other tools can tell the file type. */
export const NEURITE_APPLICATION_ID = 0x4e525445;

/** The project file format this build writes (`PRAGMA user_version`); bump it with a migration and a fixture. */
export const PROJECT_FORMAT_VERSION = 2;

/** The version of this Neurite build, written into every saved project. */
export const APP_VERSION: string = pkg.version;

/** "0.1.0" → "0.1" for messages; other versions are shown as they are. */
export function shortVersion(version: string): string {
  const m = /^(\d+\.\d+)\.0$/.exec(version);
  return m ? m[1] : version;
}
