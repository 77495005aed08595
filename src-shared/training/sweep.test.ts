import { describe, expect, it } from 'vitest';
import { compileNetwork } from '../engine/compile';
import { layeredNetwork } from '../engine/build';
import { hiddenLayers, MAX_SWEEP_RUNS, networkWithWidth, SweepSpecSchema, sweepPoints } from './sweep';

describe('sweep grids', () => {
  it('list every combination, learning rate outermost and seed innermost', () => {
    expect(sweepPoints({ lrs: [0.1, 0.01], widths: [4, 8], seeds: [1, 2] })).toEqual([
      { lr: 0.1, width: 4, seed: 1 }, { lr: 0.1, width: 4, seed: 2 }, { lr: 0.1, width: 8, seed: 1 }, { lr: 0.1, width: 8, seed: 2 },
      { lr: 0.01, width: 4, seed: 1 }, { lr: 0.01, width: 4, seed: 2 }, { lr: 0.01, width: 8, seed: 1 }, { lr: 0.01, width: 8, seed: 2 },
    ]);
    expect(sweepPoints({ lrs: [0.1], widths: [], seeds: [3] })).toEqual([{ lr: 0.1, width: null, seed: 3 }]);
  });

  it('refuse grids that are too big, widths without a layer, and bad values', () => {
    expect(SweepSpecSchema.safeParse({ lrs: [0.1, 0.2, 0.3], widths: [1, 2, 3, 4], layer: ['h'], seeds: [1, 2, 3] }).success).toBe(false);
    expect(SweepSpecSchema.safeParse({ lrs: [0.1, 0.2, 0.3], widths: [1, 2, 3], layer: ['h'], seeds: [1, 2, 3] }).success).toBe(true);
    expect(3 * 3 * 3).toBe(MAX_SWEEP_RUNS);
    expect(SweepSpecSchema.safeParse({ lrs: [0.1], widths: [4], layer: [], seeds: [1] }).error?.issues[0].message).toMatch(/hidden layer/);
    expect(SweepSpecSchema.safeParse({ lrs: [-1], seeds: [1] }).success).toBe(false);
    expect(SweepSpecSchema.safeParse({ lrs: [0.1], seeds: [] }).success).toBe(false);
  });

  it('find the hidden layers by depth, shallowest first', () => {
    const net = layeredNetwork([3, 5, 4, 2], { activations: ['relu', 'tanh', 'sigmoid'] });
    const layers = hiddenLayers(net);
    expect(layers.map((l) => l.ids.length)).toEqual([5, 4]);
    expect(layers[0].depth).toBeLessThan(layers[1].depth);
  });

  it('resize a layer: narrower keeps the first neurons, wider adds copies wired like the last one', () => {
    const net = layeredNetwork([3, 5, 4, 2], { activations: ['relu', 'tanh', 'sigmoid'] });
    const [first, second] = hiddenLayers(net);
    const narrow = networkWithWidth(net, first.ids, 2);
    expect(hiddenLayers(narrow).map((l) => l.ids)).toEqual([first.ids.slice(0, 2), second.ids]);
    expect(narrow.synapses).toHaveLength(3 * 2 + 2 * 4 + 4 * 2);
    expect(() => compileNetwork(narrow)).not.toThrow();

    const wide = networkWithWidth(net, second.ids, 7);
    const layers = hiddenLayers(wide);
    expect(layers[1].ids).toHaveLength(7);
    expect(wide.synapses).toHaveLength(3 * 5 + 5 * 7 + 7 * 2);
    const ids = [...wide.neurons.map((n) => n.id), ...wide.synapses.map((s) => s.id)];
    expect(new Set(ids).size).toBe(ids.length);
    const added = wide.neurons.filter((n) => !net.neurons.some((m) => m.id === n.id));
    expect(added.every((n) => n.activation === 'tanh' && n.role === 'hidden')).toBe(true);
    const program = compileNetwork(wide);
    // Still two dense layers: the copies share their sources with the layer.
    expect(program.blocks.filter((b) => b.targets.length > 1).map((b) => b.targets.length)).toEqual([5, 7, 2]);
    expect(networkWithWidth(net, second.ids, 4)).toBe(net);
    expect(() => networkWithWidth(net, ['nope'], 3)).toThrow(/not in the network/);
  });
});
