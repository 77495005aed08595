/**
 * Insert layer: a new column of hidden neurons between source neurons (inputs by default) and
 * target neurons (outputs by default), fully wired from every source and into every target, with
 * the direct source → target synapses removed. One pure edit, shared by the canvas command, the
 * import's "with a hidden layer of N" and `neurite import --hidden`.
 */
import { initialWeight } from '../engine/init';
import type { ActivationKind } from './activation-kind';
import type { Network, Neuron, Synapse } from './network';

/** Horizontal distance between layers and vertical distance between neurons (the canvas's auto-layout spacing). */
export const LAYER_GAP = { x: 220, y: 84 } as const;

/** Most neurons one insertion adds. */
export const MAX_LAYER_SIZE = 512;

/** What to insert, and where ids and random numbers come from (the canvas passes its id helper). */
export interface InsertLayerOptions {
  /** Neurons the layer is fed by; empty means every input. Outputs are left out. */
  sources: readonly string[];
  /** Neurons the layer feeds; empty means every output. Inputs are left out. */
  targets: readonly string[];
  count: number;
  activation: ActivationKind;
  /** A fresh id with this prefix ('n-' neurons, 's-' synapses), unused in the network. */
  newId(prefix: 'n-' | 's-'): string;
  /** Uniform numbers in [0, 1) for the new weights. */
  rng(): number;
}

/** The result: the new document, the new neurons' ids and how many direct synapses went. */
export type InsertLayerResult = { ok: true; network: Network; ids: string[]; removed: number } | { ok: false; reason: string };

function freeLabels(net: Network): () => string {
  const used = new Set(net.neurons.map((n) => n.label));
  let k = 1;
  return () => {
    while (used.has(`h${k}`)) k++;
    used.add(`h${k}`);
    return `h${k}`;
  };
}

/** Every neuron with a path into one of `ids`. */
function ancestors(net: Network, ids: Set<string>): Set<string> {
  const into = new Map<string, string[]>();
  for (const s of net.synapses) into.set(s.target, [...(into.get(s.target) ?? []), s.source]);
  const seen = new Set<string>();
  const stack = [...ids];
  while (stack.length)
    for (const from of into.get(stack.pop()!) ?? [])
      if (!seen.has(from)) {
        seen.add(from);
        stack.push(from);
      }
  return seen;
}

/** Which neurons an insertion would use for a selection: non-outputs as sources (default every input), outputs as targets (default every output). */
export function layerEnds(net: Network, selected: readonly string[]): { sources: string[]; targets: string[] } {
  const byId = new Map(net.neurons.map((n) => [n.id, n]));
  const picked = selected.map((id) => byId.get(id)).filter((n): n is Neuron => !!n);
  const sources = picked.filter((n) => n.role !== 'output').map((n) => n.id);
  const targets = picked.filter((n) => n.role === 'output').map((n) => n.id);
  return {
    sources: sources.length ? sources : net.neurons.filter((n) => n.role === 'input').map((n) => n.id),
    targets: targets.length ? targets : net.neurons.filter((n) => n.role === 'output').map((n) => n.id),
  };
}

/**
 * Inserts a layer of `count` neurons between sources and targets. New weights use the initialiser
 * by fan-in (Glorot, He for ReLU-like targets), with the sign a Dale-marked source requires.
 * Neurons at or right of the targets move right when there is no room for a column between.
 */
