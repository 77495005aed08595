/**
 * The training channels and events between renderer and main (spread into src-shared/api.ts).
 * Numbers that can be NaN (an empty class's precision) cross JSON as null.
 */
import { z } from 'zod';
import { NetworkSchema } from '../model/network';
import { TrainingConfigSchema } from './config';
import { MAX_TEMPO } from './tempo';

const num = z.number().nullable();

const ClassificationSchema = z.object({ accuracy: num, confusion: z.array(z.array(z.number())), precision: z.array(num), recall: z.array(num) });
const RegressionSchema = z.object({ mse: num, mae: num, r2: num });

/** Loss and metrics on one split; with several targets, `targets` holds each one's metrics and confusion matrix. */
export const SplitEvaluationSchema = z.object({
  rows: z.number(),
  loss: num,
  classification: ClassificationSchema.nullable(),
  regression: RegressionSchema.nullable(),
  targets: z.array(z.object({ name: z.string(), classification: ClassificationSchema.nullable(), regression: RegressionSchema.nullable() })).nullable().optional(),
});
/** Final evaluation of a run. */
export const RunEvaluationSchema = z.object({ train: SplitEvaluationSchema, val: SplitEvaluationSchema.nullable(), test: SplitEvaluationSchema.nullable() });

/**
 * Status of a stored run. `interrupted`: it was training when its process ended (a crash, a kill, or
 * a save while it trained); it continues from its last checkpoint.
 */
export const RunStatusSchema = z.enum(['running', 'interrupted', 'completed', 'stopped', 'early-stopped', 'error']);
/** Status of a stored run. */
export type RunStatus = z.infer<typeof RunStatusSchema>;

/** One run in the history list. */
export const RunSummarySchema = z.object({
  id: z.string(),
  datasetId: z.string().nullable(),
  started: z.string(),
  finished: z.string().nullable(),
  /** A RunStatus, or `damaged` when the run's row in the file cannot be used (`message` says why). */
  status: z.string(),
  config: TrainingConfigSchema,
  loss: z.string(),
  /** Epochs completed (from the last checkpoint). */
  epochs: z.number(),
  result: RunEvaluationSchema.nullable(),
  message: z.string().nullable(),
});
/** One run in the history list. */
export type RunSummary = z.infer<typeof RunSummarySchema>;

/** One row of the predictions table (see training/predictions.ts). */
export const PredictionRowSchema = z.object({
  row: z.number(),
  truth: z.union([z.string(), z.number()]),
  predicted: z.union([z.string(), z.number()]),
  probability: num,
  correct: z.boolean().nullable(),
  error: num,
});

/** Neuron outputs over a plane of two input features, cell (i, j) at grids[n][j · resolution + i], j = 0 at the bottom. */
export const BoundarySchema = z.object({
  xFeature: z.number(),
  yFeature: z.number(),
  features: z.array(z.string()),
  xRange: z.tuple([z.number(), z.number()]),
  yRange: z.tuple([z.number(), z.number()]),
  resolution: z.number(),
  neuronIds: z.array(z.string()),
  grids: z.array(z.array(z.number())),
  /** For classes: the predicted class index per cell (argmax of the first target's outputs); null for numbers. */
  classGrid: z.array(z.number()).nullable(),
  classes: z.array(z.string()).nullable(),
  /** Training rows to draw: position and class index (or target value). */
  points: z.array(z.tuple([z.number(), z.number(), z.number()])),
});
/** Neuron outputs over a plane of two input features. */
export type Boundary = z.infer<typeof BoundarySchema>;

const runId = z.object({ runId: z.string().min(1) });
const empty = z.object({});
/** Live weights by document order of the run's network: one per synapse, one bias per neuron. */
const LiveWeightsSchema = z.object({ synapseWeights: z.array(z.number()), biases: z.array(z.number()) });
/** Epochs per second; 0: by hand only; null: full speed (see tempo.ts). */
const TempoSchema = z.number().min(0).max(MAX_TEMPO).nullable();
/** A snapshot's place in its run: `epoch` completed epochs plus `step` batches of the next. */
const SnapshotKeySchema = z.object({ epoch: z.number().int().min(0), step: z.number().int().min(0) });

