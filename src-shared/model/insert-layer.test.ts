import { describe, expect, it } from 'vitest';
import { validateNetwork } from './validate';
import { insertHiddenLayers, insertLayer, layerEnds, LAYER_GAP } from './insert-layer';
import type { Network, Neuron, NeuronRole } from './network';

function neuron(id: string, role: NeuronRole, x: number, y: number, extra: Partial<Neuron> = {}): Neuron {
  return { id, role, label: id, activation: role === 'hidden' ? 'tanh' : 'identity', bias: 0, position: { x, y }, dale: null, ...extra };
}

/** x1, x2, x3 wired straight to y1, y2 (6 direct synapses), outputs in a softmax group. */
function direct(): Network {
  const inputs = ['x1', 'x2', 'x3'].map((id, k) => neuron(id, 'input', 0, k * 84));
  const outputs = ['y1', 'y2'].map((id, k) => neuron(id, 'output', 220, k * 84));
  const synapses = inputs.flatMap((i) => outputs.map((o) => ({ id: `s-${i.id}${o.id}`, source: i.id, target: o.id, weight: 0.5 })));
  return { version: 1, neurons: [...inputs, ...outputs], synapses, softmaxGroups: [{ id: 'g', label: 'y', members: ['y1', 'y2'] }], viewport: null } as Network;
}

function ids() {
  let k = 0;
  return (prefix: string) => `${prefix}${++k}`;
}

function seeded(seed = 1) {
  let s = seed;
  return () => ((s = (s * 16807) % 2147483647) / 2147483647);
}

const edges = (net: Network) => new Set(net.synapses.map((s) => `${s.source}>${s.target}`));