export function insertLayer(net: Network, o: InsertLayerOptions): InsertLayerResult {
  const count = Math.floor(o.count);
  if (!(count >= 1 && count <= MAX_LAYER_SIZE)) return { ok: false, reason: `A layer has 1 to ${MAX_LAYER_SIZE} neurons.` };
  const byId = new Map(net.neurons.map((n) => [n.id, n]));
  const sources = [...new Set(o.sources.length ? o.sources : net.neurons.filter((n) => n.role === 'input').map((n) => n.id))]
    .map((id) => byId.get(id))
    .filter((n): n is Neuron => !!n && n.role !== 'output');
  const targets = [...new Set(o.targets.length ? o.targets : net.neurons.filter((n) => n.role === 'output').map((n) => n.id))]
    .map((id) => byId.get(id))
    .filter((n): n is Neuron => !!n && n.role !== 'input');
  if (!sources.length) return { ok: false, reason: 'There is nothing to feed the layer: add input neurons, or select the neurons it should be fed by.' };
  if (!targets.length) return { ok: false, reason: 'There is nothing for the layer to feed: add output neurons, or select the outputs it should feed.' };
  const sourceIds = new Set(sources.map((n) => n.id));
  const targetIds = new Set(targets.map((n) => n.id));
  // A target that feeds a source would close a cycle through the new layer.
  const up = ancestors(net, sourceIds);
  for (const t of targets) {
    if (sourceIds.has(t.id)) return { ok: false, reason: `"${t.label}" cannot both feed the layer and be fed by it.` };
    if (up.has(t.id)) return { ok: false, reason: `"${t.label}" feeds the neurons the layer would be fed by, so wiring the layer into it would make a cycle.` };
  }

  const direct = net.synapses.filter((s) => sourceIds.has(s.source) && targetIds.has(s.target));
  const directIds = new Set(direct.map((s) => s.id));
  const kept = net.synapses.filter((s) => !directIds.has(s.id));
  const fanIn = new Map<string, number>();
  const fanOut = new Map<string, number>();
  for (const s of kept) {
    fanIn.set(s.target, (fanIn.get(s.target) ?? 0) + 1);
    fanOut.set(s.source, (fanOut.get(s.source) ?? 0) + 1);
  }

  // Place the layer between its two ends, making room when they are too close.
  const sx = Math.max(...sources.map((n) => n.position.x));
  const tx = Math.min(...targets.map((n) => n.position.x));
  const shift = tx - sx >= 2 * LAYER_GAP.x ? 0 : sx + 2 * LAYER_GAP.x - tx;
  const x = shift ? sx + LAYER_GAP.x : (sx + tx) / 2;
  const ends = [...sources, ...targets];
  const cy = ends.reduce((a, n) => a + n.position.y, 0) / ends.length;
  const label = freeLabels(net);
  const layer: Neuron[] = Array.from({ length: count }, (_, k) => ({
    id: o.newId('n-'),
    role: 'hidden',
    label: label(),
    activation: o.activation,
    bias: 0,
    position: { x, y: cy + (k - (count - 1) / 2) * LAYER_GAP.y },
    dale: null,
  }));

  const signed = (w: number, from: Neuron) => (from.dale === 'E' ? Math.abs(w) : from.dale === 'I' ? -Math.abs(w) : w);
  const added: Synapse[] = [];
  for (const h of layer)
    for (const s of sources)
      added.push({ id: o.newId('s-'), source: s.id, target: h.id, weight: signed(initialWeight(o.activation, sources.length, (fanOut.get(s.id) ?? 0) + count, o.rng), s) });
  for (const t of targets)
    for (const h of layer) added.push({ id: o.newId('s-'), source: h.id, target: t.id, weight: initialWeight(t.activation, (fanIn.get(t.id) ?? 0) + count, targets.length, o.rng) });

  const neurons = shift
    ? net.neurons.map((n) => (n.position.x >= tx && !sourceIds.has(n.id) ? { ...n, position: { x: n.position.x + shift, y: n.position.y } } : n))
    : net.neurons;
  return { ok: true, network: { ...net, neurons: [...neurons, ...layer], synapses: [...kept, ...added] }, ids: layer.map((n) => n.id), removed: direct.length };
}

/**
 * Inserts hidden layers of the given sizes one after another between every input and every
 * output (what the import's "with a hidden layer of N" and `neurite import --hidden 16,8` do).
 */
export function insertHiddenLayers(net: Network, sizes: readonly number[], activation: ActivationKind, newId: InsertLayerOptions['newId'], rng: () => number): Network {
  let sources: string[] = [];
  for (const count of sizes) {
    const r = insertLayer(net, { sources, targets: [], count, activation, newId, rng });
    if (!r.ok) throw new Error(r.reason);
    net = r.network;
    sources = r.ids;
  }
  return net;
}
