import { name, version } from '../../package.json';
import { offersWelcomeExample } from './dataset/welcome';
import type { Handlers } from './dispatch';

/** Handlers for facts about the app itself, the same in both modes apart from `mode`. */
export const appHandlers: Pick<Handlers, 'app.info' | 'app.startupPath' | 'app.closeWindow' | 'network.check'> = {
  'app.info': async (_payload, session) => ({ name: name === 'neurite' ? 'Neurite' : name, version, mode: session.mode, platform: process.platform, firstLaunchExample: offersWelcomeExample(session.stateDir) }),
  'app.startupPath': async (_payload, session) => ({ path: session.takeStartupPath?.() ?? null }),
  // Browser tabs close themselves; only a desktop window needs main to close it.
  'app.closeWindow': async (_payload, session) => {
    session.closeWindow?.();
    return {};
  },
  // The schema check already ran in the dispatcher; reaching here means the network is well formed.
  'network.check': async ({ network }) => ({ neurons: network.neurons.length, synapses: network.synapses.length }),
};
