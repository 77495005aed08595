/**
 * A run as planned before any trainer exists: which loss it minimises, how many batches make an epoch and
 * whether the network fits the data. Main plans a run to answer `training.start` (and refuse a misfit at
 * once) and stores the loss with the run; the worker's TrainingRun follows the same plan.
 */
import type { Network } from '../model/network';
import { plural } from '../plural';
import { assertLoss, compileNetwork, type LossKind, type Program } from '../engine';
import { defaultLoss, type TrainingConfig } from './config';
import { targetSlices, type TargetSlice } from './evaluate';
import type { RunInputs } from './runner';

/** What a run is before it trains. */
export interface RunPlan {
  /** The network as trained, compiled (no Dale signs when the constraint is off). */
  program: Program;
  loss: LossKind;
  /** The network's targets (one block of metrics each when there are several). */
  targets: TargetSlice[];
  trainRows: Int32Array;
  valRows: Int32Array;
  testRows: Int32Array;
  stepsPerEpoch: number;
  /** Total epochs the run aims for (Infinity without a limit). */
  targetEpochs: number;
}

/** The loss a run minimises: the caller's override, else the configuration's, else the one the target calls for. */
export function runLoss(network: Network, config: TrainingConfig, override?: LossKind): LossKind {
  return override ?? config.loss ?? defaultLoss(network);
}

/** The indices of the rows in one split (0 train, 1 validation, 2 test). */
export function rowsOf(split: Uint8Array, which: number): Int32Array {
  let n = 0;
  for (let i = 0; i < split.length; i++) if (split[i] === which) n++;
  const r = new Int32Array(n);
  n = 0;
  for (let i = 0; i < split.length; i++) if (split[i] === which) r[n++] = i;
  return r;
}

/** The network as trained: without Dale signs when the constraint is off. */
export function trainingNetwork(net: Network, dale: boolean): Network {
  return dale ? net : { ...net, neurons: net.neurons.map((n) => ({ ...n, dale: null })) };
}

/** Plans a run; throws an Error whose message the user can read when the network does not fit the data or the loss. */
export function planRun(inputs: RunInputs): RunPlan {
  const { network, x, y, split, config } = inputs;
  const program = compileNetwork(trainingNetwork(network, config.dale));
  const nIn = program.inputs.length;
  const nOut = program.outputs.length;
  const rows = split.length;
  if (x.length !== rows * nIn) throw new Error(`The dataset has ${plural(rows ? x.length / rows : 0, 'feature column')} but the network has ${plural(nIn, 'input neuron')}.`);
  if (y.length !== rows * nOut) throw new Error(`The dataset has ${plural(rows ? y.length / rows : 0, 'target column')} but the network has ${plural(nOut, 'output neuron')}.`);
  const loss = runLoss(network, config, inputs.loss);
  const targets = targetSlices(network, program, loss);
  const trainRows = rowsOf(split, 0);
  if (trainRows.length === 0) throw new Error('The training split is empty.');
  // The trainer would refuse it too, but only once built.
  assertLoss(program, loss);
  return {
    program,
    loss,
    targets,
    trainRows,
    valRows: rowsOf(split, 1),
    testRows: rowsOf(split, 2),
    stepsPerEpoch: Math.ceil(trainRows.length / config.batchSize),
    targetEpochs: inputs.targetEpochs ?? config.epochs ?? Infinity,
  };
}
