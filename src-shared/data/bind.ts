/**
 * Binding a network to a dataset: one input neuron per encoded feature and one output neuron
 * per output (a softmax group per class target), matched by label, so re-importing keeps the
 * hidden neurons, the wiring and the trained weights of every neuron whose name still matches.
 */
import { initialWeight } from '../engine/init';
import type { ActivationKind } from '../model/activation-kind';
import { NETWORK_SCHEMA_VERSION, type Network, type Neuron, type SoftmaxGroup, type Synapse } from '../model/network';
import { freshId, takenIds } from '../model/ids';
import { seededRng, type Rng } from '../engine/rng';
import type { DatasetMeta } from './schema';

/** Horizontal gap between layers and vertical gap between neurons (the canvas's auto-layout spacing). */
export const BIND_GAP = { x: 220, y: 84 } as const;

/** What binding needs from a dataset. */
export type BindingMeta = Pick<DatasetMeta, 'features' | 'outputs' | 'targets'>;

/** Options: the seed for new weights (ids are always random, so no two projects share one). */
export interface BindOptions {
  seed?: number;
}

/** Gives the synapses in `fresh` their initial weights by the fan-in and fan-out they have in `synapses` (Glorot, He for ReLU-like targets). */
function initialiseFresh(neurons: readonly Neuron[], synapses: Synapse[], fresh: Set<Synapse>, rng: Rng): Synapse[] {
  if (!fresh.size) return synapses;
  const fanIn = new Map<string, number>();
  const fanOut = new Map<string, number>();
  for (const s of synapses) {
    fanIn.set(s.target, (fanIn.get(s.target) ?? 0) + 1);
    fanOut.set(s.source, (fanOut.get(s.source) ?? 0) + 1);
  }
  const activation = new Map(neurons.map((n) => [n.id, n.activation]));
  const dale = new Map(neurons.map((n) => [n.id, n.dale]));
  return synapses.map((s) => {
    if (!fresh.has(s)) return s;
    const w = initialWeight(activation.get(s.target) ?? 'identity', fanIn.get(s.target) ?? 1, fanOut.get(s.source) ?? 1, rng);
    const sign = dale.get(s.source);
    return { ...s, weight: sign === 'E' ? Math.abs(w) : sign === 'I' ? -Math.abs(w) : w };
  });
}

/** Lays `ids` out in a vertical column at x, centred on `cy`. */
function column(ids: string[], x: number, cy: number): Map<string, { x: number; y: number }> {
  return new Map(ids.map((id, k) => [id, { x, y: cy + (k - (ids.length - 1) / 2) * BIND_GAP.y }]));
}

/**
 * Creates or rebinds the input and output neurons of `net` for a dataset. Inputs and outputs
 * whose labels match a feature or output keep their id, position, bias and synapses; the rest
 * are removed with their synapses; new ones are wired to the first hidden layer (inputs) or
 * from the last one (outputs), or straight input→output when there is no hidden neuron.
 */
