import type { Network } from './network';
import { topologicalOrder } from './graph';
import { adjacency, CYCLE_MESSAGE, directionFaults, directionMessage, duplicateSynapses, missingEndMessage, reachable } from './graph-rules';

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
  // A pair that repeats has both ends or neither, so synapses with a missing end never count as repeats here.
  const repeats = new Set(duplicateSynapses(net.synapses));
  net.synapses.forEach((s, i) => {
    if (!byId.has(s.source) || !byId.has(s.target)) return void issues.push({ severity: 'error', message: missingEndMessage(s.id), synapseId: s.id });
    if (repeats.has(i)) issues.push({ severity: 'error', message: `${name(s.source)} is connected to ${name(s.target)} twice.`, synapseId: s.id });
    for (const fault of directionFaults(byId.get(s.source)!, byId.get(s.target)!)) issues.push({ severity: 'error', message: directionMessage(fault, name(s.source), name(s.target)), synapseId: s.id });
  });
  if (net.neurons.length && topologicalOrder(net) === null) issues.push({ severity: 'error', message: CYCLE_MESSAGE });

  const inputs = net.neurons.filter((n) => n.role === 'input');
  const outputs = net.neurons.filter((n) => n.role === 'output');
  if (!inputs.length) issues.push({ severity: 'error', message: 'The network has no input neuron.' });
  if (!outputs.length) issues.push({ severity: 'error', message: 'The network has no output neuron.' });
  // One search forward from every input at once, not one per input–output pair.
  const fed = inputs.length ? reachable(adjacency(net.synapses, 'forward'), inputs.map((i) => i.id)) : null;
  for (const o of outputs) {
    if (fed && !fed.has(o.id)) issues.push({ severity: 'error', message: `Output ${name(o.id)} is not reachable from any input.`, neuronId: o.id });
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
  const fedIds = new Set(net.synapses.map((s) => s.target));
  const feedingIds = new Set(net.synapses.map((s) => s.source));
  for (const n of net.neurons) {
    if (n.role === 'hidden' && !fedIds.has(n.id)) issues.push({ severity: 'warning', message: `Hidden neuron ${name(n.id)} has no inputs; it outputs a constant.`, neuronId: n.id });
    else if (n.role === 'hidden' && !feedingIds.has(n.id)) issues.push({ severity: 'warning', message: `Hidden neuron ${name(n.id)} feeds nothing.`, neuronId: n.id });
  }
  return issues;
}
