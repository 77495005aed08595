/**
 * The overlay names its network to main once per network (`overlay.network`) and then sends only the key with each
 * sample step, so a step carries a row position or a few input values, not thousands of synapses.
 */
import { ApiCallError } from '../../src-shared/api';
import type { Network } from '../../src-shared/model/network';
import { api } from '../api';

// Every edit makes a new network object, so the object is the version.
const keys = new WeakMap<Network, Promise<string>>();

function keyOf(network: Network): Promise<string> {
  let k = keys.get(network);
  if (!k) {
    k = api.request('overlay.network', { network }).then((r) => r.networkKey);
    keys.set(network, k);
    k.catch(() => keys.delete(network));
  }
  return k;
}

/** Calls `ask` with the network's key; when main no longer holds it (restarted, reconnected), names the network again once. */
export async function withNetworkKey<T>(network: Network, ask: (ref: { networkKey: string }) => Promise<T>): Promise<T> {
  try {
    return await ask({ networkKey: await keyOf(network) });
  } catch (e) {
    if (!(e instanceof ApiCallError) || e.code !== 'overlay.staleNetwork') throw e;
    keys.delete(network);
    return ask({ networkKey: await keyOf(network) });
  }
}
