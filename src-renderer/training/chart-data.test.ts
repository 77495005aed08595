import { describe, expect, it } from 'vitest';
import { alignSeries, runSeries } from './chart-data';
import { scoreOfLoss as scoreNameFor } from '../state/training-store';
import { defaultLoss } from '../../src-shared/training/config';
import { makeExample } from '../../src-shared/data/examples';
import { appendEpochs } from '../state/training-store';

describe('alignSeries', () => {
  it('aligns series on the union of their epochs with gaps as null', () => {
    const { x, ys } = alignSeries([
      { label: 'a', points: [[1, 0.5], [2, 0.4], [4, 0.2]], color: '#000', scale: 'loss' },
      { label: 'b', points: [[3, 9], [1, 7], [2, Number.NaN]], color: '#000', scale: 'loss' },
    ]);
    expect(x).toEqual([1, 2, 3, 4]);
    expect(ys).toEqual([
      [0.5, 0.4, null, 0.2],
      [7, null, 9, null],
    ]);
  });
});

describe('runSeries', () => {
  it('draws validation loss dashed and the score on its own axis, only for the main run', () => {
    const h = { 'train.loss': [[1, 1]], 'val.loss': [[1, 2]], 'val.score': [[1, 0.5]] } as Record<string, [number, number][]>;
    expect(runSeries(h, 'accuracy').map((s) => [s.label, s.scale, !!s.dash])).toEqual([
      ['train loss', 'loss', false],
      ['validation loss', 'loss', true],
      ['accuracy', 'score', false],
    ]);
    expect(runSeries(h, 'accuracy', '#fff', 'r1 ').map((s) => s.label)).toEqual(['r1 train loss', 'r1 validation loss']);
  });
});

describe('appendEpochs', () => {
  it('appends a batch of epochs without touching the old history, skipping missing validation values', () => {
    const old = { 'train.loss': [[1, 0.9]] as [number, number][] };
    const next = appendEpochs(old, [
      { epoch: 2, trainLoss: 0.8, valLoss: null, score: null },
      { epoch: 3, trainLoss: 0.7, valLoss: 0.75, score: 0.5 },
    ]);
    expect(old['train.loss']).toEqual([[1, 0.9]]);
    expect(next).toEqual({ 'train.loss': [[1, 0.9], [2, 0.8], [3, 0.7]], 'val.loss': [[3, 0.75]], 'val.score': [[3, 0.5]] });
  });
});

describe('the score axis', () => {
  it('names accuracy for a binary classifier (a 0/1 target, sigmoid output, cross-entropy) and R² only under MSE', () => {
    expect(scoreNameFor(defaultLoss(makeExample('circles', { size: 40 }).network))).toBe('accuracy');
    expect(scoreNameFor(defaultLoss(makeExample('blobs', { size: 40, classes: 3 }).network))).toBe('accuracy');
    expect(scoreNameFor(defaultLoss(makeExample('surface', { size: 40 }).network))).toBe('R²');
  });
});
