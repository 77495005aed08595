import { seededRng, shuffle } from '../engine/rng';
import { SPLIT, type SplitConfig } from './schema';

/** How many of n rows go to train / validation / test: rounded, with the remainder in test (or val, then train). */
export function splitCounts(n: number, s: Pick<SplitConfig, 'train' | 'val' | 'test'>): [number, number, number] {
  let train = Math.round((n * s.train) / 100);
  let val = Math.round((n * s.val) / 100);
  if (train + val > n) val = n - train;
  if (train === 0 && n > 0) {
    train = 1;
    if (train + val > n) val = n - train;
  }
  return [train, val, n - train - val];
}

/**
 * Assigns each of n rows to a split (0 train, 1 val, 2 test) by shuffling with the seed.
 * With `strata` (a class code per row, -1 for none), each class is split by the same
 * percentages separately, so every split keeps the class proportions.
 */
export function assignSplits(n: number, s: SplitConfig, strata?: Int32Array | null): Uint8Array {
  const out = new Uint8Array(n);
  const rng = seededRng(s.seed);
  const groups: Uint32Array[] = [];
  if (s.stratify && strata) {
    const byClass = new Map<number, number[]>();
    for (let i = 0; i < n; i++) {
      const k = strata[i];
      let g = byClass.get(k);
      if (!g) byClass.set(k, (g = []));
      g.push(i);
    }
    for (const k of [...byClass.keys()].sort((a, b) => a - b)) groups.push(Uint32Array.from(byClass.get(k)!));
  } else {
    const all = new Uint32Array(n);
    for (let i = 0; i < n; i++) all[i] = i;
    groups.push(all);
  }
  for (const g of groups) {
    shuffle(g, rng);
    const [train, val] = splitCounts(g.length, s);
    for (let k = 0; k < g.length; k++) out[g[k]] = k < train ? SPLIT.train : k < train + val ? SPLIT.val : SPLIT.test;
  }
  return out;
}
