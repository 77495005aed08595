import { describe, expect, it } from 'vitest';
import { emptyNetwork, type Network } from './network';
import { daleViolations } from './dale-check';

const neuron = (id: string, dale: 'E' | 'I' | null) => ({ id, label: id, role: 'hidden' as const, activation: 'tanh' as const, bias: 0, position: { x: 0, y: 0 }, dale });

describe('daleViolations', () => {
  it('counts only outgoing weights of marked neurons whose sign disagrees (zero is allowed both ways)', () => {
    const net: Network = {
      ...emptyNetwork(),
      neurons: [neuron('e', 'E'), neuron('i', 'I'), neuron('u', null), neuron('t', null)],
      synapses: [
        { id: 's1', source: 'e', target: 't', weight: 0.5 },
        { id: 's2', source: 'e', target: 'u', weight: -0.1 },
        { id: 's3', source: 'i', target: 't', weight: 0.2 },
        { id: 's4', source: 'i', target: 'u', weight: 0 },
        { id: 's5', source: 'u', target: 't', weight: -3 },
      ],
    };
    expect(daleViolations(net)).toEqual({ constrained: 4, broken: 2 });
  });
});
