/** RunState ⇄ bytes for the checkpoints table: a JSON header then the typed arrays' raw float64 bytes. */
import type { RunState } from '../../../src-shared/training/runner';

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
  const h = Buffer.from(JSON.stringify(header), 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32LE(h.length);
  // Pad the header so the float64 block starts 8-byte aligned.
  const pad = Buffer.alloc((8 - ((4 + h.length) % 8)) % 8);
  return Buffer.concat([len, h, pad, ...arrays.map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength))]);
}

/** Decodes encodeRunState's bytes. */
export function decodeRunState(b: Uint8Array): RunState {
  const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  const hl = buf.readUInt32LE(0);
  const h = JSON.parse(buf.subarray(4, 4 + hl).toString('utf8')) as {
    lengths: number[]; t: number; trainerEpoch: number; stepInEpoch: number; rngState: number; epoch: number; shuffleRng: number; bestLoss: number | null; bestEpoch: number; sinceBest: number; pos: number; epochLossSum: number; epochSteps: number;
  };
  let off = 4 + hl + ((8 - ((4 + hl) % 8)) % 8);
  const arrays = h.lengths.map((n) => {
    const a = new Float64Array(n);
    new Uint8Array(a.buffer).set(buf.subarray(off, off + n * 8));
    off += n * 8;
    return a;
  });
  return {
    trainer: { params: arrays[0], optimizer: { t: h.t, m: arrays[1], v: arrays[2] }, epoch: h.trainerEpoch, stepInEpoch: h.stepInEpoch, rngState: h.rngState },
    epoch: h.epoch,
    shuffleRng: h.shuffleRng,
    bestLoss: h.bestLoss ?? Infinity,
    bestEpoch: h.bestEpoch,
    bestParams: arrays[3],
    sinceBest: h.sinceBest,
    order: Int32Array.from(arrays[4]),
    pos: h.pos,
    epochLossSum: h.epochLossSum,
    epochSteps: h.epochSteps,
  };
}

/** A Float64Array as BLOB bytes and back. */
export function paramsToBlob(p: Float64Array): Buffer {
  return Buffer.from(p.buffer.slice(p.byteOffset, p.byteOffset + p.byteLength));
}
/** BLOB bytes back to a Float64Array (copied, so alignment does not matter). */
export function blobToParams(b: Uint8Array): Float64Array {
  const a = new Float64Array(b.byteLength / 8);
  new Uint8Array(a.buffer).set(b);
  return a;
}
