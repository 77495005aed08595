/**
 * The networks the overlay named with `overlay.network`, per session: a sample step then carries a short key
 * instead of the whole network, so it is neither sent, parsed nor validated again (it was validated when held).
 */
import type { Network } from '../../../src-shared/model/network';
import type { Session } from '../session';
import { sessionRegistry } from '../session-registry';
import { UserError } from '../user-error';

/** Networks held per session: the current one and a few recent ones whose answers may still be on their way. */
const PER_SESSION = 4;

// A held network is plain data: nothing to release when its session closes.
const held = sessionRegistry<Network>(() => {});
let next = 1;

/** Holds a validated network for the session and returns its key (unique in this process, so the worker can share it). */
export function holdNetwork(session: Session, network: Network): string {
  const key = `net-${next++}`;
  const mine = held.of(session);
  mine.set(key, network);
  while (mine.size > PER_SESSION) mine.delete(mine.keys().next().value!);
  return key;
}

/** The network the request names: the one it carries, or the one held under its key; a UserError (`overlay.staleNetwork`) when that key is no longer held. */
export function requestNetwork(session: Session, p: { network?: Network; networkKey?: string }): { network: Network; networkKey?: string } {
  if (p.network) return { network: p.network };
  const network = p.networkKey ? held.get(session, p.networkKey) : undefined;
  if (!network) throw new UserError('overlay.staleNetwork', 'The overlay asked about a network main no longer holds; it sends it again.');
  return { network, networkKey: p.networkKey };
}
