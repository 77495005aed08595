import { describe, expect, it } from 'vitest';
import { makeExample } from '../data/examples';
import { parseTrainingConfig } from './config';
import { planRun, runLoss } from './plan';
import { TrainingRun, type RunInputs } from './runner';

function inputsFor(kind: 'spirals' | 'surface' | 'xor', cfg: Record<string, unknown>): RunInputs {
  const { dataset, network } = makeExample(kind, { seed: 3 });
  return { network, x: dataset.x, y: dataset.y, split: dataset.split, config: parseTrainingConfig(cfg) };
}

describe('planRun', () => {
  it('knows the loss, batches per epoch and target epochs the run will have, without building it', () => {
    for (const [kind, cfg] of [
      ['spirals', { batchSize: 7 }],
      ['surface', { batchSize: 32, epochs: null }],
      ['xor', { batchSize: 1, loss: 'mse', epochs: 3 }],
    ] as const) {
      const inputs = inputsFor(kind, cfg);
      const plan = planRun(inputs);
      const run = new TrainingRun(inputs);
      expect([plan.loss, plan.stepsPerEpoch, plan.targetEpochs]).toEqual([run.loss, run.stepsPerEpoch, run.targetEpochs]);
      expect(plan.stepsPerEpoch).toBe(Math.ceil(plan.trainRows.length / inputs.config.batchSize));
      expect(runLoss(inputs.network, inputs.config)).toBe(plan.loss);
    }
    expect(planRun(inputsFor('xor', { loss: 'mse' })).loss).toBe('mse');
    expect(planRun({ ...inputsFor('xor', {}), loss: 'mse' }).loss).toBe('mse');
    expect(planRun(inputsFor('spirals', {})).loss).toBe('bce');
  });

  it('refuses a network that does not fit the data, an empty training split and a loss the outputs cannot take', () => {
    const base = inputsFor('xor', {});
    expect(() => planRun({ ...base, x: base.x.subarray(1) })).toThrow(/feature column/);
    expect(() => planRun({ ...base, y: new Float64Array(base.y.length * 2) })).toThrow(/target column/);
    expect(() => planRun({ ...base, split: new Uint8Array(base.split.length).fill(1) })).toThrow('The training split is empty.');
    expect(() => planRun({ ...base, loss: 'cce' })).toThrow();
  });
});
