import { describe, expect, it } from 'vitest';
import { connectionRefusal, depths, reaches, refusedEnds, topologicalOrder } from './graph';
import { emptyNetwork, type Network, type Neuron } from './network';

const neuron = (id: string, role: Neuron['role']): Neuron => ({ id, role, label: id, activation: 'tanh', bias: 0, position: { x: 0, y: 0 }, dale: null });
const syn = (source: string, target: string) => ({ id: `${source}-${target}`, source, target, weight: 1 });

/** x → h1 → h2 → y with a skip x → y. */
function chain(): Network {
  return { ...emptyNetwork(), neurons: [neuron('y', 'output'), neuron('h2', 'hidden'), neuron('x', 'input'), neuron('h1', 'hidden')], synapses: [syn('x', 'h1'), syn('h1', 'h2'), syn('h2', 'y'), syn('x', 'y')] };
}

describe('graph', () => {
  it('orders neurons so every synapse points forward', () => {
    const order = topologicalOrder(chain())!;
    for (const s of chain().synapses) expect(order.indexOf(s.source)).toBeLessThan(order.indexOf(s.target));
  });

  it('finds no order for a cycle', () => {
    const net = chain();
    expect(topologicalOrder({ ...net, synapses: [...net.synapses, syn('h2', 'h1')] })).toBeNull();
  });

  it('gives longest-path depths, so a skip connection does not pull a neuron forward', () => {
    expect(Object.fromEntries(depths(chain()))).toEqual({ x: 0, h1: 1, h2: 2, y: 3 });
  });

  it('follows synapses for reachability, one way only', () => {
    expect(reaches(chain(), 'x', 'h2')).toBe(true);
    expect(reaches(chain(), 'h2', 'x')).toBe(false);
  });

  it('refuses cycles, self-loops, inputs as targets, outputs as sources and duplicates, with the reason', () => {
    const net = chain();
    expect(connectionRefusal(net, 'h2', 'h1')).toBe("Connecting 'h2' to 'h1' would make a cycle: 'h1' already feeds 'h2'.");
    expect(connectionRefusal(net, 'h1', 'h1')).toBe("'h1' cannot connect to itself: that would be a cycle.");
    expect(connectionRefusal(net, 'h1', 'x')).toBe("'x' is an input neuron: inputs are fed by data, not by other neurons.");
    expect(connectionRefusal(net, 'y', 'h1')).toBe("'y' is an output neuron: outputs end the network and feed nothing.");
    expect(connectionRefusal(net, 'x', 'h1')).toBe("'x' is already connected to 'h1'.");
    expect(connectionRefusal(net, 'x', 'h2')).toBeNull();
  });

  it('refusedEnds agrees with connectionRefusal for every pair, from either handle, on random DAGs', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let trial = 0; trial < 20; trial++) {
      const roles: Neuron['role'][] = ['input', 'hidden', 'output'];
      const neurons = Array.from({ length: 3 + Math.floor(rand() * 9) }, (_, i) => neuron(`n${i}`, roles[Math.floor(rand() * 3)]));
      const synapses = [];
      // Edges only from lower to higher index keep it acyclic.
      for (let a = 0; a < neurons.length; a++) for (let b = a + 1; b < neurons.length; b++) if (rand() < 0.3) synapses.push(syn(neurons[a].id, neurons[b].id));
      const net: Network = { ...emptyNetwork(), neurons, synapses };
      for (const from of neurons) {
        const asSource = refusedEnds(net, from.id, 'source');
        const asTarget = refusedEnds(net, from.id, 'target');
        for (const other of neurons) {
          expect(asSource.has(other.id), `${from.id} → ${other.id}`).toBe(connectionRefusal(net, from.id, other.id) !== null);
          expect(asTarget.has(other.id), `${other.id} → ${from.id}`).toBe(connectionRefusal(net, other.id, from.id) !== null);
        }
      }
    }
  });
});
