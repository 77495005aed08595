import { describe, expect, it } from 'vitest';
import type { Network, Neuron } from '../../src-shared/model/network';
import { CARD, MIN_GAP, nodeHeight } from './node-extent';
import { makeRoom, needsRoom } from './room';

const at = (id: string, x: number, y: number): Neuron => ({ id, role: 'hidden', label: id, activation: 'tanh', bias: 0, position: { x, y }, dale: null });
const net = (neurons: Neuron[]): Network => ({ version: 1, neurons, synapses: [], softmaxGroups: [], viewport: null });

/** Every pair of drawings (card + extras) as boxes: none may overlap. */
function overlapping(n: Network, h: number): string[] {
  const bad: string[] = [];
  for (const a of n.neurons)
    for (const b of n.neurons) {
      if (a.id >= b.id) continue;
      const apart = a.position.x + CARD.width <= b.position.x || b.position.x + CARD.width <= a.position.x || a.position.y + h <= b.position.y || b.position.y + h <= a.position.y;
      if (!apart) bad.push(`${a.id}/${b.id}`);
    }
  return bad;
}

describe('room for what the overlays draw', () => {
  // Two columns 84 apart (the starter layout) and a stray neuron nudged under h2.
  const n = net([at('h1', 0, -84), at('h2', 0, 0), at('h3', 0, 84), at('k1', 220, -42), at('k2', 220, 42), at('s', 40, 30)]);

  it('budgets fit the starter spacing; heatmaps do not', () => {
    const tidy = net(n.neurons.filter((x) => x.id !== 's'));
    expect(needsRoom(tidy, { budget: true, heatmap: false })).toBe(false);
    expect(needsRoom(tidy, { budget: true, heatmap: true })).toBe(true);
  });

  it('spreads each column just enough, keeps its order and centre, and leaves no overlap', () => {
    const extras = { budget: true, heatmap: true };
    const h = nodeHeight(extras);
    expect(overlapping(n, h).length).toBeGreaterThan(0);
    const spread = makeRoom(n, extras);
    expect(overlapping(spread, h)).toEqual([]);
    expect(needsRoom(spread, extras)).toBe(false);
    const y = (id: string) => spread.neurons.find((x) => x.id === id)!.position.y;
    expect([y('h1'), y('h2'), y('s'), y('h3')].every((v, i, a) => i === 0 || v - a[i - 1] >= h + MIN_GAP.y - 1)).toBe(true);
    // The column stays centred where it was: (−84 + 84) / 2 = 0 between its first and last.
    expect(Math.abs((y('h1') + y('h3')) / 2)).toBeLessThanOrEqual(1);
    // Nothing moves sideways; a second pass changes nothing.
    expect(spread.neurons.map((x) => x.position.x)).toEqual(n.neurons.map((x) => x.position.x));
    expect(makeRoom(spread, extras)).toBe(spread);
  });
});
