/**
 * How much room a neuron takes on the canvas with everything drawn for it: the card, and under it the
 * E/I budget (Contributions overlay) and the heatmap (square, at the card's width). Layout, "make room"
 * and the CSS of the node use these numbers, so what is laid out is what is drawn.
 */

/** The neuron card. */
export const CARD = { width: 160, height: 46 } as const;
/** The compact E/I budget under a card (with its gap). */
export const BUDGET_HEIGHT = 28;
/** The heatmap under a card: a square at the card's width (with its gap). */
export const HEATMAP_HEIGHT = CARD.width + 4;
/** The least empty space between two neurons' drawings, across and down. */
export const MIN_GAP = { x: 48, y: 10 } as const;

/** What is drawn under every card right now. */
export interface NodeExtras {
  budget: boolean;
  heatmap: boolean;
}

/** The height of a neuron with its extras, in flow units. */
export function nodeHeight(extras: NodeExtras): number {
  return CARD.height + (extras.budget ? BUDGET_HEIGHT : 0) + (extras.heatmap ? HEATMAP_HEIGHT : 0);
}
