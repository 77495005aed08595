import { describe, expect, it } from 'vitest';
import { makeExample } from '../data/examples';
import { freshId, randomId, takenIds } from './ids';

describe('ids', () => {
  it('never repeats across 10⁵ draws', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 100_000; i++) seen.add(randomId('n-'));
    expect(seen.size).toBe(100_000);
    expect([...seen].every((id) => /^n-[0-9a-f]{16}$/.test(id))).toBe(true);
  });

  it('freshId skips ids already taken and records the new one', () => {
    const taken = new Set<string>();
    const a = freshId('s-', taken);
    expect(taken.has(a)).toBe(true);
    expect(freshId('s-', taken)).not.toBe(a);
  });

  it('two projects made the same way (same example, same seed) share no neuron, synapse, group or dataset id', () => {
    const a = makeExample('blobs', { seed: 1, classes: 3 });
    const b = makeExample('blobs', { seed: 1, classes: 3 });
    const idsA = takenIds(a.network);
    const idsB = takenIds(b.network);
    expect(idsA.size).toBe(a.network.neurons.length + a.network.synapses.length + a.network.softmaxGroups.length);
    expect([...idsB].filter((id) => idsA.has(id))).toEqual([]);
    expect(a.dataset.meta.id).not.toBe(b.dataset.meta.id);
    // Same labels, same weights: only the ids differ, so the ids are not derived from either.
    expect(b.network.neurons.map((n) => n.label)).toEqual(a.network.neurons.map((n) => n.label));
    expect(b.network.synapses.map((s) => s.weight)).toEqual(a.network.synapses.map((s) => s.weight));
  });
});
