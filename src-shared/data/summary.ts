import type { ParsedColumn } from './parsed';
import type { ColumnSummary } from './schema';

const MAX_CATEGORIES = 100;

/** Count, missing count, min, max, mean (number columns) and category counts (category columns) over every row. */
export function summariseColumn(col: ParsedColumn): ColumnSummary {
  if (col.kind === 'number') {
    const v = col.values;
    let missing = 0;
    let min = Infinity;
    let max = -Infinity;
    let sum = 0;
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (x !== x) {
        missing++;
        continue;
      }
      if (x < min) min = x;
      if (x > max) max = x;
      sum += x;
    }
    const present = v.length - missing;
    const categories: { value: string; count: number }[] = [];
    if (col.config.type === 'boolean') {
      let ones = 0;
      for (let i = 0; i < v.length; i++) if (v[i] === 1) ones++;
      categories.push({ value: 'true', count: ones }, { value: 'false', count: present - ones });
      categories.sort((a, b) => b.count - a.count);
    }
    return {
      count: v.length,
      missing,
      min: present ? min : null,
      max: present ? max : null,
      mean: present ? sum / present : null,
      categories,
      otherCategories: 0,
    };
  }
  const counts = new Float64Array(col.vocab.length);
  let missing = 0;
  for (let i = 0; i < col.codes.length; i++) {
    const c = col.codes[i];
    if (c < 0) missing++;
    else counts[c]++;
  }
  const all = col.vocab.map((value, k) => ({ value, count: counts[k] })).filter((c) => c.count > 0);
  all.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  return {
    count: col.codes.length,
    missing,
    min: null,
    max: null,
    mean: null,
    categories: all.slice(0, MAX_CATEGORIES),
    otherCategories: Math.max(0, all.length - MAX_CATEGORIES),
  };
}
