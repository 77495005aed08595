/**
 * One training run as a synchronous state machine: a batch per `step()`, evaluation at each epoch end,
 * early stopping and best-weights tracking. The worker drives it; tests and the bench can drive it directly.
 */
import type { Network } from '../model/network';
import { createRng, createTrainer, paramsFromNetwork, shuffle, type LossKind, type Program, type Trainer, type TrainerState } from '../engine';
import { trainerConfigFor, type TrainingConfig } from './config';
import { evaluateRows, type SplitEvaluation, type TargetSlice } from './evaluate';
import { planRun } from './plan';

export { rowsOf } from './plan';

/** What a run trains on: the network document, the encoded dataset's arrays and the configuration. */
export interface RunInputs {
  network: Network;
  x: Float64Array;
  y: Float64Array;
  split: Uint8Array;
  config: TrainingConfig;
  /** Overrides defaultLoss (e.g. the CLI). */
  loss?: LossKind;
  /** Total epochs to reach (default config.epochs, or Infinity without a limit; continuing a run raises it). */
  targetEpochs?: number;
}

/** Everything needed to continue a run exactly where it stopped (a saved format: see state-codec.ts). */
export interface RunState {
  trainer: TrainerState;
  /** Completed epochs. */
  epoch: number;
  shuffleRng: number;
  bestLoss: number;
  bestEpoch: number;
  bestParams: Float64Array;
  sinceBest: number;
  /** Mid-epoch position: the epoch's shuffled training rows, the next batch's start and the loss so far. */
  order: Int32Array;
  pos: number;
  epochLossSum: number;
  epochSteps: number;
}

/** The summary of one completed epoch. */
export interface EpochSummary {
  /** 1-based number of the completed epoch. */
  epoch: number;
  trainLoss: number;
  val: SplitEvaluation | null;
  /** Accuracy (classification) or R² (regression) on validation; NaN without a validation split. */
  score: number;
  elapsedMs: number;
}

/** Final evaluation of a run on each split. */
export interface RunEvaluation {
  train: SplitEvaluation;
  val: SplitEvaluation | null;
  test: SplitEvaluation | null;
}

/** What one step did. */
export interface StepOutcome {
  loss: number;
  epochEnd: EpochSummary | null;
  /** Set when the run has nothing more to do. */
  finished: 'completed' | 'early-stopped' | null;
}

/** A training run over RunInputs; `resume` continues from a stored RunState. */
export class TrainingRun {
  readonly program: Program;
  readonly loss: LossKind;
  /** The network's targets (one block of metrics each when there are several). */
  readonly targets: TargetSlice[];
  readonly trainRows: Int32Array;
  readonly valRows: Int32Array;
  readonly testRows: Int32Array;
  readonly stepsPerEpoch: number;
  /** Total epochs this run aims for (completed epochs stop at this count). */
  readonly targetEpochs: number;
  private readonly trainer: Trainer;
  private readonly shuffleRng;
  private order: Int32Array;
  private pos = 0;
  private epochLossSum = 0;
  private bestLoss = Infinity;
  private bestEpoch = 0;
  private bestParams: Float64Array;
  private sinceBest = 0;
  private stopped: 'completed' | 'early-stopped' | null = null;
  private readonly started = Date.now();

  constructor(
    readonly inputs: RunInputs,
    resume?: RunState,
  ) {
    const { network, config } = inputs;
    const plan = planRun(inputs);
    ({ program: this.program, loss: this.loss, targets: this.targets, trainRows: this.trainRows, valRows: this.valRows, testRows: this.testRows } = plan);
    ({ stepsPerEpoch: this.stepsPerEpoch, targetEpochs: this.targetEpochs } = plan);
    this.trainer = createTrainer(this.program, paramsFromNetwork(this.program, network), trainerConfigFor(config, this.loss, this.stepsPerEpoch));
    // A generator of its own (not the trainer's) so step-by-batch shuffles exactly as whole epochs do.
    this.shuffleRng = createRng((config.seed ^ 0x5bd1e995) >>> 0);
    this.bestParams = this.trainer.getWeights();
    this.order = new Int32Array(this.trainRows.length);
    if (resume) {
      // The run's own position is the one to trust: states saved before the trainer kept it hold 0 epochs and a running step count there.
      this.trainer.setState({ ...resume.trainer, epoch: resume.epoch, stepInEpoch: resume.epochSteps });
      this.shuffleRng.setState(resume.shuffleRng);
      this.bestLoss = resume.bestLoss;
      this.bestEpoch = resume.bestEpoch;
      this.bestParams = Float64Array.from(resume.bestParams);
      this.sinceBest = resume.sinceBest;
      if (resume.order.length === this.order.length) this.order.set(resume.order);
      this.pos = resume.order.length === this.order.length ? resume.pos : 0;
      this.epochLossSum = resume.epochLossSum;
    }
    if (this.epoch >= this.targetEpochs) this.stopped = 'completed';
  }

