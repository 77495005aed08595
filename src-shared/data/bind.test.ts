import { describe, expect, it } from 'vitest';
import { validateNetwork } from '../model/validate';
import { bindNetworkToDataset, starterNetwork, type BindingMeta } from './bind';

const meta = (features: string[], classes: string[] | null, target = 'species'): BindingMeta => ({
  features: features.map((name) => ({ name, column: name.split('=')[0], category: name.includes('=') ? name.split('=')[1] : null })),
  outputs: classes
    ? classes.map((c) => ({ name: `${target}=${c}`, column: target, className: c, activation: 'identity' as const }))
    : [{ name: target, column: target, className: null, activation: 'identity' as const }],
  targets: [{ column: target, kind: classes ? 'classes' : 'regression', classes, outputStart: 0, outputCount: classes ? classes.length : 1 }],
});

describe('bindNetworkToDataset', () => {
  it('builds a starter network: one input per feature, one output per class in a softmax group, dense layers, no issues', () => {
    const net = starterNetwork(meta(['bill', 'island=Biscoe', 'island=Dream'], ['Adelie', 'Gentoo']), { hidden: [4], seed: 2 });
    expect(net.neurons.filter((n) => n.role === 'input').map((n) => n.label)).toEqual(['bill', 'island=Biscoe', 'island=Dream']);
    expect(net.neurons.filter((n) => n.role === 'output').map((n) => n.label)).toEqual(['species=Adelie', 'species=Gentoo']);
    expect(net.synapses).toHaveLength(3 * 4 + 4 * 2);
    expect(net.softmaxGroups).toHaveLength(1);
    expect(net.softmaxGroups[0].members).toEqual(net.neurons.filter((n) => n.role === 'output').map((n) => n.id));
    expect(validateNetwork(net).filter((i) => i.severity === 'error')).toEqual([]);
    // Laid out by depth: inputs x=0, hidden x=220, outputs x=440.
    expect([...new Set(net.neurons.map((n) => `${n.role}@${n.position.x}`))]).toEqual(['input@0', 'hidden@220', 'output@440']);
  });

  it('rebinding keeps hidden neurons, matching inputs and their weights; drops the rest; wires new inputs to the first layer', () => {
    const net = starterNetwork(meta(['a', 'b', 'c'], ['x', 'y']), { hidden: [3, 2], seed: 4 });
    const idOf = (label: string) => net.neurons.find((n) => n.label === label)!.id;
    const aWeights = net.synapses.filter((s) => s.source === idOf('a'));
    const hiddenIds = net.neurons.filter((n) => n.role === 'hidden').map((n) => n.id);
    const firstLayer = net.synapses.filter((s) => s.source === idOf('a')).map((s) => s.target).sort();
    const re = bindNetworkToDataset(net, meta(['a', 'c', 'd'], ['x', 'y', 'z']), { seed: 9 });
    expect(re.neurons.filter((n) => n.role === 'hidden').map((n) => n.id)).toEqual(hiddenIds);
    expect(re.neurons.find((n) => n.label === 'a')!.id).toBe(idOf('a'));
    expect(re.neurons.some((n) => n.label === 'b')).toBe(false);
    expect(re.synapses.filter((s) => s.source === idOf('a'))).toEqual(aWeights);
    expect(re.synapses.some((s) => s.source === idOf('b'))).toBe(false);
    const d = re.neurons.find((n) => n.label === 'd')!;
    expect(re.synapses.filter((s) => s.source === d.id).map((s) => s.target).sort()).toEqual(firstLayer);
    const z = re.neurons.find((n) => n.label === 'species=z')!;
    expect(re.synapses.filter((s) => s.target === z.id)).toHaveLength(2);
    expect(re.softmaxGroups).toHaveLength(1);
    expect(re.softmaxGroups[0].members).toHaveLength(3);
    expect(validateNetwork(re).filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('rebinding to the same dataset changes nothing', () => {
    const m = meta(['a', 'b'], null, 'price');
    const net = starterNetwork(m, { seed: 3 });
    expect(bindNetworkToDataset(net, m, { seed: 99 })).toEqual(net);
  });

  it('binds an empty network straight input → output when there is no hidden neuron', () => {
    const net = bindNetworkToDataset({ version: 1, neurons: [], synapses: [], softmaxGroups: [], viewport: null }, meta(['a', 'b'], null, 'y'));
    expect(net.neurons.map((n) => `${n.role}:${n.label}`)).toEqual(['input:a', 'input:b', 'output:y']);
    expect(net.synapses).toHaveLength(2);
    expect(net.softmaxGroups).toEqual([]);
  });
});
