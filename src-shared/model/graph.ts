import type { Network } from './network';
import { adjacency, directionFaults, isSelfLoop, levelOrder, reachable } from './graph-rules';

/** Neuron ids in an order where every synapse points forward, or null if the graph has a cycle (Kahn's algorithm). */
export function topologicalOrder(net: Pick<Network, 'neurons' | 'synapses'>): string[] | null {
  const index = new Map<string, number>();
  net.neurons.forEach((n, i) => {
    if (!index.has(n.id)) index.set(n.id, i);
  });
  const outgoing: number[][] = net.neurons.map(() => []);
  for (const s of net.synapses) {
    const a = index.get(s.source);
    const b = index.get(s.target);
    if (a !== undefined && b !== undefined) outgoing[a].push(b);
  }
  const { order } = levelOrder(net.neurons.length, outgoing);
  return order.length === net.neurons.length ? order.map((i) => net.neurons[i].id) : null;
}

/** True when `to` can be reached from `from` along synapses. */
export function reaches(net: Pick<Network, 'synapses'>, from: string, to: string): boolean {
  return reachable(adjacency(net.synapses, 'forward'), [from]).has(to);
}

/** Longest-path depth of every neuron from the inputs (inputs are 0); used for layout and levels. */
export function depths(net: Pick<Network, 'neurons' | 'synapses'>): Map<string, number> {
  const order = topologicalOrder(net) ?? net.neurons.map((n) => n.id);
  const depth = new Map(order.map((id) => [id, 0]));
  const incoming = new Map<string, string[]>();
  for (const s of net.synapses) {
    if (!incoming.has(s.target)) incoming.set(s.target, []);
    incoming.get(s.target)!.push(s.source);
  }
  for (const id of order) {
    for (const src of incoming.get(id) ?? []) depth.set(id, Math.max(depth.get(id)!, (depth.get(src) ?? 0) + 1));
  }
  return depth;
}

/** Why a proposed connection is refused, or null when it is allowed. */
export function connectionRefusal(net: Network, source: string, target: string): string | null {
  const src = net.neurons.find((n) => n.id === source);
  const dst = net.neurons.find((n) => n.id === target);
  if (!src || !dst) return 'Both ends of a connection must be neurons on the canvas.';
  if (isSelfLoop(source, target)) return `'${src.label}' cannot connect to itself: that would be a cycle.`;
  const [fault] = directionFaults(src, dst);
  if (fault === 'into-input') return `'${dst.label}' is an input neuron: inputs are fed by data, not by other neurons.`;
  if (fault === 'from-output') return `'${src.label}' is an output neuron: outputs end the network and feed nothing.`;
  if (net.synapses.some((s) => s.source === source && s.target === target)) return `'${src.label}' is already connected to '${dst.label}'.`;
  if (reaches(net, target, source)) return `Connecting '${src.label}' to '${dst.label}' would make a cycle: '${dst.label}' already feeds '${src.label}'.`;
  return null;
}

/**
 * Every neuron a connection dragged from `from` cannot end on, by connectionRefusal's rules, in one
 * traversal: the targets it may not feed when dragged from its output handle ('source'), or the
 * sources that may not feed it when dragged from its input handle ('target').
 */
export function refusedEnds(net: Pick<Network, 'neurons' | 'synapses'>, from: string, fromHandle: 'source' | 'target'): Set<string> {
  const all = new Set(net.neurons.map((n) => n.id));
  const self = net.neurons.find((n) => n.id === from);
  if (!self) return all;
  // Dragging from an output handle: ancestors of `from` (itself included) would close a cycle. From an input handle: descendants.
  const reached = reachable(adjacency(net.synapses, fromHandle === 'source' ? 'backward' : 'forward'), [from]);
  if (fromHandle === 'source') {
    if (self.role === 'output') return all;
    const fed = new Set(net.synapses.filter((s) => s.source === from).map((s) => s.target));
    return new Set(net.neurons.filter((n) => directionFaults(self, n).length || reached.has(n.id) || fed.has(n.id)).map((n) => n.id));
  }
  if (self.role === 'input') return all;
  const feeding = new Set(net.synapses.filter((s) => s.target === from).map((s) => s.source));
  return new Set(net.neurons.filter((n) => directionFaults(n, self).length || reached.has(n.id) || feeding.has(n.id)).map((n) => n.id));
}
