import { describe, expect, it } from 'vitest';
import { validateNetwork } from '../model/validate';
import { parseTrainingConfig } from '../training/config';
import { TrainingRun } from '../training/runner';
import { EXAMPLE_KINDS, makeExample, STARTER_HIDDEN } from './examples';
import { surfaceValue } from './example-generators';

describe('examples', () => {
  it('every example is an encoded dataset with a small valid starter network (XOR 2-4-1)', () => {
    expect(STARTER_HIDDEN.xor).toEqual([4]);
    for (const kind of EXAMPLE_KINDS) {
      const { dataset, network } = makeExample(kind, { size: 200, seed: 3 });
      expect(dataset.meta.features.map((f) => f.name)).toEqual(['x1', 'x2']);
      expect(dataset.x).toHaveLength(200 * 2);
      expect(dataset.split.filter((s) => s === 0)).toHaveLength(140);
      const sizes = STARTER_HIDDEN[kind];
      expect(network.neurons.filter((n) => n.role === 'hidden')).toHaveLength(sizes.reduce((a, b) => a + b, 0));
      const layers = [2, ...sizes, dataset.meta.outputs.length];
      expect(network.synapses).toHaveLength(layers.slice(1).reduce((a, n, i) => a + n * layers[i], 0));
      expect(validateNetwork(network).filter((i) => i.severity === 'error'), kind).toEqual([]);
    }
  });

  it('the small starter networks learn their example with the default training setup', () => {
    // XOR's points come within 0.05 of the axes: four tanh neurons get 93–100% of the validation rows in 100 epochs.
    for (const [kind, goal] of [['xor', 0.9], ['circles', 0.95], ['blobs', 0.95], ['surface', 0.95]] as const) {
      const { dataset: d, network } = makeExample(kind, { seed: 2 });
      const run = new TrainingRun({ network, x: d.x, y: d.y, split: d.split, config: parseTrainingConfig({}) });
      while (!run.finished) run.runEpoch();
      const val = run.evaluateAll().val!;
      expect(val.classification?.accuracy ?? val.regression!.r2, kind).toBeGreaterThanOrEqual(goal);
    }
  });
  it('binary examples have one sigmoid output with balanced 0/1 labels; surface labels follow the formula', () => {
    const xor = makeExample('xor', { size: 400 });
    expect(xor.network.neurons.filter((n) => n.role === 'output').map((n) => n.activation)).toEqual(['sigmoid']);
    const ones = xor.dataset.y.reduce((a, b) => a + b, 0);
    expect(ones).toBeGreaterThan(150);
    expect(ones).toBeLessThan(250);
    const surf = makeExample('surface', { size: 100, noise: 0 });
    const p = surf.dataset.meta.columns.map((c) => c.params!);
    for (let i = 0; i < 100; i++) {
      const [a, b] = [0, 1].map((j) => {
        const q = p[j];
        return q.kind === 'numeric' ? surf.dataset.x[i * 2 + j] * q.std + q.mean : NaN;
      });
      expect(surf.dataset.y[i]).toBeCloseTo(surfaceValue(a, b), 9);
    }
  });
  it('is reproducible by seed and blobs with 3 classes get a softmax group', () => {
    expect(Array.from(makeExample('spirals', { seed: 5 }).dataset.x)).toEqual(Array.from(makeExample('spirals', { seed: 5 }).dataset.x));
    const blobs = makeExample('blobs', { classes: 3 });
    expect(blobs.dataset.meta.outputs.map((o) => o.name)).toEqual(['label=0', 'label=1', 'label=2']);
    expect(blobs.network.softmaxGroups).toHaveLength(1);
  });
});
