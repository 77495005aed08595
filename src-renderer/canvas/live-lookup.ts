/**
 * A synapse's weight and a neuron's bias by id, read from the document in O(1). Canvas cards and edges subscribe
 * through these (with what they draw rounded), so a weight update re-renders only the cards and edges whose look
 * changes, instead of React Flow rebuilding every node and edge: training streams weights ten times a second.
 */
import type { Network, Neuron, Synapse } from '../../src-shared/model/network';

let synapses: readonly Synapse[] | null = null;
let synapseIndex = new Map<string, number>();
let neurons: readonly Neuron[] | null = null;
let neuronIndex = new Map<string, number>();

/** The weight of synapse `id` in `net` (0 when it is gone). */
export function weightOf(net: Network, id: string): number {
  if (net.synapses !== synapses) {
    synapses = net.synapses;
    synapseIndex = new Map(net.synapses.map((s, i) => [s.id, i]));
  }
  const i = synapseIndex.get(id);
  return i === undefined ? 0 : net.synapses[i].weight;
}

/** The bias of neuron `id` in `net` (0 when it is gone). */
export function biasOf(net: Network, id: string): number {
  if (net.neurons !== neurons) {
    neurons = net.neurons;
    neuronIndex = new Map(net.neurons.map((n, i) => [n.id, i]));
  }
  const i = neuronIndex.get(id);
  return i === undefined ? 0 : net.neurons[i].bias;
}
