import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/snap/bin/chromium'];

/** Flags for a quiet headless Chromium that never reaches the network on its own. */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** The Chromium to drive: $NEURITE_CHROMIUM, else the usual system paths; Playwright never downloads one. */
export function findChromium(): string {
  const fromEnv = process.env.NEURITE_CHROMIUM;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`NEURITE_CHROMIUM=${fromEnv} does not exist.`);
    return fromEnv;
  }
  const found = CANDIDATES.find((p) => existsSync(p));
  if (!found) throw new Error('No Chromium found. Install one: sudo apt-get install -y chromium (Debian/Ubuntu), or set NEURITE_CHROMIUM=/path/to/chrome.');
  return found;
}
