/**
 * The first-launch example is offered once per state dir: a marker file remembers that it was,
 * so reloading a fresh projects folder (or restarting the app before saving anything) does not
 * replace the canvas with the example again. NEURITE_NO_EXAMPLE=1 (`--no-example`) switches it off.
 */
import fs from 'node:fs';
import path from 'node:path';

const MARKER = 'welcome-example-offered';

/** True when this state dir has never offered the first-launch example and it is not switched off. */
export function offersWelcomeExample(stateDir: string): boolean {
  if (process.env.NEURITE_NO_EXAMPLE === '1') return false;
  return !fs.existsSync(path.join(stateDir, MARKER));
}

/** Remembers that the first-launch example was offered. */
export function markWelcomeExampleOffered(stateDir: string): void {
  fs.mkdirSync(stateDir, { recursive: true });
  fs.writeFileSync(path.join(stateDir, MARKER), `${new Date().toISOString()}\n`);
}
