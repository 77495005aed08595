/**
 * The sample's dataset rows: fetched with their forward pass, drawn, and stepped through. Rows are asked for before
 * the user steps to them: after a step draws row n, rows n − 1 and n + 1 are fetched in the background, so the next
 * `[` or `]` draws from memory in the same update as the step, without a round trip to main. Kept per network object
 * (every edit makes a new one, so an edit starts over) and only a few at a time.
 */
import type { ResponseOf } from '../../src-shared/api';
import type { Network } from '../../src-shared/model/network';
import type { OverlaySplit } from '../../src-shared/overlay/contract';
import { api } from '../api';
import { useEditorStore } from '../state/editor-store';
import { withNetworkKey } from './network-key';
import { sampleView } from './overlay-math';
import { useOverlayStore } from './overlay-store';

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

/** The row if it is already here, without asking for it. */
function rowHere(network: Network, q: RowQuery): RowReply | undefined {
  return byNetwork.get(network)?.get(keyOf(q))?.reply;
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

/** Whether a row's forward pass is drawn with it: Contributions on and nothing lesioned. */
export function rowsBringForward(): boolean {
  const s = useOverlayStore.getState();
  return s.mode === 'contributions' && s.lesions.synapses.length + s.lesions.neurons.length === 0;
}

/** Input values whose forward pass came with their dataset row, and the network it was computed for. */
const answered = new WeakMap<object, Network>();

/** Whether these input values' forward pass for `network` came with their row and is drawn. */
export function answeredWithRow(inputs: object, network: Network): boolean {
  return answered.get(inputs) === network;
}

let drawn: { network: Network; reply: RowReply } | null = null;

/** Whether `reply` is the row last drawn for `network`. */
export function drawnAlready(network: Network, reply: RowReply): boolean {
  return drawn !== null && drawn.network === network && drawn.reply === reply;
}

/** Makes a row the sample: its input values, its place in the split and, when it brought one, its forward pass. */
export function drawRow(network: Network, r: RowReply): void {
  const store = useOverlayStore.getState();
  const ids = network.neurons.filter((n) => n.role === 'input').map((n) => n.id);
  store.setInputs(Object.fromEntries(ids.map((id, k) => [id, r.inputs[k]])), r.row);
  store.setSource({ total: r.total, label: r.label, truth: r.truth ?? null });
  if (r.forward && rowsBringForward()) {
    const view = sampleView(r.forward);
    answered.set(useOverlayStore.getState().inputs, network);
    store.setResults(network, { sample: view, baseline: view, error: null, drawnRow: r.row });
  }
  drawn = { network, reply: r };
}

/** Moves the sample to the previous or next row of its dataset split (nothing without a dataset sample); a row fetched ahead is drawn in the same update. */
export function stepSample(delta: number): void {
  const { source, setSource } = useOverlayStore.getState();
  if (!source.datasetId) return;
  const position = Math.max(0, Math.min(Math.max(0, source.total - 1), source.position + delta));
  if (position === source.position) return;
  setSource({ position });
  const network = useEditorStore.getState().network;
  const ahead = rowHere(network, { datasetId: source.datasetId, split: source.split, position, forward: rowsBringForward() });
  if (ahead) drawRow(network, ahead);
}
