/**
 * Messages between the main process and the training worker (worker_threads). Typed arrays are copied, never
 * transferred: detaching a buffer in the worker slows the engine's hot loops (see src-main/services/training/worker/worker-loop.ts).
 */
import type { LossKind } from '../engine';
import type { EpochSummary, RunInputs, RunState } from './runner';
import type { SplitEvaluation } from './evaluate';
import type { Tempo } from './tempo';

/** Main → worker. */
export type ToWorker =
  | (RunInputs & {
      type: 'start';
      /** Continue from a stored state (training.continue). */
      resumeState?: RunState;
      /** Start paused (for stepping). */
      paused?: boolean;
      /** Minimum milliseconds between progress messages (default 100, i.e. ≤ 10/s). */
      progressMs?: number;
      /** Milliseconds between checkpoint messages besides epoch ends (default 2000). */
      checkpointMs?: number;
      /** Epochs per second (see tempo.ts); absent or null: full speed. */
      tempo?: Tempo;
      /** Send weight snapshots for the replay (default true). */
      snapshots?: boolean;
    })
  | { type: 'tempo'; tempo: Tempo }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'stop' }
  | { type: 'step'; unit: 'batch' | 'epoch' }
  | { type: 'forward'; id: number; inputs: number[] };

/** Final evaluation of a run on each split. */
export interface RunEvaluation {
  train: SplitEvaluation;
  val: SplitEvaluation | null;
  test: SplitEvaluation | null;
}

/** Worker → main. */
export type FromWorker =
  | { type: 'ready'; loss: LossKind; stepsPerEpoch: number; trainRows: number; valRows: number; testRows: number; epoch: number }
  | {
      type: 'progress';
      /** Completed epochs. */
      epoch: number;
      /** Steps in the current epoch. */
      step: number;
      stepsPerEpoch: number;
      samplesPerSec: number;
      /** Mean batch loss since the last progress message. */
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
  | { type: 'epochEnd'; summary: EpochSummary }
  /** Weights after `epoch` completed epochs and `step` batches of the next (0 at an epoch end), for the replay (see snapshots.ts). */
  | { type: 'snapshot'; epoch: number; step: number; params: Float64Array }
  | { type: 'checkpoint'; final: boolean; params: Float64Array; state: RunState }
  | { type: 'paused' }
  | { type: 'forwardResult'; id: number; z: Float64Array; o: Float64Array; contributions: Float64Array }
  | { type: 'done'; reason: 'completed' | 'stopped' | 'early-stopped'; evaluation: RunEvaluation; params: Float64Array; state: RunState }
  | { type: 'error'; message: string; epoch: number | null; step: number | null; params: Float64Array | null; state: RunState | null };
