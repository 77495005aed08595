/**
 * Labels cut in the middle rather than at the end, so "species=setosa" and "species=versicolor"
 * stay distinguishable on a narrow card: the end of a label (a one-hot value, a class) is usually
 * what tells it apart.
 */

/** The longest "head…tail" of `text` that `measure` says fits in `maxWidth` (the text itself when it fits). */
export function middleEllipsis(text: string, maxWidth: number, measure: (s: string) => number): string {
  if (measure(text) <= maxWidth) return text;
  const chars = [...text];
  // Binary search on how many characters to keep, split slightly towards the tail.
  let lo = 0;
  let hi = chars.length - 1;
  const cut = (keep: number) => {
    const tail = Math.ceil(keep / 2);
    return chars.slice(0, keep - tail).join('') + '…' + chars.slice(chars.length - tail).join('');
  };
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (measure(cut(mid)) <= maxWidth) lo = mid;
    else hi = mid - 1;
  }
  return cut(lo);
}

let ctx: CanvasRenderingContext2D | null | undefined;
const cache = new Map<string, string>();

/** The width of `text` in a CSS font, measured on a 2D canvas (a rough per-character estimate where there is none). */
export function textWidth(text: string, font: string): number {
  if (ctx === undefined) ctx = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  if (!ctx) return text.length * 7;
  ctx.font = font;
  return ctx.measureText(text).width;
}

/** `middleEllipsis` of a label in a font, remembered (a thousand neurons re-render often). */
export function fitLabel(text: string, maxWidth: number, font: string): string {
  const key = `${font}|${maxWidth}|${text}`;
  let out = cache.get(key);
  if (out === undefined) {
    out = middleEllipsis(text, maxWidth, (s) => textWidth(s, font));
    if (cache.size > 5000) cache.clear();
    cache.set(key, out);
  }
  return out;
}
