/**
 * Dataset rows with their forward pass, asked for before the user steps to them: after a step draws row n, rows n − 1
 * and n + 1 are fetched in the background, so the next `[` or `]` draws from memory without a round trip to main.
 * Kept per network object (every edit makes a new one, so an edit starts over) and only a few at a time.
 */
import type { ResponseOf } from '../../src-shared/api';
import type { Network } from '../../src-shared/model/network';
import type { OverlaySplit } from '../../src-shared/overlay/contract';
import { api } from '../api';
import { withNetworkKey } from './network-key';

/** A dataset row as `overlay.datasetRow` answers it. */
export type RowReply = ResponseOf<'overlay.datasetRow'>;

/** Which row, and whether its forward pass comes with it. */
export interface RowQuery {
  datasetId: string;
  split: OverlaySplit;
  position: number;
  forward: boolean;
}

interface Entry {
  reply?: RowReply;
  pending: Promise<RowReply>;
}

/** Rows kept per network: the drawn one and its neighbours, with room for a step back and forth. */
const KEEP = 6;
const byNetwork = new WeakMap<Network, Map<string, Entry>>();

const keyOf = (q: RowQuery) => `${q.datasetId}\u0000${q.split}\u0000${q.position}\u0000${q.forward}`;

function entry(network: Network, q: RowQuery): Entry {
  let rows = byNetwork.get(network);
  if (!rows) byNetwork.set(network, (rows = new Map()));
  const key = keyOf(q);
  let e = rows.get(key);
  if (!e) {
    const { datasetId, split, position, forward } = q;
    const pending = withNetworkKey(network, (ref) => api.request('overlay.datasetRow', { ...ref, datasetId, split, position, forward }));
    const made: Entry = { pending };
    e = made;
    rows.set(key, made);
    pending.then(
      (r) => (made.reply = r),
      () => rows.delete(key),
    );
    while (rows.size > KEEP) rows.delete(rows.keys().next().value!);
  }
  return e;
}

/** The row: already here (`now`, drawn at once) or on its way. */
export function requestRow(network: Network, q: RowQuery): { now: RowReply | undefined; later: Promise<RowReply> } {
  const e = entry(network, q);
  return { now: e.reply, later: e.pending };
}

/** Fetches the rows on either side of `q` (within the split's `total` rows) in the background. */
export function fetchAround(network: Network, q: RowQuery, total: number): void {
  for (const position of [q.position + 1, q.position - 1]) {
    if (position >= 0 && position < total) entry(network, { ...q, position }).pending.catch(() => undefined);
  }
}
