/**
 * RunState ⇄ bytes for the checkpoints table: a JSON header then the typed arrays' raw float64 bytes
 * (src-shared/aligned-blob.ts, the layout stored datasets use too).
 * Bytes read back from a project file are not trusted: the header is bounded and validated, and the
 * lengths it claims must add up to the BLOB's real size before a single array is allocated.
 */
import { z } from 'zod';
import type { RunState } from '../../../src-shared/training/runner';
import { allFinite, packWithHeader, readHeaderText, readSlice } from '../../../src-shared/aligned-blob';

/** A checkpoint that cannot be used, with the reason in words (the caller names the run). */
export class BadCheckpointError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BadCheckpointError';
  }
}

/** The largest header a checkpoint may have (ours are a few hundred bytes). */
const MAX_HEADER_BYTES = 64 * 1024;
/** The most values one array of a checkpoint may hold (parameters, moments, rows of the shuffle order). */
export const MAX_CHECKPOINT_VALUES = 200_000_000;

const int = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const finite = z.number().refine(Number.isFinite, 'must be finite');
const HeaderSchema = z.object({
  lengths: z.array(int).length(5),
  t: int,
  trainerEpoch: int,
  stepInEpoch: int,
  rngState: z.number().int(),
  epoch: int,
  shuffleRng: z.number().int(),
  bestLoss: finite.nullable(),
  bestEpoch: int,
  sinceBest: int,
  pos: int,
  epochLossSum: z.number().nullable().transform((v) => v ?? NaN),
  epochSteps: int,
});

/** Encodes a run state exactly (doubles kept bit for bit, infinities included). */
export function encodeRunState(s: RunState): Buffer {
  const arrays = [s.trainer.params, s.trainer.optimizer.m, s.trainer.optimizer.v, s.bestParams, Float64Array.from(s.order)];
  const header = {
    lengths: arrays.map((a) => a.length),
    t: s.trainer.optimizer.t,
    trainerEpoch: s.trainer.epoch,
    stepInEpoch: s.trainer.stepInEpoch,
    rngState: s.trainer.rngState,
    epoch: s.epoch,
    shuffleRng: s.shuffleRng,
    bestLoss: Number.isFinite(s.bestLoss) ? s.bestLoss : null,
    bestEpoch: s.bestEpoch,
    sinceBest: s.sinceBest,
    pos: s.pos,
    epochLossSum: s.epochLossSum,
    epochSteps: s.epochSteps,
  };
  const bytes = packWithHeader(header, arrays);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The parsed header of an encoded state and where its arrays start; throws BadCheckpointError. */
export function readStateHeader(b: Uint8Array, totalBytes = b.byteLength): { header: z.infer<typeof HeaderSchema>; offset: number } {
  const text = readHeaderText(b, MAX_HEADER_BYTES);
  if (text === 'short') throw new BadCheckpointError('its saved state is cut short');
  if (text === 'size') throw new BadCheckpointError('its saved state has a header of an impossible size');
  let header: z.infer<typeof HeaderSchema>;
  try {
    header = HeaderSchema.parse(JSON.parse(text.json));
  } catch {
    throw new BadCheckpointError('its saved state has a header that does not parse');
  }
  const { offset } = text;
  const claimed = header.lengths.reduce((a, n) => a + n, 0) * 8;
  if (header.lengths.some((n) => n > MAX_CHECKPOINT_VALUES) || offset + claimed !== totalBytes) {
    throw new BadCheckpointError(`its saved state claims ${claimed} bytes of arrays but holds ${Math.max(0, totalBytes - offset)}`);
  }
  return { header, offset };
}

/** Decodes encodeRunState's bytes; throws BadCheckpointError for bytes that are not a state we wrote. */
export function decodeRunState(b: Uint8Array): RunState {
  // Sizes are checked against the real byte count before anything is allocated.
  const { header: h, offset } = readStateHeader(b);
  let off = offset;
  const arrays = h.lengths.map((n) => {
    const a = readSlice(b, { offset: off, length: n }, Float64Array);
    off += n * 8;
    return a;
  });
  const [params, m, v, bestParams, order] = arrays;
  if (bestParams.length !== params.length || (m.length !== 0 && m.length !== params.length) || (v.length !== 0 && v.length !== params.length)) {
    throw new BadCheckpointError('its saved state has arrays of different sizes');
  }
  if (!allFinite(params) || !allFinite(bestParams) || !allFinite(m) || !allFinite(v)) throw new BadCheckpointError('its saved weights are not all finite numbers');
  for (let i = 0; i < order.length; i++) if (!Number.isInteger(order[i]) || order[i] < 0 || order[i] > 2 ** 31 - 1) throw new BadCheckpointError('its saved row order is not a list of rows');
  if (h.pos > order.length) throw new BadCheckpointError('its saved position is past the end of its epoch');
  return {
    trainer: { params, optimizer: { t: h.t, m, v }, epoch: h.trainerEpoch, stepInEpoch: h.stepInEpoch, rngState: h.rngState },
    epoch: h.epoch,
    shuffleRng: h.shuffleRng,
    bestLoss: h.bestLoss ?? Infinity,
    bestEpoch: h.bestEpoch,
    bestParams,
    sinceBest: h.sinceBest,
    order: Int32Array.from(order),
    pos: h.pos,
    epochLossSum: h.epochLossSum,
    epochSteps: h.epochSteps,
  };
}

/** Throws BadCheckpointError unless a state fits a network of `params` parameters and a dataset's split. */
export function checkStateFits(s: RunState, params: number, split: Uint8Array): void {
  if (s.trainer.params.length !== params) throw new BadCheckpointError(`its saved state has ${s.trainer.params.length} weights but its network needs ${params}`);
  // The order matters only mid-epoch: at an epoch's start (pos 0) the next step shuffles a fresh one.
  if (s.pos === 0) return;
  for (let i = 0; i < s.order.length; i++) {
    const r = s.order[i];
    if (r >= split.length || split[r] !== 0) throw new BadCheckpointError('its saved row order names rows outside the training split');
  }
}

/** A Float64Array as BLOB bytes and back. */
export function paramsToBlob(p: Float64Array): Buffer {
  return Buffer.from(p.buffer.slice(p.byteOffset, p.byteOffset + p.byteLength));
}
/** BLOB bytes back to a Float64Array (copied, so alignment does not matter); throws BadCheckpointError for bytes that are not one. */
export function blobToParams(b: Uint8Array): Float64Array {
  if (b.byteLength % 8 !== 0) throw new BadCheckpointError('its saved weights are not a whole number of values');
  if (b.byteLength / 8 > MAX_CHECKPOINT_VALUES) throw new BadCheckpointError('its saved weights are too many');
  const a = readSlice(b, { offset: 0, length: b.byteLength / 8 }, Float64Array);
  if (!allFinite(a)) throw new BadCheckpointError('its saved weights are not all finite numbers');
  return a;
}
