import type { NeuronRole } from '../../src-shared/model/network';

/** The drag-and-drop MIME type of palette tiles; its value is a neuron role or "dense". */
export const PALETTE_MIME = 'application/x-neurite-palette';

/** What a palette tile drops. */
export type PaletteItem = NeuronRole | 'dense';

/** Reads a palette item from a drop, or null if the drop is something else. */
export function paletteItemOf(dt: DataTransfer | null): PaletteItem | null {
  const v = dt?.getData(PALETTE_MIME);
  return v === 'input' || v === 'hidden' || v === 'output' || v === 'dense' ? v : null;
}

/** The size of a neuron card, to centre a dropped neuron on the pointer. */
export const NEURON_SIZE = { width: 160, height: 46 } as const;
