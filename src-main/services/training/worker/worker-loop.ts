/**
 * The training worker's loop: drives a TrainingRun in time slices so requests (pause, stop, step)
 * are handled between slices, throttles progress, and sends checkpoints. Port-agnostic so it is testable in-thread.
 */
import { DivergenceError } from '../../../../src-shared/engine';
import { TrainingRun } from '../../../../src-shared/training/runner';
import { keepsSnapshot } from '../../../../src-shared/training/snapshots';
import { stepDueMs, stepsAllowed, type Tempo } from '../../../../src-shared/training/tempo';
import type { RequestHandlers, WorkerServer } from '../../../worker-rpc';
import type { TrainingWorkerProtocol } from './protocol';

/** What the loop needs from its thread: send an event, end the thread. */
export interface LoopPort {
  emit: WorkerServer<TrainingWorkerProtocol>['emit'];
  close(): void;
}

const SLICE_MS = 15;

/** Creates the loop: the answers to every request of the protocol. */
export function createWorkerLoop(port: LoopPort): RequestHandlers<TrainingWorkerProtocol> {
  let run: TrainingRun | null = null;
  let paused = false;
  let stopping = false;
  let scheduled = false;
  let finished = false;
  const pendingSteps: ('batch' | 'epoch')[] = [];
  let progressMs = 100;
  let checkpointMs = 2000;
  let lastProgress = 0;
  let lastCheckpoint = 0;
  let lossSum = 0;
  let lossN = 0;
  let samplesSince = 0;
  let valLoss: number | null = null;
  let score: number | null = null;
  let startedAt = 0;
  let activeMs = 0;
  let stepsDone = 0;
  // Pacing (Training speed): steps taken since paceStart, restarted whenever the tempo changes or the run resumes.
  let tempo: Tempo = null;
  let paceStart = 0;
  let paceSteps = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let snapshots = true;
  const repace = (): void => {
    paceStart = Date.now();
    paceSteps = 0;
  };
  const snapshot = (): void => {
    if (run && snapshots) port.emit('snapshot', { epoch: run.epoch, step: run.stepInEpoch, params: Float64Array.from(run.params) });
  };

  const progress = (now: number): void => {
    if (!run) return;
    const dt = now - lastProgress;
    // Copied, not transferred: detaching any ArrayBuffer in this thread invalidates V8's detach protector,
    // after which every typed-array access in the engine's hot loops pays a check (measured: W2 25% slower).
    const weights = Float64Array.from(run.params);
    const remaining = (run.targetEpochs - run.epoch) * run.stepsPerEpoch - run.stepInEpoch;
    const paced = tempo !== null && tempo > 0;
    const eta = !Number.isFinite(remaining) ? null : paced ? (remaining * 1000) / (tempo! * run.stepsPerEpoch) : stepsDone ? (remaining * activeMs) / stepsDone : null;
    port.emit('progress', {
      epoch: run.epoch,
      step: run.stepInEpoch,
      stepsPerEpoch: run.stepsPerEpoch,
      samplesPerSec: dt > 0 ? (samplesSince * 1000) / dt : 0,
      trainLoss: lossN ? lossSum / lossN : NaN,
      valLoss,
      score,
      weights,
      elapsedMs: now - startedAt,
      etaMs: eta,
      paused,
    });
    lastProgress = now;
    lossSum = 0;
    lossN = 0;
    samplesSince = 0;
  };

  let trailing: ReturnType<typeof setTimeout> | null = null;
  const checkpoint = (): void => {
    if (trailing) clearTimeout(trailing);
    trailing = null;
    if (!run) return;
    const params = Float64Array.from(run.params);
    port.emit('checkpoint', { params, state: run.getState() });
    lastCheckpoint = Date.now();
  };

  /** Steps taken one by one (or at a slow tempo) are stored within checkpointMs, without a checkpoint per step. */
  const checkpointSoon = (): void => {
    if (trailing || !run || finished) return;
    trailing = setTimeout(() => {
      trailing = null;
      if (run && !finished) checkpoint();
    }, Math.max(0, checkpointMs - (Date.now() - lastCheckpoint)));
  };

  const finish = (reason: 'completed' | 'stopped' | 'early-stopped'): void => {
    if (!run || finished) return;
    finished = true;
    if (trailing) clearTimeout(trailing);
    progress(Date.now());
    const params = Float64Array.from(run.params);
    port.emit('done', { reason, evaluation: run.evaluateAll(), params, state: run.getState() });
    port.close();
  };

  /** One batch; returns false when the run ended (finished or error). */
  const oneStep = (): boolean => {
    const r = run!;
    try {
      const s = r.step();
      stepsDone++;
      lossSum += s.loss;
      lossN++;
      samplesSince += Math.min(r.inputs.config.batchSize, r.trainRows.length);
      if (s.epochEnd) {
        valLoss = s.epochEnd.val ? s.epochEnd.val.loss : null;
        score = s.epochEnd.score;
        port.emit('epochEnd', s.epochEnd);
        if (keepsSnapshot(r.epoch, r.epoch)) snapshot();
        if (Date.now() - lastCheckpoint >= checkpointMs) checkpoint();
      }
      if (s.finished) {
        finish(s.finished);
        return false;
      }
      return true;
    } catch (e) {
      finished = true;
      if (trailing) clearTimeout(trailing);
      const d = e instanceof DivergenceError ? e : null;
      const params = Float64Array.from(r.params);
      port.emit('error', { message: e instanceof Error ? e.message : String(e), epoch: d ? d.epoch + 1 : null, step: d ? d.step + 1 : null, params, state: d ? r.getState() : null });
      port.close();
      return false;
    }
  };

  const tick = (): void => {
    scheduled = false;
    if (!run || finished) return;
    if (stopping) return finish('stopped');
    const t0 = Date.now();
    const unit = pendingSteps.shift();
    if (unit) {
      const startEpoch = run.epoch;
      do {
        if (!oneStep()) return;
      } while (unit === 'epoch' && run.epoch === startEpoch);
      activeMs += Date.now() - t0;
      progress(Date.now());
      checkpointSoon();
      if (pendingSteps.length) schedule();
      return;
    }
    if (paused || tempo === 0) return;
    let budget = tempo === null ? Infinity : stepsAllowed(tempo, run.stepsPerEpoch, t0 - paceStart) - paceSteps;
    if (budget <= 0) return scheduleAt(paceStart + stepDueMs(tempo!, run.stepsPerEpoch, paceSteps + 1));
    while (budget > 0 && Date.now() - t0 < SLICE_MS) {
      if (!oneStep()) return;
      budget--;
      paceSteps++;
    }
    const now = Date.now();
    activeMs += now - t0;
    if (now - lastProgress >= progressMs) progress(now);
    // Mid-epoch too: an epoch longer than checkpointMs must not leave the stored state behind.
    if (now - lastCheckpoint >= checkpointMs) checkpoint();
    // Behind a tempo the engine cannot keep (or after a stall): carry on from now rather than burst to catch up.
    if (tempo !== null && budget > tempo * run.stepsPerEpoch * 0.25) repace();
    if (tempo === null || budget > 0) schedule();
    else scheduleAt(paceStart + stepDueMs(tempo, run.stepsPerEpoch, paceSteps + 1));
  };

  const schedule = (): void => {
    if (timer) {
      clearTimeout(timer);
      timer = null;
      scheduled = false;
    }
    if (scheduled) return;
    scheduled = true;
    setImmediate(tick);
  };

  /** The next paced tick, at wall time `at` (a control message in between runs sooner through schedule()). */
  const scheduleAt = (at: number): void => {
    if (scheduled) return;
    scheduled = true;
    timer = setTimeout(() => {
      timer = null;
      tick();
    }, Math.max(1, at - Date.now()));
  };

  return {
    start(msg) {
      try {
        run = new TrainingRun({ network: msg.network, x: msg.x, y: msg.y, split: msg.split, config: msg.config, loss: msg.loss, targetEpochs: msg.targetEpochs }, msg.resumeState);
      } catch (e) {
        port.emit('error', { message: e instanceof Error ? e.message : String(e), epoch: null, step: null, params: null, state: null });
        port.close();
        return;
      }
      progressMs = msg.progressMs ?? 100;
      checkpointMs = msg.checkpointMs ?? 2000;
      paused = msg.paused ?? false;
      tempo = msg.tempo ?? null;
      snapshots = msg.snapshots ?? true;
      startedAt = lastProgress = lastCheckpoint = Date.now();
      repace();
      if (run.finished) return finish(run.finished);
      // The weights the run starts from are the replay's first frame.
      if (run.epoch === 0 && run.stepInEpoch === 0) snapshot();
      // A run is resumable from its first moment: a crash before the first timed checkpoint still leaves a state to continue from.
      checkpoint();
      if (paused || tempo === 0) progress(Date.now());
      else schedule();
    },
    pause() {
      if (!paused && run && !finished) {
        paused = true;
        progress(Date.now());
        // A save while paused then stores the run exactly where it stopped.
        checkpoint();
      }
    },
    resume() {
      paused = false;
      repace();
      schedule();
    },
    tempo(t) {
      tempo = t;
      repace();
      // Stepping by hand from now: say so at once (the bar shows the run as waiting for a step).
      if (tempo === 0 && run && !finished) progress(Date.now());
      schedule();
    },
    stop() {
      stopping = true;
      schedule();
    },
    step(unit) {
      paused = true;
      pendingSteps.push(unit);
      schedule();
    },
  };
}
