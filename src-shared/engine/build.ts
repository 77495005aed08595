import type { ActivationKind } from '../model/activation-kind';
import { NETWORK_SCHEMA_VERSION, type Network, type Neuron } from '../model/network';

/** Options of `layeredNetwork`. */
export interface LayeredOptions {
  /** Activation of each non-input layer (the last is the output layer). */
  activations: ActivationKind[];
  /** Put the output layer in one softmax group (needs ≥ 2 outputs). */
  softmax?: boolean;
  /** Id prefix (default 'n'). */
  prefix?: string;
}

/** A fully connected layered network document (sizes[0] inputs … sizes[last] outputs), all weights and biases 0. */
export function layeredNetwork(sizes: number[], opts: LayeredOptions): Network {
  const p = opts.prefix ?? 'n';
  const neurons: Neuron[] = [];
  const synapses: Network['synapses'] = [];
  const layers: string[][] = [];
  sizes.forEach((size, l) => {
    const ids: string[] = [];
    for (let i = 0; i < size; i++) {
      const id = `${p}${l}_${i}`;
      ids.push(id);
      const role = l === 0 ? 'input' : l === sizes.length - 1 ? 'output' : 'hidden';
      neurons.push({ id, role, label: role === 'hidden' ? `h${l}.${i}` : `${role === 'input' ? 'x' : 'y'}${i}`, activation: l === 0 ? 'identity' : opts.activations[l - 1], bias: 0, position: { x: l * 200, y: i * 60 }, dale: null });
    }
    if (l > 0) for (const t of ids) for (const s of layers[l - 1]) synapses.push({ id: `${s}>${t}`, source: s, target: t, weight: 0 });
    layers.push(ids);
  });
  const out = layers[layers.length - 1];
  return {
    version: NETWORK_SCHEMA_VERSION,
    neurons,
    synapses,
    softmaxGroups: opts.softmax ? [{ id: 'softmax', label: 'classes', members: out }] : [],
    viewport: null,
  };
}
