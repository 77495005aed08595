/**
 * Rows of another file encoded exactly as a stored dataset was (its means, scales, vocabularies and class
 * lists, never recomputed), so a trained network can be evaluated on new data. Columns are matched by name
 * (by position for a file without a header row); every refusal names the file, line, column and value.
 */
import { categoryOf, datePart, isMissing, parseBooleanCell, parseDateCell, parseNumberCell } from './cells';
import { classNameOf } from './encode';
import type { ColumnMeta, DatasetMeta } from './schema';

/** New rows encoded like the dataset: X rows × features, Y rows × outputs. */
export interface ReEncoded {
  x: Float64Array;
  y: Float64Array;
  rowCount: number;
  /** Rows left out because a 'drop row' column was missing in them. */
  dropped: number;
}

/** A value or column that the stored encoding cannot take. */
export class EncodingRefusal extends Error {}

function cellValue(c: ColumnMeta, cell: string, decimalComma: boolean): number | undefined {
  if (c.datePart) {
    const t = parseDateCell(cell);
    return t === undefined ? undefined : datePart(t, c.datePart.part);
  }
  return c.config.type === 'boolean' ? parseBooleanCell(cell) : parseNumberCell(cell, decimalComma);
}

/**
 * Encodes `rows` (cells as text; `header` names the columns, null when the file has none) with `meta`'s encoding.
 * `lineOf(r)` is the file line of rows[r], for messages.
 */
export function encodeLikeDataset(meta: DatasetMeta, file: string, header: string[] | null, rows: readonly string[][], lineOf: (r: number) => number, decimalComma: boolean): ReEncoded {
  const used = meta.columns.filter((c) => c.params && c.config.role !== 'ignore');
  const at = used.map((c) => {
    // A date's parts all read the date column they came from.
    const source = c.datePart?.column ?? c.name;
    const j = header ? header.findIndex((h) => h.trim() === source) : c.index;
    if (j < 0 || (!header && j >= (rows[0]?.length ?? 0))) throw new EncodingRefusal(`${file} has no column "${source}" (the dataset uses it as a ${c.config.role}).`);
    return j;
  });
  const F = meta.features.length;
  const O = meta.outputs.length;
  const x = new Float64Array(rows.length * F);
  const y = new Float64Array(rows.length * O);
  let kept = 0;
  rows: for (let r = 0; r < rows.length; r++) {
    const line = lineOf(r);
    const xr = new Float64Array(F);
    const yr = new Float64Array(O);
    let fOff = 0;
    let oOff = 0;
    for (let k = 0; k < used.length; k++) {
      const c = used[k];
      const p = c.params!;
      const cell = rows[r][at[k]] ?? '';
      const where = `${file}, line ${line}, column "${c.datePart?.column ?? c.name}"`;
      const isFeature = c.config.role === 'feature';
      const out = isFeature ? xr : yr;
      const off = isFeature ? fOff : oOff;
      const missing = isMissing(cell) || (c.config.extraMissing ?? []).includes(cell.trim());
      if (p.kind === 'numeric') {
        let v: number;
        if (missing) {
          if (p.fill === null) continue rows;
          v = p.fill;
        } else {
          const parsed = cellValue(c, cell, decimalComma);
          if (parsed === undefined || Number.isNaN(parsed)) throw new EncodingRefusal(`${where}: "${cell}" is not ${c.datePart ? 'a date' : c.config.type === 'boolean' ? 'true or false' : 'a number'}.`);
          v = parsed;
        }
        const enc = c.config.encoding;
        const range = p.max - p.min;
        out[off] = enc === 'standardise' ? (v - p.mean) * (p.std > 0 ? 1 / p.std : 1) : enc === 'min-max' ? (v - p.min) * (range > 0 ? 1 / range : 1) : v;
        if (isFeature) fOff += 1;
        else oOff += 1;
        continue;
      }
      // Categories (and class targets, whose numbers and booleans are named as the import named them).
      const name = missing ? p.fill : c.config.type === 'numeric' ? classNameOf(c.config, cellValue(c, cell, decimalComma) ?? NaN) : c.config.type === 'boolean' ? (parseBooleanCell(cell) === 1 ? 'true' : 'false') : categoryOf(cell);
      if (missing && name === null) continue rows;
      const pos = name === null ? -1 : p.vocab.indexOf(name);
      if (pos < 0 && !isFeature) throw new EncodingRefusal(`${where}: class "${cell.trim()}" is not one of the dataset's classes (${p.vocab.join(', ')}).`);
      // An unseen category of a feature is all zeros, as for validation rows at import.
      if (pos >= 0) out[off + pos] = 1;
      if (isFeature) fOff += p.vocab.length;
      else oOff += p.vocab.length;
    }
    x.set(xr, kept * F);
    y.set(yr, kept * O);
    kept += 1;
  }
  return { x: x.subarray(0, kept * F), y: y.subarray(0, kept * O), rowCount: kept, dropped: rows.length - kept };
}
