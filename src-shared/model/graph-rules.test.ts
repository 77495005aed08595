import { describe, expect, it } from 'vitest';
import { adjacency, directionFaults, duplicateSynapses, isSelfLoop, levelOrder, reachable } from './graph-rules';

const syn = (source: string, target: string) => ({ source, target });

describe('graph rules', () => {
  it('names direction faults by the roles of the ends, the target first', () => {
    expect(directionFaults({ role: 'hidden' }, { role: 'hidden' })).toEqual([]);
    expect(directionFaults({ role: 'output' }, { role: 'input' })).toEqual(['into-input', 'from-output']);
    expect(directionFaults({ role: 'output' }, { role: 'hidden' })).toEqual(['from-output']);
    expect(isSelfLoop('a', 'a')).toBe(true);
    expect(isSelfLoop('a', 'b')).toBe(false);
  });

  it('finds every repeat of a pair after its first, and no false repeat from ids that join alike', () => {
    expect(duplicateSynapses([syn('a', 'b'), syn('b', 'a'), syn('a', 'b'), syn('a', 'b')])).toEqual([2, 3]);
    expect(duplicateSynapses([syn('a->b', 'c'), syn('a', 'b->c')])).toEqual([]);
  });

  it('orders nodes with longest-path levels and leaves a cycle out of the order', () => {
    const { order, level } = levelOrder(4, [[1, 2], [3], [1], []]);
    expect(order).toEqual([0, 2, 1, 3]);
    expect(Array.from(level)).toEqual([0, 2, 1, 3]);
    expect(levelOrder(3, [[1], [2], [1]]).order).toEqual([0]);
  });

  it('searches forward and backward from many starts at once', () => {
    const s = [syn('x1', 'h'), syn('x2', 'g'), syn('h', 'y'), syn('g', 'z')];
    expect([...reachable(adjacency(s, 'forward'), ['x1'])].sort()).toEqual(['h', 'x1', 'y']);
    expect([...reachable(adjacency(s, 'forward'), ['x1', 'x2'])].sort()).toEqual(['g', 'h', 'x1', 'x2', 'y', 'z']);
    expect([...reachable(adjacency(s, 'backward'), ['y', 'z'])].sort()).toEqual(['g', 'h', 'x1', 'x2', 'y', 'z']);
    expect([...reachable(adjacency(s, 'backward'), ['h'])].sort()).toEqual(['h', 'x1']);
  });
});
