/**
 * Every edit the canvas can make, as a pure function from one network document to the next.
 * The store commits their results to the undo history; nothing here touches React or the DOM.
 */
import type { ActivationKind } from '../../src-shared/model/activation-kind';
import { connectionRefusal, depths } from '../../src-shared/model/graph';
import { insertLayer, layerEnds, type InsertLayerResult } from '../../src-shared/model/insert-layer';
import { migrateNetwork } from '../../src-shared/model/migrate';
import type { DaleSign, Network, Neuron, NeuronRole, Synapse } from '../../src-shared/model/network';
import { freshId, takenIds } from './ids';

/** A source of uniform numbers in [0, 1); tests pass a seeded one. */
export type Rng = () => number;

/** Label prefixes per role: x1… inputs, h1… hidden, y1… outputs. */
export const LABEL_PREFIX: Record<NeuronRole, string> = { input: 'x', hidden: 'h', output: 'y' };

/** The activation a new neuron of each role starts with. */
export const DEFAULT_ACTIVATION: Record<NeuronRole, ActivationKind> = { input: 'identity', hidden: 'tanh', output: 'identity' };

/** Horizontal distance between layers and vertical distance between neurons in auto-layout. */
export const LAYOUT_GAP = { x: 220, y: 84 } as const;

/** A new synapse's weight: uniform in ±0.5, small enough not to saturate, never exactly zero. */
export function randomWeight(rng: Rng = Math.random): number {
  const w = (rng() - 0.5) || 0.25;
  return Math.round(w * 1000) / 1000;
}

/** The first label `prefix + k` (k = 1, 2, …) not used in `used`; adds it to `used`. */
function nextFree(prefix: string, used: Set<string>): string {
  for (let k = 1; ; k++) {
    const label = `${prefix}${k}`;
    if (!used.has(label)) {
      used.add(label);
      return label;
    }
  }
}

/** The next free default label for a role (x3 after x1, x2). */
export function nextLabel(net: Network, role: NeuronRole): string {
  return nextFree(LABEL_PREFIX[role], new Set(net.neurons.map((n) => n.label)));
}

/** Adds one neuron of `role` at `position`; returns the document and the new id. */
export function addNeuron(net: Network, role: NeuronRole, position: { x: number; y: number }): { network: Network; id: string } {
  const id = freshId('n-', takenIds(net));
  const neuron: Neuron = { id, role, label: nextLabel(net, role), activation: DEFAULT_ACTIVATION[role], bias: 0, position: { ...position }, dale: null };
  return { network: { ...net, neurons: [...net.neurons, neuron] }, id };
}

/**
 * Adds `count` hidden neurons in a column, each fed by every neuron in `sources` that can feed
 * (outputs are skipped). Placed right of the sources and centred on them, or at `at` when given.
 */
export function addDenseGroup(
  net: Network,
  sources: string[],
  count: number,
  at?: { x: number; y: number },
  rng: Rng = Math.random,
): { network: Network; ids: string[] } {
  const n = Math.max(1, Math.min(512, Math.floor(count)));
  const byId = new Map(net.neurons.map((x) => [x.id, x]));
  const feeders = sources.map((id) => byId.get(id)).filter((x): x is Neuron => !!x && x.role !== 'output');
  let origin = at;
  if (!origin) {
    if (feeders.length) {
      const maxX = Math.max(...feeders.map((f) => f.position.x));
      const meanY = feeders.reduce((a, f) => a + f.position.y, 0) / feeders.length;
      origin = { x: maxX + LAYOUT_GAP.x, y: meanY - ((n - 1) * LAYOUT_GAP.y) / 2 };
    } else origin = { x: 0, y: 0 };
  }
  const taken = takenIds(net);
  const labels = new Set(net.neurons.map((x) => x.label));
  const neurons: Neuron[] = [];
  const synapses: Synapse[] = [];
  for (let k = 0; k < n; k++) {
    const id = freshId('n-', taken);
    neurons.push({
      id,
      role: 'hidden',
      label: nextFree(LABEL_PREFIX.hidden, labels),
      activation: DEFAULT_ACTIVATION.hidden,
      bias: 0,
      position: { x: origin.x, y: origin.y + k * LAYOUT_GAP.y },
      dale: null,
    });
    for (const f of feeders) synapses.push({ id: freshId('s-', taken), source: f.id, target: id, weight: randomWeight(rng) });
  }
  return { network: { ...net, neurons: [...net.neurons, ...neurons], synapses: [...net.synapses, ...synapses] }, ids: neurons.map((x) => x.id) };
}

