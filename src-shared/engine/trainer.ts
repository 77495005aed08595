import type { Program } from './compile';
import { forwardBatch } from './forward';
import { backwardBatch } from './backward';
import { assertLoss, lossAndSeed, type LossKind } from './loss';
import { createOptimizerState, optimizerStep, type OptimizerConfig, type OptimizerState } from './optimizer';
import { learningRate, type Schedule } from './schedule';
import { hasDale, projectDale } from './dale';
import { initialise, type InitScheme } from './init';
import { createRng, shuffle } from './rng';
import { createWorkspace, loadInputs } from './workspace';
import type { KernelKind } from './simd/module';
import type { Precision } from './simd/backend';

/** Everything a training run needs besides data. */
export interface TrainerConfig {
  loss: LossKind;
  optimizer: OptimizerConfig;
  schedule?: Schedule;
  /** L1 penalty l1·Σ|w| and L2 penalty (l2/2)·Σw² on weights (not biases), added to the loss. */
  l1?: number;
  l2?: number;
  batchSize: number;
  /** Seeds initialisation and shuffling. */
  seed: number;
  /** Initialisation of `initialParams` (default 'keep': use them as given). */
  init?: InitScheme;
  /** Dense-block kernel: 'simd' (WebAssembly SIMD, the default where it runs) or 'js' (the reference fallback). */
  kernel?: KernelKind;
  /** Batch arithmetic: 'float64' (default) or 'float32' (SIMD only, about twice as fast; parameters and optimiser stay float64). */
  precision?: Precision;
}

/**
 * Thrown when the loss or weights stop being finite; training stops and the last good weights are kept.
 * `epoch` and `step` are 0-based (completed epochs, steps within the epoch); the message counts from 1.
 */
export class DivergenceError extends Error {
  constructor(
    readonly epoch: number,
    readonly step: number,
    what: string,
  ) {
    super(`Training diverged at epoch ${epoch + 1}, step ${step + 1}: ${what} is NaN or infinite. The last good weights are kept; try a smaller learning rate.`);
  }
}

/** Serialisable training state: weights, optimiser moments, counters and the shuffle generator. */
export interface TrainerState {
  params: Float64Array;
  optimizer: OptimizerState;
  epoch: number;
  /** Steps taken within the current epoch. */
  stepInEpoch: number;
  rngState: number;
}

/** A training run over a compiled program. */
export interface Trainer {
  /** The live parameter vector (weights then biases, see Program). */
  readonly params: Float64Array;
  /** One optimiser step on rows rows[start..start+count) of X/Y (or start.. when rows is null); returns the batch loss (with penalties). */
  step(X: ArrayLike<number>, Y: ArrayLike<number>, rows: ArrayLike<number> | null, start: number, count: number): number;
  /** A shuffled pass over nRows rows; returns the mean batch loss. */
  epoch(X: ArrayLike<number>, Y: ArrayLike<number>, nRows: number): number;
  /** Completed epochs: epoch() counts its own; a caller that batches an epoch itself ends it with endEpoch(). */
  readonly epochsDone: number;
  /** Steps taken within the current epoch. */
  readonly stepInEpoch: number;
  /** Ends an epoch taken step by step: the next step is the first of the next epoch. */
  endEpoch(): void;
  /** Loss and gradient for a batch without updating (for checks). */
  gradient(X: ArrayLike<number>, Y: ArrayLike<number>, rows: ArrayLike<number> | null, start: number, count: number): { loss: number; grad: Float64Array };
  /** A copy of the current weights. */
  getWeights(): Float64Array;
  /** A deep copy of the state, safe to serialise. */
  getState(): TrainerState;
  /** Restores a state from `getState`: training then continues exactly as it would have. */
  setState(s: TrainerState): void;
}