  /** Completed epochs (the trainer counts them). */
  get epoch(): number {
    return this.trainer.epochsDone;
  }
  /** Steps taken in the current epoch. */
  get stepInEpoch(): number {
    return this.trainer.stepInEpoch;
  }
  /** Why the run finished, or null while it can go on. */
  get finished(): 'completed' | 'early-stopped' | null {
    return this.stopped;
  }
  /** The live parameter vector (do not keep it across steps; copy it). */
  get params(): Float64Array {
    return this.trainer.params;
  }
  /** The best weights so far (lowest validation loss, or training loss without a validation split). */
  get best(): { params: Float64Array; epoch: number; loss: number } {
    return { params: this.bestParams, epoch: this.bestEpoch, loss: this.bestLoss };
  }

  /** One optimiser step on the next batch; throws the trainer's DivergenceError (epoch/step of this run) with the last good weights kept. */
  step(): StepOutcome {
    if (this.stopped) return { loss: NaN, epochEnd: null, finished: this.stopped };
    const { batchSize } = this.inputs.config;
    if (this.pos === 0) {
      for (let i = 0; i < this.order.length; i++) this.order[i] = this.trainRows[i];
      shuffle(this.order, this.shuffleRng);
    }
    const count = Math.min(batchSize, this.order.length - this.pos);
    const loss = this.trainer.step(this.inputs.x, this.inputs.y, this.order, this.pos, count);
    this.pos += count;
    this.epochLossSum += loss;
    if (this.pos < this.order.length) return { loss, epochEnd: null, finished: null };
    return { loss, epochEnd: this.endEpoch(), finished: this.stopped };
  }

  /** Steps to the end of the current epoch. */
  runEpoch(): StepOutcome {
    for (;;) {
      const s = this.step();
      if (s.epochEnd || s.finished) return s;
    }
  }

  private endEpoch(): EpochSummary {
    const trainLoss = this.epochLossSum / this.trainer.stepInEpoch;
    this.pos = 0;
    this.epochLossSum = 0;
    this.trainer.endEpoch();
    const epochNo = this.trainer.epochsDone;
    const params = this.trainer.params;
    const val = this.valRows.length ? evaluateRows(this.program, params, this.inputs.x, this.inputs.y, this.valRows, this.loss, this.targets) : null;
    // Without a validation split there is no per-epoch score: another pass over the training rows would cost a third of an epoch.
    const score = val ? (val.classification ? val.classification.accuracy : (val.regression?.r2 ?? NaN)) : NaN;
    const watched = val ? val.loss : trainLoss;
    if (watched < this.bestLoss) {
      this.bestLoss = watched;
      this.bestEpoch = epochNo;
      this.bestParams = Float64Array.from(params);
      this.sinceBest = 0;
    } else this.sinceBest++;
    const patience = this.inputs.config.patience;
    if (epochNo >= this.targetEpochs) this.stopped = 'completed';
    else if (patience !== null && val && this.sinceBest >= patience) this.stopped = 'early-stopped';
    return { epoch: epochNo, trainLoss, val, score, elapsedMs: Date.now() - this.started };
  }

  /** Everything needed to continue exactly from here, also mid-epoch. */
  getState(): RunState {
    return {
      trainer: this.trainer.getState(),
      epoch: this.epoch,
      shuffleRng: this.shuffleRng.getState(),
      bestLoss: this.bestLoss,
      bestEpoch: this.bestEpoch,
      bestParams: Float64Array.from(this.bestParams),
      sinceBest: this.sinceBest,
      order: Int32Array.from(this.order),
      pos: this.pos,
      epochLossSum: this.epochLossSum,
      epochSteps: this.stepInEpoch,
    };
  }

  /** Loss and metrics on train, validation and test with the current weights. */
  evaluateAll(params: Float64Array = this.trainer.params): RunEvaluation {
    const ev = (rows: Int32Array) => evaluateRows(this.program, params, this.inputs.x, this.inputs.y, rows, this.loss, this.targets);
    return { train: ev(this.trainRows), val: this.valRows.length ? ev(this.valRows) : null, test: this.testRows.length ? ev(this.testRows) : null };
  }
}
