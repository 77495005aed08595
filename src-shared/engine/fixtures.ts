import type { ActivationKind } from '../model/activation-kind';
import { NETWORK_SCHEMA_VERSION, type Network, type Neuron } from '../model/network';
import type { LossKind } from './loss';
import { createRng } from './rng';

/**
 * A small DAG used by the engine's checks: 3 inputs; a dense pair h1,h2 (same sources) with activations a and b;
 * h3 fed by h1, h2 and a skip from x0; outputs fed by h3 plus skips from h1/x1/x2. The outputs are sigmoid for BCE,
 * a 3-way softmax group for CCE, and activation a for MSE (or a softmax group when `mseSoftmax`). Weights and biases
 * are seeded random values.
 */
export function skipNetwork(a: ActivationKind, b: ActivationKind, loss: LossKind, seed: number, mseSoftmax = false): Network {
  const rng = createRng(seed);
  const softmax = loss === 'cce' || mseSoftmax;
  const outAct: ActivationKind = loss === 'bce' ? 'sigmoid' : softmax ? 'identity' : a;
  const nOut = softmax ? 3 : 2;
  const neurons: Neuron[] = [];
  const add = (id: string, role: Neuron['role'], activation: ActivationKind) =>
    neurons.push({ id, role, label: id, activation, bias: role === 'input' ? 0 : rng.next() - 0.5, position: { x: 0, y: 0 }, dale: null });
  ['x0', 'x1', 'x2'].forEach((id) => add(id, 'input', 'identity'));
  add('h1', 'hidden', a);
  add('h2', 'hidden', b);
  add('h3', 'hidden', b);
  const outs = Array.from({ length: nOut }, (_, i) => `y${i}`);
  outs.forEach((id) => add(id, 'output', outAct));
  const pairs: [string, string][] = [
    ['x0', 'h1'], ['x1', 'h1'], ['x2', 'h1'],
    ['x0', 'h2'], ['x1', 'h2'], ['x2', 'h2'],
    ['h1', 'h3'], ['h2', 'h3'], ['x0', 'h3'],
  ];
  outs.forEach((o, i) => {
    pairs.push(['h3', o], ['h1', o]);
    if (i % 2 === 0) pairs.push(['x1', o]);
    else pairs.push(['x2', o]);
  });
  return {
    version: NETWORK_SCHEMA_VERSION,
    neurons,
    synapses: pairs.map(([s, t]) => ({ id: `${s}-${t}`, source: s, target: t, weight: (rng.next() * 2 - 1) * 1.2 })),
    softmaxGroups: softmax ? [{ id: 'g', label: 'classes', members: outs }] : [],
    viewport: null,
  };
}

/** Seeded inputs (n × 3) and targets matching `skipNetwork`'s outputs for the loss (0/1 for BCE, one-hot for CCE). */
export function skipData(loss: LossKind, n: number, seed: number, mseSoftmax = false): { X: Float64Array; Y: Float64Array; nOut: number } {
  const rng = createRng(seed);
  const nOut = loss === 'cce' || mseSoftmax ? 3 : 2;
  const X = Float64Array.from({ length: n * 3 }, () => rng.next() * 4 - 2);
  const Y = new Float64Array(n * nOut);
  for (let r = 0; r < n; r++) {
    if (loss === 'cce') Y[r * nOut + rng.int(nOut)] = 1;
    else for (let k = 0; k < nOut; k++) Y[r * nOut + k] = loss === 'bce' ? rng.int(2) : rng.next();
  }
  return { X, Y, nOut };
}
