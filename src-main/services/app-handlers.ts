import { lstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { name, version } from '../../package.json';
import { writeFileAtomic } from './project/fs-util';
import { offersWelcomeExample } from './dataset/welcome';
import type { Handlers } from './dispatch';

/** Handlers for facts about the app itself, the same in both modes apart from `mode`. */
const prefsFile = (stateDir: string) => join(stateDir, 'ui-prefs.json');

export const appHandlers: Pick<Handlers, 'app.info' | 'app.startupPath' | 'app.closeWindow' | 'network.check' | 'app.getPrefs' | 'app.setPrefs'> = {
  'app.info': async (_payload, session) => ({ name: name === 'neurite' ? 'Neurite' : name, version, mode: session.mode, platform: process.platform, firstLaunchExample: offersWelcomeExample(session.stateDir) }),
  'app.startupPath': async (_payload, session) => ({ path: session.takeStartupPath?.() ?? null }),
  // Browser tabs close themselves; only a desktop window needs main to close it.
  'app.closeWindow': async (_payload, session) => {
    session.closeWindow?.();
    return {};
  },
  // The schema check already ran in the dispatcher; reaching here means the network is well formed.
  'network.check': async ({ network }) => ({ neurons: network.neurons.length, synapses: network.synapses.length }),
  'app.getPrefs': async (_payload, session) => {
    try {
      const file = prefsFile(session.stateDir);
      // A regular file only: a FIFO or a device would block or flood main.
      if (!lstatSync(file).isFile()) return { prefs: null };
      return { prefs: readFileSync(file, 'utf8').slice(0, 4096) };
    } catch {
      return { prefs: null };
    }
  },
  // Only JSON is kept, in the state folder and nowhere else; a failed write loses a preference, nothing more.
  'app.setPrefs': async ({ prefs }, session) => {
    try {
      JSON.parse(prefs);
    } catch {
      return {};
    }
    try {
      writeFileAtomic(prefsFile(session.stateDir), prefs);
    } catch {
      // Best effort, as with the recent list.
    }
    return {};
  },
};
