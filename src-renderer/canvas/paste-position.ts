/**
 * Where pasted neurons land: at the pointer when it is over the canvas and the copy would cover no
 * neuron there, otherwise beside the originals (or the view's centre for a foreign document),
 * clear of them, never on top.
 */
import { NEURON_SIZE } from './palette-dnd';

type Point = { x: number; y: number };
/** An axis-aligned box in flow coordinates. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const GAP = 40;

/** The box around neuron cards placed at these top-left positions. */
export function boxOf(positions: readonly Point[]): Box {
  const xs = positions.map((p) => p.x);
  const ys = positions.map((p) => p.y);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, width: Math.max(...xs) + NEURON_SIZE.width - x, height: Math.max(...ys) + NEURON_SIZE.height - y };
}

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** What decides a paste's place. */
export interface PasteContext {
  /** Top-left positions of the neurons being pasted, as copied. */
  pasted: readonly Point[];
  /** Top-left positions of every neuron already on the canvas. */
  existing: readonly Point[];
  /** The pointer in flow coordinates, when it is over the canvas. */
  pointer: Point | null;
  /** The centre of the visible canvas in flow coordinates. */
  center: Point;
  /** True when the pasted document is our own copy of neurons on this canvas (the originals may still be there). */
  ownCopy: boolean;
  /** How many times this copy was pasted before (each fallback lands a step further). */
  count: number;
}

/** The offset to add to every pasted position. */
export function pasteOffset(c: PasteContext): Point {
  const src = boxOf(c.pasted);
  const others = c.existing.map((p) => ({ x: p.x, y: p.y, width: NEURON_SIZE.width, height: NEURON_SIZE.height }));
  const free = (off: Point) => {
    const b = { x: src.x + off.x, y: src.y + off.y, width: src.width, height: src.height };
    return !others.some((o) => overlaps(b, o));
  };
  if (c.pointer) {
    // The pointer marks the copy's top-left corner, as when placing a drawing in most editors.
    const at = { x: Math.round(c.pointer.x - src.x), y: Math.round(c.pointer.y - src.y) };
    if (free(at)) return at;
  }
  if (!c.ownCopy) {
    const centred = { x: Math.round(c.center.x - (src.x + src.width / 2)), y: Math.round(c.center.y - (src.y + src.height / 2)) };
    if (free(centred)) return centred;
  }
  // Step right of the originals by the copy's width, then further, until nothing is covered.
  for (let k = c.count + 1; k < c.count + 200; k++) {
    const off = { x: (src.width + GAP) * k, y: 0 };
    if (free(off)) return off;
  }
  return { x: (src.width + GAP) * (c.count + 1), y: 0 };
}