/** Creates a trainer; `initialParams` (e.g. from paramsFromNetwork) is copied and initialised per config.init. */
export function createTrainer(program: Program, initialParams: Float64Array, config: TrainerConfig): Trainer {
  assertLoss(program, config.loss);
  const params = Float64Array.from(initialParams);
  const rng = createRng(config.seed);
  initialise(program, params, config.init ?? 'keep', rng);
  const ws = createWorkspace(program, config.batchSize, { kernel: config.kernel, precision: config.precision });
  let opt = createOptimizerState(config.optimizer, program.nParams);
  const good = new Float64Array(program.nParams);
  const dale = hasDale(program);
  const nW = program.nWeights;
  const l1 = config.l1 ?? 0;
  const l2 = config.l2 ?? 0;
  let epochNo = 0;
  let stepInEpoch = 0;
  let order: Int32Array | null = null;

  const gradient = (X: ArrayLike<number>, Y: ArrayLike<number>, rows: ArrayLike<number> | null, start: number, count: number): number => {
    if (count > ws.capacity) throw new RangeError(`Batch of ${count} rows exceeds the trainer's batch size ${ws.capacity}.`);
    loadInputs(program, ws, X, rows, start, count);
    forwardBatch(program, params, ws, count);
    let loss = lossAndSeed(program, ws, Y, rows, start, count, config.loss);
    backwardBatch(program, params, ws, count);
    if (l1 || l2) {
      const g = ws.grad;
      let pen = 0;
      for (let i = 0; i < nW; i++) {
        const w = params[i];
        pen += l1 * Math.abs(w) + 0.5 * l2 * w * w;
        g[i] += l1 * Math.sign(w) + l2 * w;
      }
      loss += pen;
    }
    return loss;
  };

  const step = (X: ArrayLike<number>, Y: ArrayLike<number>, rows: ArrayLike<number> | null, start: number, count: number): number => {
    const loss = gradient(X, Y, rows, start, count);
    if (!Number.isFinite(loss)) throw new DivergenceError(epochNo, stepInEpoch, 'the loss');
    good.set(params);
    const finite = optimizerStep(config.optimizer, opt, params, ws.grad, learningRate(config.optimizer.lr, config.schedule, opt.t), nW);
    if (dale) projectDale(program, params);
    // Dale's projection keeps finite weights finite (it may zero an infinite one): only a non-finite update needs a pass.
    if (!finite && !allFinite(params)) {
      params.set(good);
      opt.t--;
      throw new DivergenceError(epochNo, stepInEpoch, 'a weight');
    }
    stepInEpoch++;
    return loss;
  };

  const endEpoch = (): void => {
    epochNo++;
    stepInEpoch = 0;
  };

  return {
    params,
    step,
    epoch(X, Y, nRows) {
      if (!order || order.length !== nRows) order = new Int32Array(nRows);
      // A fresh identity each epoch: the permutation then depends only on the RNG state, which getState saves.
      for (let i = 0; i < nRows; i++) order[i] = i;
      shuffle(order, rng);
      stepInEpoch = 0;
      let sum = 0;
      let n = 0;
      for (let s = 0; s < nRows; s += config.batchSize) {
        sum += step(X, Y, order, s, Math.min(config.batchSize, nRows - s));
        n++;
      }
      endEpoch();
      return sum / n;
    },
    get epochsDone() {
      return epochNo;
    },
    get stepInEpoch() {
      return stepInEpoch;
    },
    endEpoch,
    gradient(X, Y, rows, start, count) {
      const loss = gradient(X, Y, rows, start, count);
      return { loss, grad: Float64Array.from(ws.grad) };
    },
    getWeights: () => Float64Array.from(params),
    getState: () => ({
      params: Float64Array.from(params),
      optimizer: { t: opt.t, m: Float64Array.from(opt.m), v: Float64Array.from(opt.v) },
      epoch: epochNo,
      stepInEpoch,
      rngState: rng.getState(),
    }),
    setState(s) {
      params.set(s.params);
      opt = { t: s.optimizer.t, m: Float64Array.from(s.optimizer.m), v: Float64Array.from(s.optimizer.v) };
      epochNo = s.epoch;
      stepInEpoch = s.stepInEpoch;
      rng.setState(s.rngState);
    },
  };
}

function allFinite(a: Float64Array): boolean {
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) return false;
  return true;
}
