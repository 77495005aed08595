import { describe, expect, it } from 'vitest';
import { keepsSnapshot, SNAPSHOT_BUDGET, SNAPSHOT_DENSE, snapshotEpochs } from './snapshots';

const LATESTS = [0, 1, 49, 50, 51, 120, 198, 199, 200, 257, 500, 999, 2000, 4321, 10_000, 99_999, 1_000_000, 12_345_678];

describe('snapshot spacing', () => {
  it('keeps every epoch of a short run (up to 198 epochs: 199 snapshots and room for the final one)', () => {
    for (const latest of [0, 1, 10, 100, 150, 198]) expect(snapshotEpochs(latest)).toEqual(Array.from({ length: latest + 1 }, (_, i) => i));
  });

  it('never exceeds the budget, final position included, however long the run', () => {
    for (let latest = 0; latest < 3000; latest++) expect(snapshotEpochs(latest).length).toBeLessThanOrEqual(SNAPSHOT_BUDGET - 1);
    for (const latest of LATESTS) expect(snapshotEpochs(latest).length).toBeLessThanOrEqual(SNAPSHOT_BUDGET - 1);
  });

  it('uses the budget: a long run still keeps most of it', () => {
    for (const latest of [500, 2000, 10_000, 1_000_000]) expect(snapshotEpochs(latest).length).toBeGreaterThanOrEqual(SNAPSHOT_BUDGET / 2);
  });

  it('is dense at the start: the first epochs all kept, gaps never shrink later in the run', () => {
    for (const latest of [500, 2000, 10_000, 1_000_000]) {
      const kept = snapshotEpochs(latest);
      expect(kept.slice(0, SNAPSHOT_DENSE)).toEqual(Array.from({ length: SNAPSHOT_DENSE }, (_, i) => i));
      const gaps = kept.slice(1).map((e, i) => e - kept[i]);
      // Within the 10% of the run, at least a quarter of the snapshots.
      expect(kept.filter((e) => e <= latest / 10).length).toBeGreaterThanOrEqual(kept.length / 4);
      // Every half of the run holds fewer snapshots than the half before it.
      const inRange = (lo: number, hi: number) => kept.filter((e) => e >= lo && e < hi).length;
      for (let hi = latest + 1; hi > SNAPSHOT_DENSE * 2; hi = Math.ceil(hi / 2)) expect(inRange(Math.ceil(hi / 2), hi)).toBeLessThanOrEqual(inRange(Math.ceil(hi / 4), Math.ceil(hi / 2)) + 1);
      expect(gaps.at(-1)!).toBeGreaterThan(gaps[0]);
      expect(kept.at(-1)!).toBeLessThanOrEqual(latest);
      expect(latest - kept.at(-1)!).toBeLessThanOrEqual(Math.max(...gaps));
    }
  });

  it('only ever drops snapshots as the run goes on (a writer can delete and never needs one back)', () => {
    let before = new Set(snapshotEpochs(0));
    for (let latest = 1; latest < 5000; latest++) {
      const now = snapshotEpochs(latest);
      expect(now.filter((e) => e < latest && !before.has(e))).toEqual([]);
      before = new Set(now);
    }
  });

  it('keepsSnapshot agrees with the kept list', () => {
    for (const latest of [0, 60, 199, 700, 5000, 123_456]) {
      const kept = new Set(snapshotEpochs(latest));
      for (let e = 0; e <= Math.min(latest, 3000); e++) expect(keepsSnapshot(e, latest)).toBe(kept.has(e));
      expect(keepsSnapshot(latest + 1, latest)).toBe(false);
    }
  });
});
