import { describe, expect, it } from 'vitest';
import { makeExample } from '../data/examples';
import { DivergenceError } from '../engine';
import { parseTrainingConfig } from './config';
import { TrainingRun, type RunInputs } from './runner';

function inputsFor(kind: 'spirals' | 'surface' | 'xor', cfg: Record<string, unknown>, size?: number): RunInputs {
  const { dataset, network } = makeExample(kind, { seed: 3, size });
  return { network, x: dataset.x, y: dataset.y, split: dataset.split, config: parseTrainingConfig(cfg) };
}

function train(run: TrainingRun): void {
  while (!run.finished) run.runEpoch();
}

describe('TrainingRun learning (fixed seeds)', () => {
  it('two spirals reach ≥ 95% validation accuracy', () => {
    const run = new TrainingRun(inputsFor('spirals', { epochs: 300, seed: 1, optimizer: { kind: 'adam', lr: 0.02 }, reinitialise: true }));
    expect(run.loss).toBe('bce');
    train(run);
    const ev = run.evaluateAll();
    expect(ev.val!.classification!.accuracy).toBeGreaterThanOrEqual(0.95);
  }, 60_000);

  it('the surface regression reaches R² ≥ 0.95 on validation', () => {
    const run = new TrainingRun(inputsFor('surface', { epochs: 150, seed: 1, reinitialise: true }));
    expect(run.loss).toBe('mse');
    train(run);
    expect(run.evaluateAll().val!.regression!.r2).toBeGreaterThanOrEqual(0.95);
  }, 60_000);
});

describe('TrainingRun control', () => {
  it('continuing from a stored state equals uninterrupted training bit for bit', () => {
    const cfg = { epochs: 12, seed: 5, reinitialise: true, schedule: { kind: 'step', everyEpochs: 4, gamma: 0.5 } };
    const whole = new TrainingRun(inputsFor('xor', cfg));
    train(whole);
    const first = new TrainingRun({ ...inputsFor('xor', cfg), targetEpochs: 5 });
    train(first);
    const state = first.getState();
    const second = new TrainingRun(inputsFor('xor', cfg), state);
    expect(second.finished).toBeNull();
    expect(second.epoch).toBe(5);
    train(second);
    expect(second.epoch).toBe(12);
    expect(Array.from(second.params)).toEqual(Array.from(whole.params));
    expect(Array.from(second.best.params)).toEqual(Array.from(whole.best.params));
  });

  it('step-by-batch is the same as whole epochs and reports the epoch end on its last batch', () => {
    const a = new TrainingRun(inputsFor('xor', { epochs: 3, reinitialise: true }));
    const b = new TrainingRun(inputsFor('xor', { epochs: 3, reinitialise: true }));
    a.runEpoch();
    let ends = 0;
    for (let i = 0; i < b.stepsPerEpoch; i++) {
      const s = b.step();
      if (s.epochEnd) ends++;
      expect(Boolean(s.epochEnd)).toBe(i === b.stepsPerEpoch - 1);
    }
    expect(ends).toBe(1);
    expect(Array.from(b.params)).toEqual(Array.from(a.params));
  });

  it('one count of the position: the trainer keeps the run\'s epoch and step, also from a state an older Neurite wrote', () => {
    const cfg = { epochs: 4, batchSize: 3, seed: 2, reinitialise: true };
    const whole = new TrainingRun(inputsFor('xor', cfg));
    train(whole);
    const part = new TrainingRun(inputsFor('xor', cfg));
    part.runEpoch();
    for (let i = 0; i < 2; i++) part.step();
    const state = part.getState();
    expect([state.epoch, state.epochSteps]).toEqual([1, 2]);
    expect([state.trainer.epoch, state.trainer.stepInEpoch]).toEqual([1, 2]);
    // Older files hold the trainer's own count there: no epochs and every step the run took.
    const older = { ...state, trainer: { ...state.trainer, epoch: 0, stepInEpoch: part.stepsPerEpoch + 2 } };
    const resumed = new TrainingRun(inputsFor('xor', cfg), older);
    expect([resumed.epoch, resumed.stepInEpoch]).toEqual([1, 2]);
    train(resumed);
    expect(resumed.epoch).toBe(4);
    expect(Array.from(resumed.params)).toEqual(Array.from(whole.params));
  });

  it('early stopping ends the run when validation loss stops improving', () => {
    const run = new TrainingRun(inputsFor('xor', { epochs: 5000, patience: 3, optimizer: { kind: 'adam', lr: 0.05 }, reinitialise: true }));
    train(run);
    expect(run.finished).toBe('early-stopped');
    expect(run.epoch).toBeLessThan(5000);
    expect(run.epoch - run.best.epoch).toBe(3);
  }, 60_000);

  it('divergence names the run epoch and step and keeps the last good weights', () => {
    const run = new TrainingRun(inputsFor('surface', { epochs: 50, optimizer: { kind: 'sgd', lr: 1e6 }, reinitialise: true }));
    let err: unknown = null;
    let before = new Float64Array(0);
    try {
      for (;;) {
        before = Float64Array.from(run.params);
        run.step();
      }
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DivergenceError);
    const d = err as DivergenceError;
    expect(d.message).toContain(`epoch ${d.epoch + 1}, step ${d.step + 1}`);
    expect(d.epoch * run.stepsPerEpoch + d.step).toBeGreaterThan(0);
    expect(Array.from(run.params).every(Number.isFinite)).toBe(true);
    expect(Array.from(run.params)).toEqual(Array.from(before));
  });
});
