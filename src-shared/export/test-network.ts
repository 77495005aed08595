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

/**
 * A sparse random graph for the exporters: 5 inputs, 14 hidden neurons of mixed activations wired from random
 * earlier neurons (so levels mix activation kinds and read scattered sources), one hidden neuron fed by nothing,
 * E and I neurons, and 4 outputs at different depths, listed between the hidden neurons. The outputs suit the loss:
 * MSE (identity, tanh and a softmax pair named in reverse), BCE (sigmoids) or CCE (two interleaved softmax pairs).
 */
export function randomDagNetwork(seed: number, loss: 'mse' | 'bce' | 'cce'): Network {
  const { next: rng } = createRng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rng() * xs.length)];
  const neuron = (id: string, role: Neuron['role'], activation: Neuron['activation'], dale: Neuron['dale'] = null): Neuron => ({ id, label: id, role, activation, bias: rng() - 0.5, position: { x: 0, y: 0 }, dale });
  const inputs = Array.from({ length: 5 }, (_, i) => ({ ...neuron(`x${i}`, 'input', 'identity'), bias: 0 }));
  const hidden = Array.from({ length: 14 }, (_, i) => neuron(`h${i}`, 'hidden', pick(ACTIVATION_KINDS), i % 5 === 1 ? 'E' : i % 5 === 3 ? 'I' : null));
  const outAct: Neuron['activation'][] = loss === 'bce' ? ['sigmoid', 'sigmoid', 'sigmoid', 'sigmoid'] : loss === 'cce' ? ['identity', 'identity', 'identity', 'identity'] : ['identity', 'tanh', 'identity', 'identity'];
  const outputs = outAct.map((a, i) => neuron(`y${i}`, 'output', a));
  const synapses: Network['synapses'] = [];
  const link = (source: string, target: string) => synapses.push({ id: `s${synapses.length}`, source, target, weight: 2 * rng() - 1 });
  hidden.forEach((h, i) => {
    if (i === 6) return; // fed by nothing: outputs act(b)
    const earlier = [...inputs, ...hidden.slice(0, i)];
    const chosen = new Set<string>();
    const count = 1 + Math.floor(rng() * 4);
    while (chosen.size < Math.min(count, earlier.length)) chosen.add(pick(earlier).id);
    for (const s of chosen) link(s, h.id);
  });
  link(inputs[0].id, outputs[0].id);
  link(inputs[3].id, outputs[0].id);
  outputs.slice(1).forEach((y, i) => {
    for (const h of hidden.slice(4 + 3 * i, 8 + 3 * i)) link(h.id, y.id);
    link(inputs[i].id, y.id);
  });
  link(hidden[6].id, outputs[2].id);
  const groups: Network['softmaxGroups'] =
    loss === 'cce' ? [{ id: 'g1', label: 'odd', members: ['y1', 'y3'] }, { id: 'g2', label: 'even', members: ['y0', 'y2'] }] : loss === 'mse' ? [{ id: 'g1', label: 'pair', members: ['y3', 'y2'] }] : [];
  const neurons = [...inputs, ...hidden.slice(0, 7), outputs[2], outputs[0], ...hidden.slice(7), outputs[3], outputs[1]];
  return { ...emptyNetwork(), neurons, synapses, softmaxGroups: groups };
}