/** Connects source → target, or says why not (cycle, into an input, out of an output, duplicate). */
export function connect(
  net: Network,
  source: string,
  target: string,
  weight: number = randomWeight(),
): { ok: true; network: Network; id: string } | { ok: false; reason: string } {
  const reason = connectionRefusal(net, source, target);
  if (reason) return { ok: false, reason };
  const id = freshId('s-', takenIds(net));
  return { ok: true, network: { ...net, synapses: [...net.synapses, { id, source, target, weight }] }, id };
}

/** Removes neurons (with every synapse touching them and their softmax membership) and synapses. */
export function deleteElements(net: Network, neuronIds: Iterable<string>, synapseIds: Iterable<string>): Network {
  const gone = new Set(neuronIds);
  const goneS = new Set(synapseIds);
  if (!gone.size && !goneS.size) return net;
  return {
    ...net,
    neurons: net.neurons.filter((n) => !gone.has(n.id)),
    synapses: net.synapses.filter((s) => !goneS.has(s.id) && !gone.has(s.source) && !gone.has(s.target)),
    softmaxGroups: net.softmaxGroups.map((g) => ({ ...g, members: g.members.filter((m) => !gone.has(m)) })).filter((g) => g.members.length >= 2),
  };
}

/** What the inspector can change on neurons in one step (several at once for a multi-selection). */
export interface NeuronPatch {
  label?: string;
  activation?: ActivationKind;
  bias?: number;
  dale?: DaleSign | null;
}

/** Applies a patch to the given neurons; untouched neurons keep their identity (cheap re-render). */
export function updateNeurons(net: Network, ids: Iterable<string>, patch: NeuronPatch): Network {
  const set = new Set(ids);
  if (patch.bias !== undefined && !Number.isFinite(patch.bias)) return net;
  let changed = false;
  const neurons = net.neurons.map((n) => {
    if (!set.has(n.id)) return n;
    const next = { ...n, ...patch };
    if (next.label === n.label && next.activation === n.activation && next.bias === n.bias && next.dale === n.dale) return n;
    changed = true;
    return next;
  });
  return changed ? { ...net, neurons } : net;
}

/**
 * Changes a neuron's role, dropping what the new role forbids: incoming synapses of an input,
 * outgoing synapses of an output, softmax membership of a non-output.
 */
export function setRole(net: Network, id: string, role: NeuronRole): Network {
  const neuron = net.neurons.find((n) => n.id === id);
  if (!neuron || neuron.role === role) return net;
  return {
    ...net,
    neurons: net.neurons.map((n) => (n.id === id ? { ...n, role } : n)),
    synapses: net.synapses.filter((s) => !(role === 'input' && s.target === id) && !(role === 'output' && s.source === id)),
    softmaxGroups: role === 'output' ? net.softmaxGroups : net.softmaxGroups.map((g) => ({ ...g, members: g.members.filter((m) => m !== id) })).filter((g) => g.members.length >= 2),
  };
}

/** Sets one synapse's weight (ignored when not finite). */
export function setWeight(net: Network, synapseId: string, weight: number): Network {
  if (!Number.isFinite(weight)) return net;
  const s = net.synapses.find((x) => x.id === synapseId);
  if (!s || s.weight === weight) return net;
  return { ...net, synapses: net.synapses.map((x) => (x.id === synapseId ? { ...x, weight } : x)) };
}

