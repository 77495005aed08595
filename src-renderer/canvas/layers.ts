/**
 * Collapsing a depth level into one layer node: which neurons form each level, the layer node that stands
 * for a collapsed level, and the synapses between a collapsed level and anything else aggregated into one edge
 * per pair (Σ|v| and Σv of what the overlay shows: w, c or mean c; the sign is the aggregate's). View only:
 * the document never changes. Pure: unit-tested.
 */
import type { Network, Neuron } from '../../src-shared/model/network';
import { depthLevels } from '../state/network-edits';
import type { AggregatePlan } from '../state/flow-types';

/** The node id of the layer node standing for depth level `level`. */
export const layerNodeId = (level: number) => `layer-${level}`;

/** The neurons of each depth level, in document order. */
export function levelsOf(net: Pick<Network, 'neurons' | 'synapses'>): Map<number, Neuron[]> {
  const levelOf = depthLevels(net);
  const out = new Map<number, Neuron[]>();
  for (const n of net.neurons) {
    const l = levelOf.get(n.id)!;
    if (!out.has(l)) out.set(l, []);
    out.get(l)!.push(n);
  }
  return out;
}

/** A collapsed level as one node: where it sits (its members' left edge and middle), how wide it is, what it computes. */
export interface LayerSummary {
  id: string;
  level: number;
  count: number;
  /** The members' activations, most common first, e.g. ["tanh"]. */
  activations: string[];
  roles: Neuron['role'][];
  position: { x: number; y: number };
  memberIds: string[];
}

/** One layer node per collapsed level that has members. */
export function layerSummaries(levels: Map<number, Neuron[]>, collapsed: readonly number[]): LayerSummary[] {
  return collapsed
    .filter((l) => (levels.get(l)?.length ?? 0) > 0)
    .map((level) => {
      const members = levels.get(level)!;
      const counts = new Map<string, number>();
      for (const m of members) counts.set(m.activation, (counts.get(m.activation) ?? 0) + 1);
      const x = Math.min(...members.map((m) => m.position.x));
      const ys = members.map((m) => m.position.y);
      return {
        id: layerNodeId(level),
        level,
        count: members.length,
        activations: [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([a]) => a),
        roles: [...new Set(members.map((m) => m.role))],
        position: { x, y: Math.round((Math.min(...ys) + Math.max(...ys)) / 2) },
        memberIds: members.map((m) => m.id),
      };
    });
}

/** The synapses between two drawn ends (a layer node or a neuron) as one edge. */
export interface AggregateEdge {
  id: string;
  source: string;
  target: string;
  /** Σ v over the member synapses (v = w, c or mean c). */
  sum: number;
  /** Σ |v|. */
  sumAbs: number;
  count: number;
}

/** The aggregate edges of `nodeOf`'s collapsed levels: every synapse with an end in one, its ends replaced by their layer nodes. */
export function aggregatePlan(net: Pick<Network, 'synapses'>, nodeOf: ReadonlyMap<string, string>): AggregatePlan {
  const at = new Map<string, number>();
  const edges: AggregatePlan['edges'] = [];
  const edgeOf = new Int32Array(net.synapses.length).fill(-1);
  net.synapses.forEach((s, k) => {
    const a = nodeOf.get(s.source);
    const b = nodeOf.get(s.target);
    if (a === undefined && b === undefined) return;
    const source = a ?? s.source;
    const target = b ?? s.target;
    const id = `agg:${source}>${target}`;
    let e = at.get(id);
    if (e === undefined) {
      at.set(id, (e = edges.length));
      edges.push({ id, source, target, count: 0 });
    }
    edges[e].count += 1;
    edgeOf[k] = e;
  });
  return { edges, edgeOf };
}

/** Sums what each synapse shows (`value`) into its aggregate edge. `plan` must be `net`'s. */
export function sumAggregates(plan: AggregatePlan, net: Pick<Network, 'synapses'>, value: (synapseId: string, weight: number) => number): AggregateEdge[] {
  const sum = new Float64Array(plan.edges.length);
  const sumAbs = new Float64Array(plan.edges.length);
  const { edgeOf } = plan;
  for (let k = 0; k < edgeOf.length; k++) {
    const e = edgeOf[k];
    if (e < 0) continue;
    const s = net.synapses[k];
    const v = value(s.id, s.weight);
    sum[e] += v;
    sumAbs[e] += Math.abs(v);
  }
  return plan.edges.map((e, i) => ({ ...e, sum: sum[i], sumAbs: sumAbs[i] }));
}

/**
 * Aggregates every synapse with an end in a collapsed level: its ends are replaced by their layer nodes and the
 * synapses sharing both ends are summed. Synapses with no end in a collapsed level are left out (drawn as they are).
 */
export function aggregateEdges(net: Pick<Network, 'synapses'>, nodeOf: ReadonlyMap<string, string>, value: (synapseId: string, weight: number) => number): AggregateEdge[] {
  return sumAggregates(aggregatePlan(net, nodeOf), net, value);
}

/** The levels whose drawing is taller than `maxHeight` flow units (each neuron `nodeHeight` tall): collapsing them keeps a big network legible at fit view. */
export function tallLevels(levels: Map<number, Neuron[]>, maxHeight: number, nodeHeight: number): number[] {
  return [...levels.entries()]
    .filter(([, m]) => m.length > 1 && Math.max(...m.map((n) => n.position.y)) - Math.min(...m.map((n) => n.position.y)) + nodeHeight > maxHeight)
    .map(([l]) => l);
}
