import { describe, expect, it } from 'vitest';
import { NEURON_SIZE } from './palette-dnd';
import { boxOf, pasteOffset } from './paste-position';

const originals = [
  { x: 0, y: 0 },
  { x: 200, y: 100 },
];

function landed(off: { x: number; y: number }) {
  return boxOf(originals.map((p) => ({ x: p.x + off.x, y: p.y + off.y })));
}

describe('pasteOffset', () => {
  it('puts the copy at the pointer when nothing is there', () => {
    const off = pasteOffset({ pasted: originals, existing: originals, pointer: { x: 1000, y: 500 }, center: { x: 0, y: 0 }, ownCopy: true, count: 0 });
    expect(landed(off)).toMatchObject({ x: 1000, y: 500 });
  });

  it('never lands on the originals: with the pointer over them the copy goes beside them', () => {
    const off = pasteOffset({ pasted: originals, existing: originals, pointer: { x: 100, y: 20 }, center: { x: 0, y: 0 }, ownCopy: true, count: 0 });
    const src = boxOf(originals);
    const dst = landed(off);
    expect(dst.x).toBeGreaterThanOrEqual(src.x + src.width);
    expect(off.y).toBe(0);
  });

  it('steps further right on each repeated paste without a pointer, clear of earlier copies', () => {
    const width = boxOf(originals).width;
    const first = pasteOffset({ pasted: originals, existing: originals, pointer: null, center: { x: 0, y: 0 }, ownCopy: true, count: 0 });
    const existing = [...originals, ...originals.map((p) => ({ x: p.x + first.x, y: p.y }))];
    const second = pasteOffset({ pasted: originals, existing, pointer: null, center: { x: 0, y: 0 }, ownCopy: true, count: 1 });
    expect(first.x).toBeGreaterThanOrEqual(width);
    expect(second.x).toBeGreaterThanOrEqual(first.x + width);
  });

  it('centres a foreign document in the view when the pointer is elsewhere', () => {
    const off = pasteOffset({ pasted: [{ x: 0, y: 0 }], existing: [], pointer: null, center: { x: 500, y: 300 }, ownCopy: false, count: 0 });
    expect(off).toEqual({ x: 500 - NEURON_SIZE.width / 2, y: 300 - NEURON_SIZE.height / 2 });
  });
});
