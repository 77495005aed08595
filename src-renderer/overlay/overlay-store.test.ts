import { describe, expect, it } from 'vitest';
import type { Network } from '../../src-shared/model/network';
import { useOverlayStore } from './overlay-store';

const net: Network = {
  version: 1,
  neurons: [
    { id: 'a', role: 'input', label: 'a', activation: 'identity', bias: 0, position: { x: 0, y: 0 }, dale: null },
    { id: 'b', role: 'input', label: 'b', activation: 'identity', bias: 0, position: { x: 0, y: 0 }, dale: null },
    { id: 'y', role: 'output', label: 'y', activation: 'tanh', bias: 0.5, position: { x: 0, y: 0 }, dale: null },
  ],
  synapses: [
    { id: 'ay', source: 'a', target: 'y', weight: -1 },
    { id: 'by', source: 'b', target: 'y', weight: 2 },
  ],
  softmaxGroups: [],
  viewport: null,
};

const sample = (a: number, b: number) => ({
  z: new Map([['a', a], ['b', b], ['y', -a + 2 * b + 0.5]]),
  o: new Map([['a', a], ['b', b], ['y', Math.tanh(-a + 2 * b + 0.5)]]),
  c: new Map([['ay', -a], ['by', 2 * b]]),
});

describe('overlay store', () => {
  it('derives edges and budgets from a sample, keeping unchanged edge views so their edges skip re-rendering', () => {
    const s = useOverlayStore.getState();
    s.setMode('contributions');
    s.setResults(net, { sample: sample(-1, 1), baseline: sample(-1, 1) });
    const first = useOverlayStore.getState().edges;
    expect(first.get('ay')!.effect).toBe('excitatory');
    expect(first.get('ay')!.signFlip).toBe(true);
    expect(useOverlayStore.getState().budgets.get('y')).toMatchObject({ excitatory: 3, inhibitory: 0, bias: 0.5 });
    // The same sample again keeps every object; a new sample replaces what changed.
    s.setResults(net, { sample: sample(-1, 1) });
    const again = useOverlayStore.getState().edges;
    expect(again.get('ay')).toBe(first.get('ay'));
    expect(again.get('by')).toBe(first.get('by'));
    s.setResults(net, { sample: sample(-1, -1) });
    const changed = useOverlayStore.getState().edges;
    expect(changed.get('by')!.effect).toBe('inhibitory');
    expect(changed.get('by')).not.toBe(first.get('by'));
    // Off draws nothing; lesions are view state only.
    s.toggleLesion('synapses', 'ay');
    expect(useOverlayStore.getState().lesions.synapses).toEqual(['ay']);
    s.toggleLesion('synapses', 'ay');
    expect(useOverlayStore.getState().lesions.synapses).toEqual([]);
    s.setMode('off');
    s.setResults(net, {});
    expect(useOverlayStore.getState().edges.size).toBe(0);
  });
});
