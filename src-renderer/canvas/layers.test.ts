import { describe, expect, it } from 'vitest';
import type { Network, Neuron } from '../../src-shared/model/network';
import { aggregateEdges, layerNodeId, layerSummaries, levelsOf, tallLevels } from './layers';

const neuron = (id: string, role: Neuron['role'], y = 0): Neuron => ({ id, role, label: id, activation: role === 'hidden' ? 'tanh' : 'identity', bias: 0, position: { x: 0, y }, dale: null });

/** x1, x2 → h1..h3 (dense) → y, plus x1 → y (a skip synapse). */
function net(): Network {
  const w: Record<string, number> = { 'x1-h1': 0.5, 'x2-h1': -1, 'x1-h2': 2, 'x2-h2': -0.25, 'x1-h3': -3, 'x2-h3': 0.75, 'h1-y': 1.5, 'h2-y': -2, 'h3-y': 0.1, 'x1-y': 4 };
  return {
    version: 1,
    neurons: [neuron('x1', 'input'), neuron('x2', 'input', 84), neuron('h1', 'hidden', -84), neuron('h2', 'hidden', 0), neuron('h3', 'hidden', 84), neuron('y', 'output')],
    synapses: Object.entries(w).map(([k, weight]) => ({ id: k, source: k.split('-')[0], target: k.split('-')[1], weight })),
    softmaxGroups: [],
    viewport: null,
  };
}

describe('collapsed layers', () => {
  const n = net();
  const levels = levelsOf(n);

  it('groups neurons by depth level: inputs, each hidden depth, outputs last', () => {
    expect([...levels.entries()].map(([l, m]) => [l, m.map((x) => x.id)])).toEqual([
      [0, ['x1', 'x2']],
      [1, ['h1', 'h2', 'h3']],
      [2, ['y']],
    ]);
  });

  it('aggregated edges are the sums of their member synapses (Σv and Σ|v|), one per pair of ends', () => {
    const [layer] = layerSummaries(levels, [1]);
    expect(layer).toMatchObject({ id: layerNodeId(1), count: 3, activations: ['tanh'], position: { x: 0, y: 0 } });
    const nodeOf = new Map(layer.memberIds.map((m) => [m, layer.id]));
    const agg = aggregateEdges(n, nodeOf, (_, w) => w);
    const byPair = new Map(agg.map((a) => [`${a.source}>${a.target}`, a]));
    // Independently: filter the document's synapses by their ends and add them up.
    for (const [src, tgt] of [['x1', 'layer-1'], ['x2', 'layer-1'], ['layer-1', 'y']]) {
      const members = n.synapses.filter((s) => (src === 'layer-1' ? s.source.startsWith('h') : s.source === src) && (tgt === 'layer-1' ? s.target.startsWith('h') : s.target === tgt));
      const a = byPair.get(`${src}>${tgt}`)!;
      expect(a.count).toBe(members.length);
      expect(a.sum).toBeCloseTo(members.reduce((t, s) => t + s.weight, 0), 12);
      expect(a.sumAbs).toBeCloseTo(members.reduce((t, s) => t + Math.abs(s.weight), 0), 12);
    }
    // x1 → layer: 0.5 + 2 − 3 = −0.5 (inhibitory by the aggregate) while Σ|w| = 5.5.
    expect(byPair.get('x1>layer-1')).toMatchObject({ sum: -0.5, sumAbs: 5.5, count: 3 });
    // A synapse with no end in a collapsed level stays out (drawn as it is).
    expect(byPair.has('x1>y')).toBe(false);
    expect(agg).toHaveLength(3);
  });

  it('aggregates whatever the overlay shows (here c), and two collapsed levels meet in one edge', () => {
    const c = new Map(n.synapses.map((s, k) => [s.id, (k % 3) - 1 + s.weight / 10]));
    const layers = layerSummaries(levels, [0, 1]);
    const nodeOf = new Map(layers.flatMap((l) => l.memberIds.map((m) => [m, l.id] as [string, string])));
    const agg = aggregateEdges(n, nodeOf, (id) => c.get(id)!);
    const inToHidden = agg.find((a) => a.source === 'layer-0' && a.target === 'layer-1')!;
    const members = n.synapses.filter((s) => s.source.startsWith('x') && s.target.startsWith('h'));
    expect(inToHidden.count).toBe(6);
    expect(inToHidden.sum).toBeCloseTo(members.reduce((t, s) => t + c.get(s.id)!, 0), 12);
    expect(agg.find((a) => a.source === 'layer-0' && a.target === 'y')!.count).toBe(1);
  });

  it('a level is too tall when its drawing exceeds the height available at a legible zoom', () => {
    expect(tallLevels(levels, 200, 46)).toEqual([1]); // 168 + 46 > 200
    expect(tallLevels(levels, 220, 46)).toEqual([]);
  });
});
