import { describe, expect, it } from 'vitest';
import type { RunState } from '../../../src-shared/training/runner';
import { BadCheckpointError, blobToParams, checkStateFits, decodeRunState, encodeRunState, readStateHeader } from './state-codec';

function state(n = 3): RunState {
  return {
    trainer: { params: Float64Array.from({ length: n }, (_, i) => i / 3), optimizer: { t: 7, m: new Float64Array(n).fill(0.5), v: new Float64Array(n).fill(0.25) }, epoch: 2, stepInEpoch: 1, rngState: 99 },
    epoch: 2,
    shuffleRng: 1234,
    bestLoss: Infinity,
    bestEpoch: 0,
    bestParams: new Float64Array(n).fill(-1),
    sinceBest: 0,
    order: Int32Array.of(2, 0, 1),
    pos: 1,
    epochLossSum: 0.5,
    epochSteps: 1,
  };
}

/** Bytes with the codec's layout and a header of our choosing. */
function withHeader(header: unknown, tail = Buffer.alloc(0)): Buffer {
  const h = Buffer.from(JSON.stringify(header));
  const len = Buffer.alloc(4);
  len.writeUInt32LE(h.length);
  return Buffer.concat([len, h, Buffer.alloc((8 - ((4 + h.length) % 8)) % 8), tail]);
}

describe('checkpoint bytes read back from a file', () => {
  it('round-trip exactly', () => {
    const s = state();
    expect(decodeRunState(encodeRunState(s))).toEqual(s);
  });

  it('refuse a header whose lengths lie about the BLOB, before allocating anything', () => {
    const good = JSON.parse(encodeRunState(state()).subarray(4, 4 + encodeRunState(state()).readUInt32LE(0)).toString()) as { lengths: number[] };
    const lying = withHeader({ ...good, lengths: [0, 0, 0, 0, 5e8] });
    const before = process.memoryUsage().arrayBuffers;
    expect(() => decodeRunState(lying)).toThrow(new BadCheckpointError('its saved state claims 4000000000 bytes of arrays but holds 0'));
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(1_000_000);
    expect(() => readStateHeader(lying.subarray(0, 100), 100)).toThrow(BadCheckpointError);
  });

  it('refuse impossible header sizes, bad JSON, negative and fractional lengths, non-finite weights and rows out of range', () => {
    const huge = Buffer.alloc(16);
    huge.writeUInt32LE(0xffffffff);
    expect(() => decodeRunState(huge)).toThrow('its saved state has a header of an impossible size');
    expect(() => decodeRunState(Buffer.concat([Buffer.from([4, 0, 0, 0]), Buffer.from('{{{{')]))).toThrow('does not parse');
    const ok = encodeRunState(state());
    const h = JSON.parse(ok.subarray(4, 4 + ok.readUInt32LE(0)).toString()) as Record<string, unknown>;
    expect(() => decodeRunState(withHeader({ ...h, lengths: [-1, 0, 0, 0, 0] }))).toThrow('does not parse');
    expect(() => decodeRunState(withHeader({ ...h, lengths: [0.5, 0, 0, 0, 0] }))).toThrow('does not parse');
    const nan = state();
    nan.trainer.params[1] = Number.NaN;
    expect(() => decodeRunState(encodeRunState(nan))).toThrow('its saved weights are not all finite numbers');
    expect(() => blobToParams(Buffer.from(Float64Array.of(1, Number.POSITIVE_INFINITY).buffer))).toThrow('not all finite');
    expect(() => blobToParams(Buffer.alloc(7))).toThrow('not a whole number of values');
    expect(() => checkStateFits(state(), 4, Uint8Array.of(0, 0, 0))).toThrow('has 3 weights but its network needs 4');
    expect(() => checkStateFits(state(), 3, Uint8Array.of(0, 1, 0))).toThrow('names rows outside the training split');
    expect(() => checkStateFits(state(), 3, Uint8Array.of(0, 0, 0))).not.toThrow();
    // At an epoch's start the stored order is not used (a fresh shuffle comes first), so it is not checked.
    expect(() => checkStateFits({ ...state(), pos: 0 }, 3, Uint8Array.of(0, 1, 0))).not.toThrow();
  });
});
