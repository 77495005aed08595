import { describe, expect, it } from 'vitest';
import { decodeRow } from '../../src-shared/data/decode';
import { makeExample } from '../../src-shared/data/examples';
import { inputUnits, predictionText } from './sample-units';

describe('the sample in the dataset’s units', () => {
  const { dataset, network } = makeExample('circles', { size: 60, seed: 3 });
  const units = inputUnits(dataset.meta, network);
  const inputs = network.neurons.filter((n) => n.role === 'input');

  it('turns each encoded input back into original units exactly as the data view decodes the row, and back again', () => {
    expect(units.size).toBe(2);
    const F = dataset.meta.features.length;
    for (const row of [0, 7, 31]) {
      const decoded = decodeRow(dataset.meta, dataset.x, dataset.y, row);
      inputs.forEach((n, k) => {
        const u = units.get(n.id)!;
        const v = dataset.x[row * F + k];
        expect(u.toOriginal(v)).toBeCloseTo(decoded[k] as number, 8);
        expect(u.toEncoded(u.toOriginal(v))).toBeCloseTo(v, 12);
      });
    }
    const [lo, hi] = units.get(inputs[0].id)!.range;
    expect(lo).toBeLessThan(hi);
    expect(units.get(inputs[0].id)!.encoding).toBe('standardise');
  });

  it('states a 0/1 prediction with its probability, and a class target by its most probable class', () => {
    const out = network.neurons.find((n) => n.role === 'output')!;
    expect(predictionText(dataset.meta, network, new Map([[out.id, 0.83]]))).toBe('label = 1 (p of 1: 0.83)');
    expect(predictionText(dataset.meta, network, new Map([[out.id, 0.2]]))).toBe('label = 0 (p of 1: 0.20)');
    const blobs = makeExample('blobs', { size: 60, seed: 3, classes: 3 });
    const outs = blobs.network.neurons.filter((n) => n.role === 'output');
    const o = new Map(outs.map((n, k) => [n.id, [0.1, 0.7, 0.2][k]]));
    const t = blobs.dataset.meta.targets[0];
    expect(predictionText(blobs.dataset.meta, blobs.network, o)).toBe(`${t.column} = ${t.classes![1]} (p 0.70)`);
  });
});
