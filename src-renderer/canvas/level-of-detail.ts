/**
 * The canvas's levels of detail: zoomed out, cards drop their small print and their labels grow (canvas.css), so
 * labels stay legible. A card cuts its label for the font and room of the level it is drawn at.
 */

/** A level of detail, as the class on the canvas. */
export type LevelOfDetail = '' | 'is-mid' | 'is-far';

const MID_ZOOM = 0.75;
const FAR_ZOOM = 0.5;

/** The level of detail at a zoom. */
export function levelOfDetail(zoom: number): LevelOfDetail {
  return zoom < FAR_ZOOM ? 'is-far' : zoom < MID_ZOOM ? 'is-mid' : '';
}

const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

/** A label's room on a card (card width less padding, gap and glyph; no glyph when far) and its font, as the CSS sets them. */
export const LABEL_FIT: Record<LevelOfDetail, { width: number; font: string }> = {
  '': { width: 88, font: `650 13px ${FONT}` },
  'is-mid': { width: 88, font: `650 18px ${FONT}` },
  'is-far': { width: 128, font: `650 26px ${FONT}` },
};