export function bindNetworkToDataset(net: Network, meta: BindingMeta, options: BindOptions = {}): Network {
  const rng = seededRng(options.seed ?? 1);
  const taken = takenIds(net);
  const inputByLabel = new Map<string, Neuron>();
  const outputByLabel = new Map<string, Neuron>();
  for (const n of net.neurons) {
    if (n.role === 'input' && !inputByLabel.has(n.label)) inputByLabel.set(n.label, n);
    if (n.role === 'output' && !outputByLabel.has(n.label)) outputByLabel.set(n.label, n);
  }
  const hidden = net.neurons.filter((n) => n.role === 'hidden');
  const hiddenIds = new Set(hidden.map((n) => n.id));

  const make = (role: 'input' | 'output', label: string, activation: ActivationKind): Neuron => ({
    id: freshId('n-', taken),
    role,
    label,
    activation,
    bias: 0,
    position: { x: 0, y: 0 },
    dale: null,
  });
  const inputs = meta.features.map((f) => inputByLabel.get(f.name) ?? make('input', f.name, 'identity'));
  const outputs = meta.outputs.map((o) => {
    const old = outputByLabel.get(o.name);
    return old ?? make('output', o.name, o.activation === 'sigmoid' ? 'sigmoid' : 'identity');
  });
  const keptIds = new Set([...inputs, ...outputs].map((n) => n.id).filter((id) => net.neurons.some((n) => n.id === id)));
  const newInputs = inputs.filter((n) => !keptIds.has(n.id));
  const newOutputs = outputs.filter((n) => !keptIds.has(n.id));
  const alive = new Set([...hiddenIds, ...inputs.map((n) => n.id), ...outputs.map((n) => n.id)]);
  const synapses: Synapse[] = net.synapses.filter((s) => alive.has(s.source) && alive.has(s.target));

  // Layers for wiring new neurons: who the kept inputs feed, who feeds the kept outputs.
  const keptInputIds = new Set(inputs.filter((n) => keptIds.has(n.id)).map((n) => n.id));
  const keptOutputIds = new Set(outputs.filter((n) => keptIds.has(n.id)).map((n) => n.id));
  let first = hidden.filter((h) => synapses.some((s) => s.target === h.id && keptInputIds.has(s.source))).map((h) => h.id);
  if (!first.length) first = hidden.filter((h) => !synapses.some((s) => s.target === h.id && hiddenIds.has(s.source))).map((h) => h.id);
  let last = hidden.filter((h) => synapses.some((s) => s.source === h.id && keptOutputIds.has(s.target))).map((h) => h.id);
  if (!last.length) last = hidden.filter((h) => !synapses.some((s) => s.source === h.id && hiddenIds.has(s.target))).map((h) => h.id);
  const pairs = new Set(synapses.map((s) => `${s.source}>${s.target}`));
  const fresh = new Set<Synapse>();
  const link = (source: string, target: string) => {
    const key = `${source}>${target}`;
    if (pairs.has(key)) return;
    pairs.add(key);
    const s = { id: freshId('s-', taken), source, target, weight: 0 };
    fresh.add(s);
    synapses.push(s);
  };
  if (hidden.length) {
    for (const i of newInputs) for (const h of first) link(i.id, h);
    for (const o of newOutputs) for (const h of last) link(h, o.id);
  } else {
    for (const i of newInputs) for (const o of outputs) link(i.id, o.id);
    for (const o of newOutputs) for (const i of inputs) link(i.id, o.id);
  }

  // Positions: an unchanged side keeps its layout; a changed side is re-laid in dataset order.
  const oldInputs = net.neurons.filter((n) => n.role === 'input');
  const oldOutputs = net.neurons.filter((n) => n.role === 'output');
  const cy = hidden.length ? hidden.reduce((a, n) => a + n.position.y, 0) / hidden.length : 0;
  const hiddenMinX = hidden.length ? Math.min(...hidden.map((n) => n.position.x)) : null;
  const hiddenMaxX = hidden.length ? Math.max(...hidden.map((n) => n.position.x)) : null;
  const positions = new Map<string, { x: number; y: number }>();
  if (newInputs.length || oldInputs.length !== inputs.length) {
    const kept = inputs.filter((n) => keptIds.has(n.id));
    const x = kept.length ? Math.min(...kept.map((n) => n.position.x)) : hiddenMinX !== null ? hiddenMinX - BIND_GAP.x : 0;
    for (const [id, p] of column(inputs.map((n) => n.id), x, cy)) positions.set(id, p);
  }
  if (newOutputs.length || oldOutputs.length !== outputs.length) {
    const kept = outputs.filter((n) => keptIds.has(n.id));
    const inputX = positions.get(inputs[0]?.id ?? '')?.x ?? (inputs[0]?.position.x ?? 0);
    const x = kept.length ? Math.max(...kept.map((n) => n.position.x)) : hiddenMaxX !== null ? hiddenMaxX + BIND_GAP.x : inputX + 2 * BIND_GAP.x;
    for (const [id, p] of column(outputs.map((n) => n.id), x, cy)) positions.set(id, p);
  }
  const place = (n: Neuron): Neuron => (positions.has(n.id) ? { ...n, position: positions.get(n.id)! } : n);

  // Softmax groups: one per class target; groups touching anything else are dropped.
  const groups: SoftmaxGroup[] = [];
  for (const t of meta.targets) {
    if (t.kind !== 'classes') continue;
    const members = outputs.slice(t.outputStart, t.outputStart + t.outputCount).map((n) => n.id);
    const set = new Set(members);
    const same = net.softmaxGroups.find((g) => g.members.length === members.length && g.members.every((m) => set.has(m)));
    groups.push({ id: same?.id ?? freshId('g-', taken), label: t.column, members });
  }

  const neurons = [...inputs.map(place), ...hidden, ...outputs.map(place)];
  return {
    ...net,
    neurons,
    synapses: initialiseFresh(neurons, synapses, fresh, rng),
    softmaxGroups: groups.filter((g) => g.members.length >= 2),
  };
}

/** Options of a starter network. */
export interface StarterOptions {
  hidden?: number[];
  activation?: ActivationKind;
  seed?: number;
}

/** A ready-wired network for a dataset: inputs → dense hidden layers (default 8, 8 tanh) → outputs, laid out by depth; weights by fan-in (Glorot, He for ReLU-like layers). */
export function starterNetwork(meta: BindingMeta, options: StarterOptions = {}): Network {
  const sizes = options.hidden ?? [8, 8];
  const activation = options.activation ?? 'tanh';
  const rng = seededRng((options.seed ?? 1) ^ 0x5eed);
  const taken = new Set<string>();
  const neurons: Neuron[] = [];
  const synapses: Synapse[] = [];
  let prev: string[] = [];
  let label = 1;
  sizes.forEach((size, l) => {
    const ids = Array.from({ length: size }, () => freshId('n-', taken));
    for (const [id, position] of column(ids, (l + 1) * BIND_GAP.x, 0)) {
      neurons.push({ id, role: 'hidden', label: `h${label++}`, activation, bias: 0, position, dale: null });
    }
    for (const t of ids) for (const s of prev) synapses.push({ id: freshId('s-', taken), source: s, target: t, weight: initialWeight(activation, prev.length, size, rng) });
    prev = ids;
  });
  const skeleton: Network = { version: NETWORK_SCHEMA_VERSION, neurons, synapses, softmaxGroups: [], viewport: null };
  return bindNetworkToDataset(skeleton, meta, { seed: options.seed });
}
