import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { makeExample } from '../../../src-shared/data/examples';
import { parseTrainingConfig } from '../../../src-shared/training/config';
import { saveDataset } from '../dataset/store';
import { createSchema } from '../project/migrations';
import { startRun } from './host';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function setup() {
  const ex = makeExample('xor', { seed: 2 });
  const db = new Database(':memory:');
  createSchema(db);
  saveDataset(db, ex.dataset);
  return { ...ex, db };
}

describe('Training speed (paced in the worker)', () => {
  it('20 epochs/s runs about 20 epochs a second, by hand stands still, full speed finishes', async () => {
    const { dataset, network, db } = setup();
    const stamps: number[] = [];
    const h = startRun({ db, datasetId: dataset.meta.id, dataset, network, config: parseTrainingConfig({ epochs: 2000 }), tempo: 20, listener: { epoch: () => stamps.push(Date.now()) } });
    while (!stamps.length) await sleep(10);
    await sleep(1500);
    const t0 = stamps[0];
    const inSecond = stamps.filter((t) => t >= t0 && t < t0 + 1000).length;
    // The same XOR at full speed does thousands of epochs a second; paced it does ~20 (a loaded machine may lag).
    expect(inSecond).toBeGreaterThanOrEqual(12);
    expect(inSecond).toBeLessThanOrEqual(22);
    // Evenly spread, not in bursts: no gap over 200 ms, none under 20 ms on average.
    const gaps = stamps.slice(1).map((t, i) => t - stamps[i]);
    expect(Math.min(...gaps.slice(0, 10).map((_, i) => gaps.slice(i, i + 5).reduce((a, b) => a + b, 0) / 5))).toBeGreaterThan(20);

    h.setTempo(0);
    await sleep(150);
    const frozen = stamps.length;
    await sleep(500);
    expect(stamps.length).toBe(frozen);

    h.setTempo(null);
    const out = await h.done;
    expect(out.status).toBe('completed');
    expect(stamps.length).toBe(2000);
  }, 60_000);
});