/** Moves neurons to new positions; a no-op (same document) when nothing actually moved. */
export function moveNeurons(net: Network, positions: Map<string, { x: number; y: number }>): Network {
  let changed = false;
  const neurons = net.neurons.map((n) => {
    const p = positions.get(n.id);
    if (!p || (p.x === n.position.x && p.y === n.position.y)) return n;
    changed = true;
    return { ...n, position: { x: p.x, y: p.y } };
  });
  return changed ? { ...net, neurons } : net;
}

/** Whether two documents differ at most in where neurons sit (what a locked structure still allows). */
export function sameExceptPositions(a: Network, b: Network): boolean {
  if (a.synapses !== b.synapses || a.softmaxGroups !== b.softmaxGroups || a.neurons.length !== b.neurons.length) return false;
  return a.neurons.every((n, i) => {
    const m = b.neurons[i];
    if (n === m) return true;
    const keys = new Set([...Object.keys(n), ...Object.keys(m)]);
    keys.delete('position');
    return [...keys].every((k) => n[k as keyof Neuron] === m[k as keyof Neuron]);
  });
}

/** The document with new weights (one per synapse) and biases (one per neuron), in document order. */
export function withWeights(net: Network, synapseWeights: readonly number[], biases: readonly number[]): Network {
  if (synapseWeights.length !== net.synapses.length || biases.length !== net.neurons.length) return net;
  return {
    ...net,
    synapses: net.synapses.map((s, i) => (s.weight === synapseWeights[i] ? s : { ...s, weight: synapseWeights[i] })),
    neurons: net.neurons.map((n, i) => (n.bias === biases[i] ? n : { ...n, bias: biases[i] })),
  };
}

/**
 * Each neuron's depth level, the column auto-layout puts it in: inputs 0, hidden neurons by their depth from
 * the inputs (at least 1), every output together in a last level of their own.
 */
export function depthLevels(net: Pick<Network, 'neurons' | 'synapses'>): Map<string, number> {
  const depth = depths(net);
  const inner = (n: Neuron) => (n.role === 'input' ? 0 : Math.max(1, depth.get(n.id) ?? 0));
  // Outputs share the last column, right of every input and hidden neuron.
  const lastColumn = Math.max(1, ...net.neurons.map((n) => (n.role === 'output' ? (depth.get(n.id) ?? 0) : inner(n) + 1)));
  return new Map(net.neurons.map((n) => [n.id, n.role === 'output' ? lastColumn : inner(n)]));
}

/**
 * Lays neurons out in columns by depth from the inputs (outputs together in a last column of their own),
 * each column centred on y = 0, keeping the current top-to-bottom order within a column. `rowPitch` (at
 * least LAYOUT_GAP.y) leaves room for what the overlays draw under each card.
 */
export function autoLayout(net: Network, rowPitch: number = LAYOUT_GAP.y): Network {
  const pitch = Math.max(LAYOUT_GAP.y, rowPitch);
  if (!net.neurons.length) return net;
  const columnOf = depthLevels(net);
  const columns = new Map<number, Neuron[]>();
  for (const n of net.neurons) {
    const c = columnOf.get(n.id)!;
    if (!columns.has(c)) columns.set(c, []);
    columns.get(c)!.push(n);
  }
  const positions = new Map<string, { x: number; y: number }>();
  for (const [c, members] of columns) {
    members.sort((a, b) => a.position.y - b.position.y || a.position.x - b.position.x);
    members.forEach((n, i) => positions.set(n.id, { x: c * LAYOUT_GAP.x, y: (i - (members.length - 1) / 2) * pitch }));
  }
  return moveNeurons(net, positions);
}

/** The selected neurons, the synapses among them and softmax groups wholly inside them, as a network document. */
export function extractSubnetwork(net: Network, neuronIds: Iterable<string>): Network {
  const keep = new Set(neuronIds);
  return {
    version: net.version,
    neurons: net.neurons.filter((n) => keep.has(n.id)),
    synapses: net.synapses.filter((s) => keep.has(s.source) && keep.has(s.target)),
    softmaxGroups: net.softmaxGroups.filter((g) => g.members.every((m) => keep.has(m))),
    viewport: null,
  };
}

