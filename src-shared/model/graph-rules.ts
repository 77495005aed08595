/**
 * The rules of a network's wiring, written once for the three places that apply them: the editor refusing a
 * connection (graph.ts), the validator listing problems (validate.ts) and the engine's compiler (engine/compile.ts).
 * Signals flow one way: no neuron feeds itself or its ancestors (no cycles), inputs are fed only by data, outputs
 * feed nothing, and two neurons are connected at most once.
 */
import type { Neuron, Synapse } from './network';

/** A way a synapse breaks the direction of flow, by the roles of its ends. */
export type DirectionFault = 'into-input' | 'from-output';

/** The direction rules a synapse from `source` to `target` breaks, the target's first. */
export function directionFaults(source: Pick<Neuron, 'role'>, target: Pick<Neuron, 'role'>): DirectionFault[] {
  const faults: DirectionFault[] = [];
  if (target.role === 'input') faults.push('into-input');
  if (source.role === 'output') faults.push('from-output');
  return faults;
}

/** A direction fault of an existing synapse in words; the names come quoted. */
export function directionMessage(fault: DirectionFault, sourceName: string, targetName: string): string {
  return fault === 'into-input' ? `Input ${targetName} has an incoming connection; inputs are fed by data.` : `Output ${sourceName} feeds another neuron; outputs end the network.`;
}

/** Why a network with a cycle cannot run. */
export const CYCLE_MESSAGE = 'The network has a cycle; connections must flow one way.';

/** A synapse whose end is missing, in words. */
export const missingEndMessage = (synapseId: string) => `Synapse ${synapseId} connects a neuron that does not exist.`;

/** True when a connection would join a neuron to itself (the shortest cycle). */
export function isSelfLoop(source: string, target: string): boolean {
  return source === target;
}

/** Document indices of the synapses that repeat an earlier synapse's source → target pair. */
export function duplicateSynapses(synapses: readonly Pick<Synapse, 'source' | 'target'>[]): number[] {
  // Targets by source, not a joined "a->b" key: ids are free text in a file, and "a->b" + "c" must not equal "a" + "b->c".
  const targets = new Map<string, Set<string>>();
  const repeats: number[] = [];
  synapses.forEach((s, i) => {
    let fed = targets.get(s.source);
    if (!fed) targets.set(s.source, (fed = new Set()));
    if (fed.has(s.target)) repeats.push(i);
    fed.add(s.target);
  });
  return repeats;
}

/**
 * Kahn's algorithm over nodes 0..n-1 with longest-path levels (sources are level 0). `order` lists every node whose
 * ancestors are all acyclic, in topological order; it is shorter than n exactly when the graph has a cycle.
 */
export function levelOrder(n: number, outgoing: readonly (readonly number[])[]): { order: number[]; level: Int32Array } {
  const indegree = new Int32Array(n);
  for (const targets of outgoing) for (const t of targets) indegree[t]++;
  const level = new Int32Array(n);
  const order: number[] = [];
  for (let i = 0; i < n; i++) if (indegree[i] === 0) order.push(i);
  for (let h = 0; h < order.length; h++) {
    const i = order[h];
    for (const t of outgoing[i]) {
      level[t] = Math.max(level[t], level[i] + 1);
      if (--indegree[t] === 0) order.push(t);
    }
  }
  return { order, level };
}

/** Neighbours of each neuron id along the synapses ('forward': whom it feeds) or against them ('backward': who feeds it). */
export function adjacency(synapses: readonly Pick<Synapse, 'source' | 'target'>[], direction: 'forward' | 'backward'): Map<string, string[]> {
  const next = new Map<string, string[]>();
  for (const s of synapses) {
    const [a, b] = direction === 'forward' ? [s.source, s.target] : [s.target, s.source];
    let list = next.get(a);
    if (!list) next.set(a, (list = []));
    list.push(b);
  }
  return next;
}

/** Every id reachable from `starts` (themselves included) by following `next`: one search for any number of starts. */
export function reachable(next: ReadonlyMap<string, readonly string[]>, starts: Iterable<string>): Set<string> {
  const reached = new Set<string>(starts);
  const stack = [...reached];
  while (stack.length) {
    for (const t of next.get(stack.pop()!) ?? []) {
      if (!reached.has(t)) {
        reached.add(t);
        stack.push(t);
      }
    }
  }
  return reached;
}
