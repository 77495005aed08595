import { afterEach, describe, expect, it, vi } from 'vitest';
import { sweepProgressBatcher } from './sweep-progress';

const e = (epoch: number) => ({ epoch, trainLoss: 1 / epoch, valLoss: null, score: null });

describe('a sweep’s news for the window', () => {
  afterEach(() => vi.useRealTimers());

  it('sends a burst of epochs from several runs as one event, every epoch in order', () => {
    vi.useFakeTimers();
    const sent: Parameters<Parameters<typeof sweepProgressBatcher>[0]>[0][] = [];
    const b = sweepProgressBatcher((runs) => sent.push(runs), 100);
    b.started(0, 'a');
    b.started(1, 'b');
    for (let k = 1; k <= 500; k++) {
      b.epoch(1, 'b', e(k));
      b.epoch(0, 'a', e(k));
    }
    // Nothing goes out at once: the first runs start before the window has the sweep's id.
    expect(sent).toHaveLength(0);
    vi.advanceTimersByTime(100);
    expect(sent).toHaveLength(1);
    expect(sent[0].map((u) => [u.index, u.runId, u.status, u.epoch, u.epochs.length])).toEqual([
      [0, 'a', 'running', 500, 500],
      [1, 'b', 'running', 500, 500],
    ]);
    expect(sent[0][0].epochs.map((x) => x.epoch)).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
    // Quiet: nothing more is sent.
    vi.advanceTimersByTime(1000);
    expect(sent).toHaveLength(1);
  });

  it('sends a run’s end at once, with the epochs before it', () => {
    vi.useFakeTimers();
    const sent: Parameters<Parameters<typeof sweepProgressBatcher>[0]>[0][] = [];
    const b = sweepProgressBatcher((runs) => sent.push(runs), 100);
    b.epoch(2, 'c', e(1));
    b.epoch(2, 'c', e(2));
    b.ended(2, 'c', 2, 'stopped', null);
    expect(sent).toEqual([[{ index: 2, runId: 'c', status: 'stopped', epoch: 2, message: null, epochs: [e(1), e(2)] }]]);
    b.ended(3, 'd', 0, 'error', 'The training worker failed: boom');
    expect(sent[1]).toEqual([{ index: 3, runId: 'd', status: 'error', epoch: 0, message: 'The training worker failed: boom', epochs: [] }]);
    // The timer the epochs set found nothing left to send.
    vi.advanceTimersByTime(200);
    expect(sent).toHaveLength(2);
  });
});