/**
 * Pastes a network document into `net` with fresh ids, positions shifted by `offset`, and labels
 * that clash with existing ones renamed to the next free label of their role.
 */
export function pasteNetwork(net: Network, doc: Network, offset: { x: number; y: number }): { network: Network; ids: string[]; synapseIds: string[] } {
  const taken = takenIds(net);
  const labels = new Set(net.neurons.map((n) => n.label));
  const idMap = new Map<string, string>();
  const neurons = doc.neurons.map((n) => {
    const id = freshId('n-', taken);
    idMap.set(n.id, id);
    const label = labels.has(n.label) || !n.label ? nextFree(LABEL_PREFIX[n.role], labels) : (labels.add(n.label), n.label);
    return { ...n, id, label, position: { x: n.position.x + offset.x, y: n.position.y + offset.y } };
  });
  const synapses = doc.synapses
    .filter((s) => idMap.has(s.source) && idMap.has(s.target))
    .map((s) => ({ ...s, id: freshId('s-', taken), source: idMap.get(s.source)!, target: idMap.get(s.target)! }));
  const softmaxGroups = doc.softmaxGroups
    .map((g) => ({ ...g, id: freshId('g-', taken), members: g.members.filter((m) => idMap.has(m)).map((m) => idMap.get(m)!) }))
    .filter((g) => g.members.length >= 2);
  return {
    network: { ...net, neurons: [...net.neurons, ...neurons], synapses: [...net.synapses, ...synapses], softmaxGroups: [...net.softmaxGroups, ...softmaxGroups] },
    ids: neurons.map((n) => n.id),
    synapseIds: synapses.map((s) => s.id),
  };
}

/** The clipboard text of a network document (pretty JSON, readable when pasted elsewhere). */
export function networkToText(doc: Network): string {
  return JSON.stringify(doc, null, 2);
}

/** A network document from clipboard text, or null when the text is not one (any saved version is migrated). */
export function networkFromText(text: string): Network | null {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{')) return null;
  try {
    return migrateNetwork(JSON.parse(trimmed));
  } catch {
    return null;
  }
}

/** Groups output neurons under a shared softmax; non-outputs and members of other groups are left out. */
export function addSoftmaxGroup(net: Network, memberIds: string[], label?: string): Network {
  const grouped = new Set(net.softmaxGroups.flatMap((g) => g.members));
  const outputs = new Set(net.neurons.filter((n) => n.role === 'output').map((n) => n.id));
  const members = [...new Set(memberIds)].filter((m) => outputs.has(m) && !grouped.has(m));
  if (members.length < 2) return net;
  const id = freshId('g-', takenIds(net));
  return { ...net, softmaxGroups: [...net.softmaxGroups, { id, label: label ?? `softmax ${net.softmaxGroups.length + 1}`, members }] };
}

/** Dissolves a softmax group (its outputs go back to their own activations). */
export function removeSoftmaxGroup(net: Network, groupId: string): Network {
  if (!net.softmaxGroups.some((g) => g.id === groupId)) return net;
  return { ...net, softmaxGroups: net.softmaxGroups.filter((g) => g.id !== groupId) };
}

/**
 * Insert layer for a canvas selection: selected non-outputs feed the layer (none: every input),
 * selected outputs are fed by it (none: every output); direct synapses between the two go.
 */
export function insertLayerFromSelection(net: Network, selected: readonly string[], count: number, activation: ActivationKind, rng: Rng = Math.random): InsertLayerResult {
  const { sources, targets } = layerEnds(net, selected);
  const taken = takenIds(net);
  return insertLayer(net, { sources, targets, count, activation, newId: (prefix) => freshId(prefix, taken), rng });
}
