import type { Network, Neuron } from '../../src-shared/model/network';
import type { NeuronFlowNode, SynapseFlowEdge } from './flow-types';

/** Whether two neurons differ at most in their bias (which cards read live, see live-lookup.ts). */
function sameButBias(a: Neuron, b: Neuron): boolean {
  if (a === b) return true;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  keys.delete('bias');
  return [...keys].every((k) => a[k as keyof Neuron] === b[k as keyof Neuron]);
}

/**
 * The React Flow nodes for a network. A previous node is reused as-is when its neuron (but for its bias, which
 * the card reads live), position and selection are unchanged, so React Flow and memoised node components skip it;
 * measured sizes are carried over so a controlled flow does not re-measure every node.
 */
export function buildNodes(net: Network, prev: readonly NeuronFlowNode[], selected?: ReadonlySet<string>): NeuronFlowNode[] {
  const prevById = new Map(prev.map((n) => [n.id, n]));
  const grouped = new Set(net.softmaxGroups.flatMap((g) => g.members));
  const out = net.neurons.map((neuron) => {
    const old = prevById.get(neuron.id);
    const isSelected = selected ? selected.has(neuron.id) : (old?.selected ?? false);
    const softmax = grouped.has(neuron.id);
    if (
      old &&
      sameButBias(old.data.neuron, neuron) &&
      old.data.softmax === softmax &&
      !!old.selected === isSelected &&
      old.position.x === neuron.position.x &&
      old.position.y === neuron.position.y
    ) {
      return old;
    }
    const node: NeuronFlowNode = {
      id: neuron.id,
      type: 'neuron',
      position: neuron.position,
      data: { neuron, softmax },
      selected: isSelected,
      ariaLabel: `${neuron.role} neuron ${neuron.label}`,
    };
    if (old?.measured) node.measured = old.measured;
    return node;
  });
  // The same array when nothing changed (a weight update): React Flow then has nothing to adopt.
  return out.length === prev.length && out.every((n, i) => n === prev[i]) ? (prev as NeuronFlowNode[]) : out;
}

/** The React Flow edges for a network, reusing unchanged ones like buildNodes (a new weight alone keeps the edge: SynapseEdge reads it live). */
export function buildEdges(net: Network, prev: readonly SynapseFlowEdge[], selected?: ReadonlySet<string>): SynapseFlowEdge[] {
  const prevById = new Map(prev.map((e) => [e.id, e]));
  const labels = new Map(net.neurons.map((n) => [n.id, n.label]));
  const out = net.synapses.map((s): SynapseFlowEdge => {
    const old = prevById.get(s.id);
    const isSelected = selected ? selected.has(s.id) : (old?.selected ?? false);
    const sourceLabel = labels.get(s.source) ?? '?';
    const targetLabel = labels.get(s.target) ?? '?';
    if (
      old &&
      old.source === s.source &&
      old.target === s.target &&
      old.data?.sourceLabel === sourceLabel &&
      old.data?.targetLabel === targetLabel &&
      !!old.selected === isSelected
    ) {
      return old;
    }
    return {
      id: s.id,
      type: 'synapse',
      source: s.source,
      target: s.target,
      data: { sourceLabel, targetLabel },
      selected: isSelected,
      ariaLabel: `Synapse ${sourceLabel} to ${targetLabel}`,
    };
  });
  return out.length === prev.length && out.every((e, i) => e === prev[i]) ? (prev as SynapseFlowEdge[]) : out;
}
