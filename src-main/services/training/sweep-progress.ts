/**
 * Gathers a sweep's news for the window: a small network finishes hundreds of epochs a second in each of several
 * runs, and one event per epoch kept the window busy redrawing the table and curves (a click on Stop took 45 s to
 * land). Starts and epochs are sent together, at most every `everyMs`; a run's end goes at once, with what came before.
 */
import type { EventOf } from '../../../src-shared/api';

type Update = EventOf<'training.sweepProgress'>['runs'][number];
type Epoch = Update['epochs'][number];
type Status = Update['status'];

/** What the sweep's listener feeds in; `send` gets one list of updates (one per run that changed) at a time. */
export interface SweepProgressBatcher {
  started(index: number, runId: string): void;
  epoch(index: number, runId: string, e: Epoch): void;
  ended(index: number, runId: string, epoch: number, status: Status, message: string | null): void;
  /** Sends what is pending now (the sweep is over, or its caller is going away). */
  flush(): void;
}

/** Creates a batcher that calls `send` with the pending updates at most every `everyMs` (and at once when a run ends). */
export function sweepProgressBatcher(send: (runs: Update[]) => void, everyMs = 100): SweepProgressBatcher {
  const pending = new Map<number, Update>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = (): void => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (!pending.size) return;
    const runs = [...pending.values()].sort((a, b) => a.index - b.index);
    pending.clear();
    send(runs);
  };
  const soon = (): void => void (timer ??= setTimeout(flush, everyMs));
  const entry = (index: number, runId: string): Update => {
    let u = pending.get(index);
    if (!u) pending.set(index, (u = { index, runId, status: 'running', epoch: 0, message: null, epochs: [] }));
    return u;
  };
  return {
    // Never sent at once: the first runs start before the window has the sweep's id (the reply to sweepStart).
    started: (index, runId) => {
      entry(index, runId);
      soon();
    },
    epoch: (index, runId, e) => {
      const u = entry(index, runId);
      u.epochs.push(e);
      u.epoch = e.epoch;
      soon();
    },
    ended: (index, runId, epoch, status, message) => {
      Object.assign(entry(index, runId), { epoch, status, message });
      flush();
    },
    flush,
  };
}
