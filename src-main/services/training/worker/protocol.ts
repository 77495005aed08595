/**
 * The training worker's protocol (see src-main/worker-rpc.ts): main's requests and the worker's events.
 * Weights and states cross as structured-clone copies, never transferred, on purpose: detaching a buffer
 * in the worker makes the engine's typed-array loops slower (see worker-loop.ts).
 */
import type { MessagePort } from 'node:worker_threads';
import type { EpochSummary, RunEvaluation, RunInputs, RunState } from '../../../../src-shared/training/runner';
import type { Tempo } from '../../../../src-shared/training/tempo';

/** What `start` takes: the run's inputs and how the worker drives it. */
export type StartOptions = RunInputs & {
  /** Continue from a stored state (training.continue). */
  resumeState?: RunState;
  /** Start paused (for stepping). */
  paused?: boolean;
  /** Minimum milliseconds between progress events (default 100, i.e. ≤ 10/s). */
  progressMs?: number;
  /** Milliseconds between checkpoint events besides epoch ends (default 2000). */
  checkpointMs?: number;
  /** Epochs per second (see tempo.ts); absent or null: full speed. */
  tempo?: Tempo;
  /** Send weight snapshots for the replay (default true). */
  snapshots?: boolean;
};

/** Live progress, at most one per `progressMs`. */
export interface TrainingProgress {
  /** Completed epochs. */
  epoch: number;
  /** Steps in the current epoch. */
  step: number;
  stepsPerEpoch: number;
  samplesPerSec: number;
  /** Mean batch loss since the last progress event. */
  trainLoss: number;
  valLoss: number | null;
  /** Latest validation accuracy or R² (from the last epoch end). */
  score: number | null;
  /** Live parameter vector (program order, see the engine), a copy. */
  weights: Float64Array;
  elapsedMs: number;
  etaMs: number | null;
  paused: boolean;
}

/** Main ⇄ training worker. */
export type TrainingWorkerProtocol = {
  requests: {
    /** Builds the run and starts it (or holds it, paused); answers once built. A run that cannot be built sends `error` instead and the worker ends. */
    start(o: StartOptions): void;
    pause(): void;
    resume(): void;
    stop(): void;
    /** Pauses, then takes one batch or one epoch. */
    step(unit: 'batch' | 'epoch'): void;
    tempo(tempo: Tempo): void;
  };
  events: {
    progress: TrainingProgress;
    epochEnd: EpochSummary;
    /** Weights after `epoch` completed epochs and `step` batches of the next (0 at an epoch end), for the replay (see snapshots.ts). */
    snapshot: { epoch: number; step: number; params: Float64Array };
    /** The state to resume from, and the weights it holds. */
    checkpoint: { params: Float64Array; state: RunState };
    done: { reason: 'completed' | 'stopped' | 'early-stopped'; evaluation: RunEvaluation; params: Float64Array; state: RunState };
    /** The run failed (diverged, or could not be built: then without params and state); the worker ends. */
    error: { message: string; epoch: number | null; step: number | null; params: Float64Array | null; state: RunState | null };
  };
};

/**
 * A pooled worker (started with workerData { pooled: true }) gets each run as this message on its parentPort: the
 * run's own port, over which the protocol above is spoken, and the dataset when it differs from the one it holds
 * (x and y on SharedArrayBuffers: every pooled worker reads the one copy).
 * The run's `start` then carries empty x and y (the data is not copied again); the worker closes the port when the
 * run has ended, and main closing it stops the run.
 */
export interface AttachRun {
  attach: MessagePort;
  data?: { x: Float64Array; y: Float64Array };
}
