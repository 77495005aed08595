/** Training configuration: what the training panel edits and a run stores, with defaults so "Train" works unchanged. */
import { z } from 'zod';
import type { Network } from '../model/network';
import type { LossKind, Schedule, TrainerConfig } from '../engine';
import { OptimizerSchema } from '../engine/optimizer';

/** The epoch limit a new configuration starts with. */
export const DEFAULT_EPOCHS = 100;

/** Optimiser choice (PyTorch semantics): the engine's schema, the one description of an optimiser. */
export { OptimizerSchema };

/** Learning-rate schedule; cosine's length is in epochs here (converted to steps when training starts). */
export const ScheduleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('constant') }),
  z.object({ kind: z.literal('step'), everyEpochs: z.number().int().positive(), gamma: z.number().positive() }),
  z.object({ kind: z.literal('cosine'), minLr: z.number().min(0).default(0) }),
]);

/** Everything a run needs besides the network and the data; every field has a default. */
export const TrainingConfigSchema = z.object({
  /** null: chosen from the target by defaultLoss. */
  loss: z.enum(['mse', 'bce', 'cce']).nullable().default(null),
  optimizer: OptimizerSchema.default({ kind: 'adam', lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-8 }),
  schedule: ScheduleSchema.default({ kind: 'constant' }),
  batchSize: z.number().int().min(1).max(65536).default(32),
  /** Epochs to train; null: until the user pauses or stops (play until paused). */
  epochs: z.number().int().min(1).max(1_000_000).nullable().default(DEFAULT_EPOCHS),
  seed: z.number().int().default(1),
  l1: z.number().min(0).default(0),
  l2: z.number().min(0).default(0),
  /** Stop when validation loss has not improved for this many epochs (null: never). */
  patience: z.number().int().min(1).nullable().default(null),
  /** Enforce Dale's principle (sign of each neuron's outgoing weights) during training. */
  dale: z.boolean().default(true),
  /** Reinitialise the weights with the seed before training (false: start from the canvas weights). */
  reinitialise: z.boolean().default(false),
  /** Batch arithmetic: float64 (exact, the default) or float32 (WebAssembly SIMD f32x4, about twice as fast on wide layers). */
  precision: z.enum(['float64', 'float32']).default('float64'),
});
/** A fully defaulted training configuration. */
export type TrainingConfig = z.infer<typeof TrainingConfigSchema>;
/** A training configuration as sent by a caller (any field may be left out). */
export type TrainingConfigInput = z.input<typeof TrainingConfigSchema>;

/** Fills in defaults and validates; throws a ZodError on bad input. */
export function parseTrainingConfig(input: unknown): TrainingConfig {
  return TrainingConfigSchema.parse(input ?? {});
}

/**
 * The loss the target calls for: cce when every output is in a softmax group, bce when every
 * output neuron is sigmoid (a binary class output), otherwise mse (numbers).
 */
export function defaultLoss(net: Network): LossKind {
  const outputs = net.neurons.filter((n) => n.role === 'output');
  const inGroup = new Set(net.softmaxGroups.flatMap((g) => g.members));
  if (outputs.length > 0 && outputs.every((n) => inGroup.has(n.id))) return 'cce';
  // The dataset encoder gives a 0/1 target exactly one sigmoid output, so sigmoid outputs mean binary classes.
  if (outputs.length > 0 && outputs.every((n) => n.activation === 'sigmoid')) return 'bce';
  return 'mse';
}

/** The engine's config for a run: resolves the loss and converts the schedule from epochs to optimiser steps. */
export function trainerConfigFor(cfg: TrainingConfig, loss: LossKind, stepsPerEpoch: number): TrainerConfig {
  let schedule: Schedule = { kind: 'constant' };
  if (cfg.schedule.kind === 'step') schedule = { kind: 'step', every: cfg.schedule.everyEpochs * stepsPerEpoch, gamma: cfg.schedule.gamma };
  // Without an epoch limit a cosine schedule has no end to decay towards: it spans DEFAULT_EPOCHS and then stays at its minimum.
  if (cfg.schedule.kind === 'cosine') schedule = { kind: 'cosine', totalSteps: Math.max(1, (cfg.epochs ?? DEFAULT_EPOCHS) * stepsPerEpoch), minLr: cfg.schedule.minLr };
  return { loss, optimizer: cfg.optimizer, schedule, l1: cfg.l1, l2: cfg.l2, batchSize: cfg.batchSize, seed: cfg.seed, init: cfg.reinitialise ? 'glorot_uniform' : 'keep', precision: cfg.precision };
}
