import { describe, expect, it } from 'vitest';
import { Utf8Chunks, completeUtf8Prefix } from './utf8';

describe('streaming UTF-8', () => {
  it('decodes text split at every byte position exactly like a one-shot decode, BOM dropped', () => {
    const text = 'a,€,😀,ü\nZürich,東京,x\n';
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    for (let cut = 0; cut <= bytes.length; cut++) {
      const d = new Utf8Chunks();
      const out = (d.decode(bytes.subarray(0, cut)) ?? 'BAD') + (d.decode(bytes.subarray(cut)) ?? 'BAD');
      expect(out, `cut at ${cut}`).toBe(text);
      expect(d.end()).toBe(true);
    }
  });
  it('refuses invalid bytes and reports a sequence cut off at the end', () => {
    expect(new Utf8Chunks().decode(Buffer.from([0x61, 0xfc, 0x62]))).toBeNull();
    const d = new Utf8Chunks();
    expect(d.decode(Buffer.from([0x61, 0xe2, 0x82]))).toBe('a');
    expect(d.end()).toBe(false);
    expect(completeUtf8Prefix(Buffer.from([0x61, 0xf0, 0x9f, 0x98]))).toBe(1);
  });
});
