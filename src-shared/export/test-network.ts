/** A test network for the exporters: skip connections, every activation kind, a softmax group, seeded weights. */
import { createRng } from '../engine/rng';
import { ACTIVATION_KINDS } from '../model/activation-kind';
import { emptyNetwork, type Network, type Neuron } from '../model/network';

/** 3 inputs → one hidden neuron per activation kind (each fed by the inputs and the previous hidden neuron) → 2 softmax outputs and 1 linear output, with input → output skips. */
export function everyActivationNetwork(seed = 3): Network {
  const { next: rng } = createRng(seed);
  const neuron = (id: string, role: Neuron['role'], activation: Neuron['activation'], x: number, y: number): Neuron => ({ id, label: id, role, activation, bias: rng() - 0.5, position: { x, y }, dale: null });
  const inputs = ['x1', 'x2', 'x3'].map((id, i) => ({ ...neuron(id, 'input', 'identity', 0, i * 80), bias: 0 }));
  const hidden = ACTIVATION_KINDS.map((a, i) => neuron(`h_${a}`, 'hidden', a, 200 + 120 * i, 0));
  const outputs = [neuron('y_a', 'output', 'identity', 2000, 0), neuron('y_b', 'output', 'identity', 2000, 80), neuron('y_v', 'output', 'identity', 2000, 160)];
  const synapses: Network['synapses'] = [];
  const link = (source: string, target: string) => synapses.push({ id: `s${synapses.length}`, source, target, weight: 2 * rng() - 1 });
  hidden.forEach((h, i) => {
    for (const x of inputs) link(x.id, h.id);
    if (i > 0) link(hidden[i - 1].id, h.id);
  });
  for (const y of outputs) {
    for (const h of hidden.slice(-4)) link(h.id, y.id);
    link(inputs[0].id, y.id);
  }
  return { ...emptyNetwork(), neurons: [...inputs, ...hidden, ...outputs], synapses, softmaxGroups: [{ id: 'g1', label: 'class', members: ['y_a', 'y_b'] }] };
}