/** Request channels of training. */
export const trainingRequests = {
  // Starts a run on a stored dataset with the canvas network; the structure stays locked until training.done/error.
  'training.start': {
    // tempo: epochs per second (default full speed); paused: start without training (then step it).
    request: z.object({ datasetId: z.string().min(1), network: NetworkSchema, config: TrainingConfigSchema.prefault({}), tempo: TempoSchema.default(null), paused: z.boolean().default(false) }),
    response: z.object({ runId: z.string(), loss: z.enum(['mse', 'bce', 'cce']), stepsPerEpoch: z.number() }),
  },
  // The live run's Training speed, from now on.
  'training.tempo': { request: runId.extend({ tempo: TempoSchema }), response: empty },
  // Where a run's replay snapshots are, in order (see snapshots.ts for the spacing).
  // With the ids of the run's neurons and synapses in document order, so a caller can tell whether they fit the canvas.
  'training.snapshots': { request: runId, response: z.object({ snapshots: z.array(SnapshotKeySchema), neuronIds: z.array(z.string()), synapseIds: z.array(z.string()) }) },
  // One snapshot's weights, by document order of the run's network (as training.progress sends them).
  'training.snapshot': { request: runId.extend(SnapshotKeySchema.shape), response: z.object({ weights: LiveWeightsSchema }) },
  'training.pause': { request: runId, response: empty },
  'training.resume': { request: runId, response: empty },
  'training.stop': { request: runId, response: empty },
  // Pauses (if running) and runs one batch or one epoch; a progress event follows.
  'training.step': { request: runId.extend({ unit: z.enum(['batch', 'epoch']) }), response: empty },
  // The network with every weight and bias reinitialised (Glorot uniform) from the seed; Dale signs respected.
  'training.resetWeights': { request: z.object({ network: NetworkSchema, seed: z.number().int() }), response: z.object({ network: NetworkSchema }) },
  'training.runs': { request: empty, response: z.object({ runs: z.array(RunSummarySchema) }) },
  // A run's config and metric history: per name ('train.loss', 'val.loss', 'val.score' or 'train.score'), [epoch, value] pairs.
  'training.run': {
    request: runId,
    response: z.object({ run: RunSummarySchema, history: z.record(z.string(), z.array(z.tuple([z.number(), z.number()]))) }),
  },
  // The run's network with its final or best weights (to put on the canvas).
  'training.loadWeights': { request: runId.extend({ which: z.enum(['final', 'best']) }), response: z.object({ network: NetworkSchema }) },
  // Continues a stored run from its final state for `epochs` more epochs (same run id, same history).
  'training.continue': { request: runId.extend({ epochs: z.number().int().min(1).max(1_000_000), tempo: TempoSchema.default(null) }), response: z.object({ runId: z.string() }) },
  // The network's predictions beside the truth on a split's rows, a page at a time (forward passes in the inference worker).
  'training.predictions': {
    request: z.object({
      datasetId: z.string().min(1),
      network: NetworkSchema,
      split: z.enum(['train', 'validation', 'test']),
      offset: z.number().int().min(0),
      limit: z.number().int().min(1).max(1000),
      mistakesOnly: z.boolean().default(false),
    }),
    response: z.object({ total: z.number(), rows: z.array(PredictionRowSchema) }),
  },
  // Every neuron's output over a plane of two encoded features (others at their training means), and data points to draw on it.
  'training.boundary': {
    request: z.object({
      datasetId: z.string().min(1),
      network: NetworkSchema,
      xFeature: z.number().int().min(0),
      yFeature: z.number().int().min(0),
      resolution: z.number().int().min(4).max(64).default(32),
      maxPoints: z.number().int().min(0).max(2000).default(500),
    }),
    response: BoundarySchema,
  },
} as const;

/** Events of training, pushed to the session that started the run. */
export const trainingEvents = {
  // Throttled (≤ 10/s): position, speed, losses and the live weights.
  'training.progress': z.object({
    runId: z.string(),
    epoch: z.number(),
    step: z.number(),
    stepsPerEpoch: z.number(),
    /** null: no epoch limit. */
    targetEpochs: num,
    samplesPerSec: z.number(),
    trainLoss: num,
    valLoss: num,
    score: num,
    elapsedMs: z.number(),
    etaMs: num,
    paused: z.boolean(),
    weights: LiveWeightsSchema,
  }),
  // Every completed epoch (for the curves); score is accuracy or R².
  'training.epoch': z.object({ runId: z.string(), epoch: z.number(), trainLoss: num, valLoss: num, score: num }),
  'training.done': z.object({ runId: z.string(), reason: z.enum(['completed', 'stopped', 'early-stopped']), evaluation: RunEvaluationSchema, weights: LiveWeightsSchema }),
  'training.error': z.object({ runId: z.string(), message: z.string(), epoch: num, step: num, weights: LiveWeightsSchema.nullable() }),
} as const;
