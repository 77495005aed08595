import type { Network } from './network';
import { reaches, topologicalOrder } from './graph';

/** One problem with a network, with the neuron or synapse it concerns. */
export interface NetworkIssue {
  severity: 'error' | 'warning';
  message: string;
  neuronId?: string;
  synapseId?: string;
}

/** Everything that stops (errors) or weakens (warnings) a network; empty when it is ready to train. */
export function validateNetwork(net: Network): NetworkIssue[] {
  const issues: NetworkIssue[] = [];
  const byId = new Map(net.neurons.map((n) => [n.id, n]));
  const name = (id: string) => `'${byId.get(id)?.label || id}'`;

  const seen = new Set<string>();
  for (const n of net.neurons) {
    if (seen.has(n.id)) issues.push({ severity: 'error', message: `Two neurons share the id ${n.id}.`, neuronId: n.id });
    seen.add(n.id);
  }
  const pairs = new Set<string>();
  for (const s of net.synapses) {
    if (!byId.has(s.source) || !byId.has(s.target)) {
      issues.push({ severity: 'error', message: `Synapse ${s.id} connects a neuron that does not exist.`, synapseId: s.id });
      continue;
    }
    const key = `${s.source}->${s.target}`;
    if (pairs.has(key)) issues.push({ severity: 'error', message: `${name(s.source)} is connected to ${name(s.target)} twice.`, synapseId: s.id });
    pairs.add(key);
    if (byId.get(s.target)!.role === 'input') issues.push({ severity: 'error', message: `Input ${name(s.target)} has an incoming connection; inputs are fed by data.`, synapseId: s.id });
    if (byId.get(s.source)!.role === 'output') issues.push({ severity: 'error', message: `Output ${name(s.source)} feeds another neuron; outputs end the network.`, synapseId: s.id });
  }
  if (net.neurons.length && topologicalOrder(net) === null) issues.push({ severity: 'error', message: 'The network has a cycle; connections must flow one way.' });

  const inputs = net.neurons.filter((n) => n.role === 'input');
  const outputs = net.neurons.filter((n) => n.role === 'output');
  if (!inputs.length) issues.push({ severity: 'error', message: 'The network has no input neuron.' });
  if (!outputs.length) issues.push({ severity: 'error', message: 'The network has no output neuron.' });
  for (const o of outputs) {
    if (inputs.length && !inputs.some((i) => reaches(net, i.id, o.id))) {
      issues.push({ severity: 'error', message: `Output ${name(o.id)} is not reachable from any input.`, neuronId: o.id });
    }
  }
  const labels = new Map<string, number>();
  for (const n of [...inputs, ...outputs]) labels.set(n.label, (labels.get(n.label) ?? 0) + 1);
  for (const [label, count] of labels) if (count > 1) issues.push({ severity: 'warning', message: `${count} inputs/outputs are labelled '${label}'; labels bind them to data columns.` });

  const grouped = new Set<string>();
  for (const g of net.softmaxGroups) {
    for (const m of g.members) {
      const n = byId.get(m);
      if (!n) issues.push({ severity: 'error', message: `Softmax group '${g.label}' names a neuron that does not exist.` });
      else if (n.role !== 'output') issues.push({ severity: 'error', message: `Softmax group '${g.label}' contains ${name(m)}, which is not an output.`, neuronId: m });
      if (grouped.has(m)) issues.push({ severity: 'error', message: `${name(m)} belongs to two softmax groups.`, neuronId: m });
      grouped.add(m);
    }
  }
  for (const n of net.neurons) {
    if (n.role === 'hidden' && !net.synapses.some((s) => s.target === n.id)) issues.push({ severity: 'warning', message: `Hidden neuron ${name(n.id)} has no inputs; it outputs a constant.`, neuronId: n.id });
    else if (n.role === 'hidden' && !net.synapses.some((s) => s.source === n.id)) issues.push({ severity: 'warning', message: `Hidden neuron ${name(n.id)} feeds nothing.`, neuronId: n.id });
  }
  return issues;
}
