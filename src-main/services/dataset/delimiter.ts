import Papa from 'papaparse';

/** Delimiters tried by auto-detection, in order of preference on a tie. */
export const DELIMITER_CANDIDATES = [',', ';', '\t', '|'] as const;

/**
 * Picks the delimiter that splits the sample's first rows into the same number (> 1) of
 * fields most consistently, then into the most fields. A decimal comma rules ',' out.
 */
export function guessDelimiter(sample: string, quote: string, decimalComma: boolean, comment: string): string {
  let best: { d: string; share: number; fields: number } | null = null;
  for (const d of DELIMITER_CANDIDATES) {
    if (d === ',' && decimalComma) continue;
    const rows = (Papa.parse<string[]>(sample, { delimiter: d, quoteChar: quote, preview: 30, comments: comment || false }).data as string[][]).filter(
      (r) => !(r.length === 1 && r[0] === ''),
    );
    if (rows.length > 1) rows.pop(); // the last row of a sample may be cut short
    if (!rows.length) continue;
    const freq = new Map<number, number>();
    for (const r of rows) freq.set(r.length, (freq.get(r.length) ?? 0) + 1);
    let fields = 0;
    let count = 0;
    for (const [f, c] of freq) if (c > count || (c === count && f > fields)) [fields, count] = [f, c];
    if (fields < 2) continue;
    const share = count / rows.length;
    if (!best || share > best.share || (share === best.share && fields > best.fields)) best = { d, share, fields };
  }
  return best?.d ?? (decimalComma ? ';' : ',');
}

/** Suggests ',' as the decimal separator when numbers in the sample are written like 1,5 and never like 1.5. */
export function guessDecimal(rows: readonly (readonly string[])[]): '.' | ',' {
  let comma = 0;
  let dot = 0;
  for (const r of rows)
    for (const c of r) {
      if (/^\s*[-+]?\d+,\d+\s*$/.test(c)) comma++;
      else if (/^\s*[-+]?\d*\.\d+\s*$/.test(c)) dot++;
    }
  return comma > 0 && dot === 0 ? ',' : '.';
}
