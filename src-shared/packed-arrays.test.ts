import { describe, expect, it } from 'vitest';
import { decodeFloat64, packNumberArrays, PACK_MIN_LENGTH, unpackNumberArrays } from './packed-arrays';

const encode = (f: Float64Array) => Buffer.from(f.buffer, f.byteOffset, f.byteLength).toString('base64');
const ramp = (n: number, f = (i: number) => Math.sin(i) * 1e-7 + i / 3) => Array.from({ length: n }, (_, i) => f(i));

/** What the page holds after the message crossed as JSON text. */
function roundTrip(value: unknown): unknown {
  const p = packNumberArrays(value, encode);
  const msg = JSON.parse(JSON.stringify({ result: p.value, packed: p.paths })) as { result: unknown; packed: Array<Array<string | number>> };
  unpackNumberArrays(msg.result, msg.packed, decodeFloat64);
  return msg.result;
}

describe('packed number arrays', () => {
  it('carries long number arrays bit for bit, at any depth, as less text than JSON numbers', () => {
    const reply = { total: 3, forward: { z: ramp(20), contributions: ramp(8400) }, grids: [{ id: 'n1', values: ramp(900, (i) => -(i + 1) * Math.PI) }], label: 'setosa' };
    const p = packNumberArrays(reply, encode);
    expect(p.paths).toEqual([['forward', 'contributions'], ['grids', 0, 'values']]);
    expect(JSON.stringify(p.value).length).toBeLessThan(JSON.stringify(reply).length * 0.65);
    expect(roundTrip(reply)).toEqual(reply);
  });

  it('leaves short arrays, arrays with anything but finite numbers, and the value given untouched', () => {
    const withNaN = ramp(PACK_MIN_LENGTH);
    withNaN[7] = NaN;
    const mixed: unknown[] = ramp(PACK_MIN_LENGTH);
    mixed[3] = '4';
    const reply = { short: ramp(PACK_MIN_LENGTH - 1), withNaN, mixed, rows: [ramp(PACK_MIN_LENGTH)] };
    const before = JSON.stringify(reply);
    const p = packNumberArrays(reply, encode);
    expect(p.paths).toEqual([['rows', 0]]);
    expect(JSON.stringify(reply)).toBe(before);
    expect(reply.rows[0]).toHaveLength(PACK_MIN_LENGTH);
    expect(p.value).not.toBe(reply);
    expect((p.value as typeof reply).short).toBe(reply.short);
  });

  it('writes −0 as 0, as JSON does', () => {
    const a = ramp(PACK_MIN_LENGTH, () => -0);
    expect(Object.is((roundTrip({ a }) as { a: number[] }).a[0], 0)).toBe(true);
  });

  it('packs a whole array reply, and a reply with nothing to pack is the same object', () => {
    const whole = ramp(PACK_MIN_LENGTH + 5);
    expect(packNumberArrays(whole, encode).paths).toEqual([[]]);
    const plain = { a: [1, 2, 3], b: 'x' };
    expect(packNumberArrays(plain, encode)).toEqual({ value: plain, paths: [] });
    expect(packNumberArrays(plain, encode).value).toBe(plain);
  });

  it('ignores paths that lead nowhere', () => {
    const v = { a: { b: 'AAAAAAAA8D8=' } };
    unpackNumberArrays(v, [['x', 'y'], [], ['a', 'b']], decodeFloat64);
    expect(v).toEqual({ a: { b: [1] } });
  });
});