describe('insert layer', () => {
  it('nothing selected: every input feeds the new layer, the layer feeds every output, the direct synapses go', () => {
    const net = direct();
    const r = insertLayer(net, { sources: [], targets: [], count: 4, activation: 'relu', newId: ids(), rng: seeded() });
    if (!r.ok) throw new Error(r.reason);
    expect(r.ids).toHaveLength(4);
    expect(r.removed).toBe(6);
    const e = edges(r.network);
    for (const i of ['x1', 'x2', 'x3']) for (const o of ['y1', 'y2']) expect(e.has(`${i}>${o}`)).toBe(false);
    for (const h of r.ids) {
      for (const i of ['x1', 'x2', 'x3']) expect(e.has(`${i}>${h}`)).toBe(true);
      for (const o of ['y1', 'y2']) expect(e.has(`${h}>${o}`)).toBe(true);
    }
    expect(r.network.synapses).toHaveLength(3 * 4 + 4 * 2);
    const layer = r.network.neurons.filter((n) => r.ids.includes(n.id));
    expect(layer.map((n) => [n.role, n.activation, n.label])).toEqual([
      ['hidden', 'relu', 'h1'],
      ['hidden', 'relu', 'h2'],
      ['hidden', 'relu', 'h3'],
      ['hidden', 'relu', 'h4'],
    ]);
    // The outputs were one column away: they move right to make room, and the layer sits between.
    expect(r.network.neurons.find((n) => n.id === 'y1')!.position.x).toBe(2 * LAYER_GAP.x);
    expect(new Set(layer.map((n) => n.position.x))).toEqual(new Set([LAYER_GAP.x]));
    expect(r.network.softmaxGroups).toEqual(net.softmaxGroups);
    expect(validateNetwork(r.network)).toEqual([]);
  });

  it('weights start by fan-in: He for a ReLU layer (√(6/3)), Glorot into the outputs (√(6/(4+2)))', () => {
    const r = insertLayer(direct(), { sources: [], targets: [], count: 4, activation: 'relu', newId: ids(), rng: seeded(3) });
    if (!r.ok) throw new Error(r.reason);
    const into = r.network.synapses.filter((s) => r.ids.includes(s.target)).map((s) => Math.abs(s.weight));
    const out = r.network.synapses.filter((s) => r.ids.includes(s.source)).map((s) => Math.abs(s.weight));
    expect(Math.max(...into)).toBeLessThanOrEqual(Math.sqrt(6 / 3) + 1e-3);
    expect(Math.max(...into)).toBeGreaterThan(0.5); // wider than the canvas's ±0.5
    expect(Math.max(...out)).toBeLessThanOrEqual(Math.sqrt(6 / 6) + 1e-3);
    expect([...into, ...out].every((w) => w !== 0)).toBe(true);
  });

  it('a selection: selected non-outputs feed the layer, selected outputs take it; other synapses stay', () => {
    const net = direct();
    const { sources, targets } = layerEnds(net, ['x1', 'x2', 'y2']);
    expect({ sources, targets }).toEqual({ sources: ['x1', 'x2'], targets: ['y2'] });
    const r = insertLayer(net, { sources, targets, count: 2, activation: 'tanh', newId: ids(), rng: seeded() });
    if (!r.ok) throw new Error(r.reason);
    expect(r.removed).toBe(2);
    const e = edges(r.network);
    expect(e.has('x1>y2') || e.has('x2>y2')).toBe(false);
    for (const kept of ['x3>y2', 'x1>y1', 'x2>y1', 'x3>y1']) expect(e.has(kept)).toBe(true);
    expect(layerEnds(net, [])).toEqual({ sources: ['x1', 'x2', 'x3'], targets: ['y1', 'y2'] });
  });

  it('keeps the sign a Dale-marked source requires', () => {
    const net = direct();
    net.neurons[0] = { ...net.neurons[0], dale: 'I' };
    net.neurons[1] = { ...net.neurons[1], dale: 'E' };
    const r = insertLayer(net, { sources: [], targets: [], count: 8, activation: 'tanh', newId: ids(), rng: seeded(5) });
    if (!r.ok) throw new Error(r.reason);
    expect(r.network.synapses.filter((s) => s.source === 'x1').every((s) => s.weight < 0)).toBe(true);
    expect(r.network.synapses.filter((s) => s.source === 'x2').every((s) => s.weight > 0)).toBe(true);
  });

  it('refuses what would make a cycle or has no ends, and a bad size', () => {
    const net = direct();
    const h = neuron('h', 'hidden', 110, 0);
    const withHidden: Network = { ...net, neurons: [...net.neurons, h], synapses: [...net.synapses, { id: 's-hx', source: 'h', target: 'y1', weight: 1 }, { id: 's-xh', source: 'x1', target: 'h', weight: 1 }] };
    // h feeds y1; a layer fed by y1's ancestor h and feeding h itself would be a cycle.
    const cyc = insertLayer(withHidden, { sources: ['h'], targets: ['h'], count: 2, activation: 'tanh', newId: ids(), rng: seeded() });
    expect(cyc).toMatchObject({ ok: false });
    const noInputs: Network = { ...net, neurons: net.neurons.filter((n) => n.role !== 'input'), synapses: [] };
    expect(insertLayer(noInputs, { sources: [], targets: [], count: 2, activation: 'tanh', newId: ids(), rng: seeded() })).toMatchObject({ ok: false, reason: expect.stringContaining('nothing to feed') });
    expect(insertLayer(net, { sources: [], targets: [], count: 0, activation: 'tanh', newId: ids(), rng: seeded() })).toMatchObject({ ok: false, reason: 'A layer has 1 to 512 neurons.' });
  });

  it('hidden layers 16,8 in a row: inputs → 16 → 8 → outputs and nothing direct left', () => {
    const net = insertHiddenLayers(direct(), [16, 8], 'tanh', ids(), seeded());
    const hidden = net.neurons.filter((n) => n.role === 'hidden');
    expect(hidden).toHaveLength(24);
    const first = hidden.slice(0, 16).map((n) => n.id);
    const second = hidden.slice(16).map((n) => n.id);
    const e = edges(net);
    expect(net.synapses).toHaveLength(3 * 16 + 16 * 8 + 8 * 2);
    expect(second.every((b) => first.every((a) => e.has(`${a}>${b}`)))).toBe(true);
    expect(second.every((b) => e.has(`${b}>y1`))).toBe(true);
    expect(first.some((a) => e.has(`${a}>y1`))).toBe(false);
    const xs = [...new Set(hidden.map((n) => n.position.x))];
    expect(xs).toHaveLength(2);
    expect(net.neurons.find((n) => n.id === 'y1')!.position.x).toBeGreaterThan(Math.max(...xs));
  });
});
