import { describe, expect, it } from 'vitest';
import { allFinite, packAligned, packWithHeader, readHeaderText, readSlice } from './aligned-blob';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('aligned-blob', () => {
  it('lays arrays out at 8-byte-aligned offsets, with no padding after the last', () => {
    const { bytes, slices } = packAligned([Uint8Array.of(1, 2, 3), Float64Array.of(1.5), Uint8Array.of(9)]);
    expect(slices).toEqual([{ offset: 0, length: 3 }, { offset: 8, length: 1 }, { offset: 16, length: 1 }]);
    expect(hex(bytes)).toBe('010203' + '0000000000' + '000000000000f83f' + '09');
  });

  it('writes a header as a little-endian byte count, UTF-8 JSON and zero padding to 8 bytes', () => {
    const bytes = packWithHeader({ a: 1 }, [Float64Array.of(1.5), Float64Array.of(-2)]);
    expect(hex(bytes)).toBe('07000000' + Buffer.from('{"a":1}').toString('hex') + '0000000000' + '000000000000f83f' + '00000000000000c0');
    const text = readHeaderText(bytes, 64);
    expect(text).toEqual({ json: '{"a":1}', offset: 16 });
    expect(Array.from(readSlice(bytes, { offset: 16, length: 2 }, Float64Array))).toEqual([1.5, -2]);
  });

  it('reads from an unaligned view and refuses headers that are cut short or too large', () => {
    const bytes = packWithHeader({ é: 'ü' }, [Float64Array.of(Math.PI)]);
    const shifted = new Uint8Array(bytes.byteLength + 3);
    shifted.set(bytes, 3);
    const view = shifted.subarray(3);
    const text = readHeaderText(view, 64);
    if (typeof text === 'string') throw new Error(text);
    expect(JSON.parse(text.json)).toEqual({ é: 'ü' });
    expect(readSlice(view, { offset: text.offset, length: 1 }, Float64Array)[0]).toBe(Math.PI);
    expect(readHeaderText(view.subarray(0, 3), 64)).toBe('short');
    expect(readHeaderText(view.subarray(0, 8), 64)).toBe('size');
    expect(readHeaderText(view, 4)).toBe('size');
  });

  it('tells finite arrays from ones holding NaN or infinities', () => {
    expect(allFinite(Float64Array.of(0, -1, 1e308))).toBe(true);
    expect(allFinite(Float64Array.of(0, NaN))).toBe(false);
    expect(allFinite(Float64Array.of(-Infinity))).toBe(false);
  });
});
