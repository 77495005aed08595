import type { DatasetMeta } from './schema';

/** One cell as the data view shows it: a number, a category or class name, or null. */
export type DisplayCell = number | string | null;

/**
 * The used columns of one encoded row turned back into their original units (inverting
 * standardise / min-max, reading one-hot and class outputs back as names). Missing cells
 * were filled at import, so they show their filled value.
 */
export function decodeRow(meta: DatasetMeta, x: ArrayLike<number>, y: ArrayLike<number>, row: number): DisplayCell[] {
  const F = meta.features.length;
  const O = meta.outputs.length;
  const out: DisplayCell[] = [];
  let f = 0;
  let o = 0;
  for (const c of meta.columns) {
    const p = c.params;
    if (!p) continue;
    const isFeature = c.config.role === 'feature';
    const src = isFeature ? x : y;
    const stride = isFeature ? F : O;
    const at = row * stride + (isFeature ? f : o);
    if (p.kind === 'numeric') {
      const v = src[at];
      const enc = c.config.encoding;
      const value = enc === 'standardise' ? v * (p.std > 0 ? p.std : 1) + p.mean : enc === 'min-max' ? v * (p.max - p.min || 1) + p.min : v;
      out.push(Math.round(value * 1e9) / 1e9);
      if (isFeature) f += 1;
      else o += 1;
    } else {
      let name: string | null = null;
      for (let k = 0; k < p.vocab.length; k++) if (src[at + k] === 1) name = p.vocab[k];
      out.push(name);
      if (isFeature) f += p.vocab.length;
      else o += p.vocab.length;
    }
  }
  return out;
}

/** Names of the columns decodeRow returns, in order. */
export function decodedColumnNames(meta: DatasetMeta): string[] {
  return meta.columns.filter((c) => c.params).map((c) => c.name);
}
