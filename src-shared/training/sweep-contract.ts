/** The sweep channels and events (spread into src-shared/api.ts): a grid of runs trained side by side. */
import { z } from 'zod';
import { NetworkSchema } from '../model/network';
import { TrainingConfigSchema } from './config';
import { SweepSpecSchema } from './sweep';

const num = z.number().nullable();

/** Request channels of sweeps. */
export const sweepRequests = {
  // Starts every run of the grid (each a normal run in the history) on a pool of workers; the canvas is untouched.
  'training.sweepStart': {
    request: z.object({ datasetId: z.string().min(1), network: NetworkSchema, config: TrainingConfigSchema.prefault({}), spec: SweepSpecSchema }),
    response: z.object({
      sweepId: z.string(),
      points: z.array(z.object({ lr: z.number(), width: z.number().nullable(), seed: z.number() })),
      /** Runs trained at once. */
      workers: z.number(),
    }),
  },
  // Stops a sweep's running runs (they keep what they learned) and starts no more.
  'training.sweepStop': { request: z.object({ sweepId: z.string().min(1) }), response: z.object({}) },
} as const;

/** Events of sweeps, pushed to the session that started them. */
export const sweepEvents = {
  // What changed in the grid's runs since the last event: a run started, finished epochs (all of them, in order; sent
  // together at most ten times a second), or ended (status then says how; message for an error).
  'training.sweepProgress': z.object({
    sweepId: z.string(),
    runs: z.array(
      z.object({
        index: z.number(),
        runId: z.string(),
        status: z.enum(['running', 'completed', 'stopped', 'early-stopped', 'error']),
        /** The run's last completed epoch. */
        epoch: z.number(),
        message: z.string().nullable(),
        epochs: z.array(z.object({ epoch: z.number(), trainLoss: num, valLoss: num, score: num })),
      }),
    ),
  }),
  // Every run of the sweep has ended.
  'training.sweepDone': z.object({ sweepId: z.string(), stopped: z.boolean() }),
} as const;
