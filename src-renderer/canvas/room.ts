/**
 * Room on the canvas for what the overlays draw under each card: whether neurons' drawings would overlap
 * at their current positions, and the smallest spread of the positions that ends it. Pure: unit-tested.
 */
import type { Network, Neuron } from '../../src-shared/model/network';
import { moveNeurons } from '../state/network-edits';
import { CARD, MIN_GAP, nodeHeight, type NodeExtras } from './node-extent';

/** Neurons whose cards overlap across (|Δx| < card width) form one column, sorted top to bottom. */
function columnsOf(net: Network): Neuron[][] {
  const byX = [...net.neurons].sort((a, b) => a.position.x - b.position.x);
  const cols: Neuron[][] = [];
  let start = -Infinity;
  for (const n of byX) {
    if (n.position.x - start >= CARD.width) {
      cols.push([]);
      start = n.position.x;
    }
    cols[cols.length - 1].push(n);
  }
  return cols.map((c) => c.sort((a, b) => a.position.y - b.position.y || a.position.x - b.position.x));
}

/** Whether any two neurons' drawings (card and extras) overlap, or come closer than `gap` down a column. */
export function needsRoom(net: Network, extras: NodeExtras, gap: number = MIN_GAP.y): boolean {
  const h = nodeHeight(extras) + gap;
  for (const col of columnsOf(net)) for (let k = 1; k < col.length; k++) if (col[k].position.y - col[k - 1].position.y < h && Math.abs(col[k].position.x - col[k - 1].position.x) < CARD.width) return true;
  return false;
}

/**
 * Spreads each column downwards just enough that no drawing overlaps the one above it, then re-centres the
 * column on its old centre, so a layered layout stays layered and centred. Returns the same document when
 * there is room already.
 */
export function makeRoom(net: Network, extras: NodeExtras, gap: number = MIN_GAP.y): Network {
  const h = nodeHeight(extras) + gap;
  const positions = new Map<string, { x: number; y: number }>();
  for (const col of columnsOf(net)) {
    const ys = col.map((n) => n.position.y);
    const next = [...ys];
    for (let k = 1; k < next.length; k++) next[k] = Math.max(ys[k], next[k - 1] + h);
    const shift = (ys[0] + ys[ys.length - 1]) / 2 - (next[0] + next[next.length - 1]) / 2;
    col.forEach((n, k) => positions.set(n.id, { x: n.position.x, y: Math.round(next[k] + shift) }));
  }
  return moveNeurons(net, positions);
}
