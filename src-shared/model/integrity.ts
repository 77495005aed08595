import type { Network } from './network';

/**
 * The first structural defect that makes a network document unusable by any service (not
 * merely untrainable): two neurons or synapses with one id, a synapse or softmax member naming
 * a neuron that does not exist. The schema cannot see these; every request that carries a
 * network is checked before a handler uses it. Null when the document holds together.
 */
export function networkIntegrityProblem(net: Pick<Network, 'neurons' | 'synapses' | 'softmaxGroups'>): string | null {
  const neurons = new Set<string>();
  for (const n of net.neurons) {
    if (neurons.has(n.id)) return `two neurons share the id "${short(n.id)}"`;
    neurons.add(n.id);
  }
  const synapses = new Set<string>();
  for (const s of net.synapses) {
    if (synapses.has(s.id)) return `two synapses share the id "${short(s.id)}"`;
    synapses.add(s.id);
    if (!neurons.has(s.source)) return `synapse "${short(s.id)}" comes from neuron "${short(s.source)}", which does not exist`;
    if (!neurons.has(s.target)) return `synapse "${short(s.id)}" goes to neuron "${short(s.target)}", which does not exist`;
  }
  const groups = new Set<string>();
  for (const g of net.softmaxGroups ?? []) {
    if (groups.has(g.id)) return `two softmax groups share the id "${short(g.id)}"`;
    groups.add(g.id);
    const missing = g.members.find((m) => !neurons.has(m));
    if (missing !== undefined) return `softmax group "${short(g.id)}" names neuron "${short(missing)}", which does not exist`;
  }
  return null;
}

const short = (id: string) => (id.length > 40 ? `${id.slice(0, 40)}…` : id);
