import type { Network } from '../../src-shared/model/network';
import type { NeuronFlowNode, SynapseFlowEdge } from './flow-types';

/**
 * The React Flow nodes for a network. A previous node is reused as-is when its neuron, position
 * and selection are unchanged, so React Flow and memoised node components skip it; measured
 * sizes are carried over so a controlled flow does not re-measure every node.
 */
export function buildNodes(net: Network, prev: readonly NeuronFlowNode[], selected?: ReadonlySet<string>): NeuronFlowNode[] {
  const prevById = new Map(prev.map((n) => [n.id, n]));
  const grouped = new Set(net.softmaxGroups.flatMap((g) => g.members));
  return net.neurons.map((neuron) => {
    const old = prevById.get(neuron.id);
    const isSelected = selected ? selected.has(neuron.id) : (old?.selected ?? false);
    const softmax = grouped.has(neuron.id);
    if (
      old &&
      old.data.neuron === neuron &&
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
}

/** The React Flow edges for a network, reusing unchanged ones like buildNodes. */
export function buildEdges(net: Network, prev: readonly SynapseFlowEdge[], selected?: ReadonlySet<string>): SynapseFlowEdge[] {
  const prevById = new Map(prev.map((e) => [e.id, e]));
  const labels = new Map(net.neurons.map((n) => [n.id, n.label]));
  return net.synapses.map((s) => {
    const old = prevById.get(s.id);
    const isSelected = selected ? selected.has(s.id) : (old?.selected ?? false);
    const sourceLabel = labels.get(s.source) ?? '?';
    const targetLabel = labels.get(s.target) ?? '?';
    if (
      old &&
      old.source === s.source &&
      old.target === s.target &&
      old.data?.weight === s.weight &&
      old.data.sourceLabel === sourceLabel &&
      old.data.targetLabel === targetLabel &&
      !!old.selected === isSelected
    ) {
      return old;
    }
    return {
      id: s.id,
      type: 'synapse',
      source: s.source,
      target: s.target,
      data: { weight: s.weight, sourceLabel, targetLabel },
      selected: isSelected,
      ariaLabel: `Synapse ${sourceLabel} to ${targetLabel}, weight ${s.weight}`,
    };
  });
}
