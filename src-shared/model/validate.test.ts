import { describe, expect, it } from 'vitest';
import { emptyNetwork, type Network, type Neuron } from './network';
import { validateNetwork } from './validate';

const neuron = (id: string, role: Neuron['role']): Neuron => ({ id, role, label: id, activation: 'relu', bias: 0, position: { x: 0, y: 0 }, dale: null });
const syn = (source: string, target: string) => ({ id: `${source}-${target}`, source, target, weight: 1 });
const messages = (net: Network) => validateNetwork(net).map((i) => `${i.severity}: ${i.message}`);

describe('validateNetwork', () => {
  it('passes a wired 1-1-1 network', () => {
    expect(messages({ ...emptyNetwork(), neurons: [neuron('x', 'input'), neuron('h', 'hidden'), neuron('y', 'output')], synapses: [syn('x', 'h'), syn('h', 'y')] })).toEqual([]);
  });

  it('says what an empty network lacks', () => {
    expect(messages(emptyNetwork())).toEqual(['error: The network has no input neuron.', 'error: The network has no output neuron.']);
  });

  it('names an output that no input reaches, and dangling hidden neurons', () => {
    const net = { ...emptyNetwork(), neurons: [neuron('x', 'input'), neuron('h', 'hidden'), neuron('y', 'output')], synapses: [syn('x', 'h')] };
    expect(messages(net)).toEqual(["error: Output 'y' is not reachable from any input.", "warning: Hidden neuron 'h' feeds nothing."]);
  });

  it('catches cycles, edges into inputs, edges out of outputs and duplicates that bypassed the editor', () => {
    const net = {
      ...emptyNetwork(),
      neurons: [neuron('x', 'input'), neuron('a', 'hidden'), neuron('b', 'hidden'), neuron('y', 'output')],
      synapses: [syn('x', 'a'), syn('a', 'b'), { ...syn('b', 'a'), id: 'back' }, syn('b', 'y'), { ...syn('b', 'y'), id: 'dup' }, syn('y', 'x')],
    };
    expect(messages(net)).toEqual([
      "error: 'b' is connected to 'y' twice.",
      "error: Input 'x' has an incoming connection; inputs are fed by data.",
      "error: Output 'y' feeds another neuron; outputs end the network.",
      'error: The network has a cycle; connections must flow one way.',
    ]);
  });

  it('checks softmax groups: outputs only, one group each', () => {
    const net: Network = {
      ...emptyNetwork(),
      neurons: [neuron('x', 'input'), neuron('h', 'hidden'), neuron('y1', 'output'), neuron('y2', 'output')],
      synapses: [syn('x', 'h'), syn('h', 'y1'), syn('h', 'y2')],
      softmaxGroups: [
        { id: 'g1', label: 'class', members: ['y1', 'h'] },
        { id: 'g2', label: 'again', members: ['y1', 'y2'] },
      ],
    };
    expect(messages(net)).toEqual(["error: Softmax group 'class' contains 'h', which is not an output.", "error: 'y1' belongs to two softmax groups."]);
  });
});
