import { describe, expect, it } from 'vitest';
import { isMissing, parseBooleanCell, parseNumberCell } from './cells';
import { defaultColumnConfigs, inferColumnType, inferColumns } from './infer';

describe('cells', () => {
  it('treats empty, NA, N/A, NaN, null and ? as missing, and nothing else', () => {
    for (const m of ['', ' ', 'NA', 'na', 'N/A', 'NaN', 'nan', 'null', 'NULL', '?', ' ? ']) expect(isMissing(m), m).toBe(true);
    for (const v of ['0', 'none', 'nah', 'n', 'x', 'nullish']) expect(isMissing(v), v).toBe(false);
  });
  it('parses numbers with point or comma decimals and refuses the rest', () => {
    expect(parseNumberCell('1.5', false)).toBe(1.5);
    expect(parseNumberCell(' -2e3 ', false)).toBe(-2000);
    expect(parseNumberCell('1,5', true)).toBe(1.5);
    expect(parseNumberCell('1,5', false)).toBeUndefined();
    expect(parseNumberCell('', false)).toBeNaN();
    expect(parseNumberCell('NA', false)).toBeNaN();
    expect(parseNumberCell('0x1F', false)).toBeUndefined();
    expect(parseNumberCell('Infinity', false)).toBeUndefined();
    expect(parseNumberCell('abc', false)).toBeUndefined();
  });
  it('parses boolean spellings', () => {
    expect(['yes', 'True', 'T', '1', 'y'].map(parseBooleanCell)).toEqual([1, 1, 1, 1, 1]);
    expect(['no', 'FALSE', 'f', '0', 'n'].map(parseBooleanCell)).toEqual([0, 0, 0, 0, 0]);
    expect(parseBooleanCell('maybe')).toBeUndefined();
  });
});

describe('type inference', () => {
  it('infers numeric (incl. 0/1 and decimal comma), boolean, categorical and all-missing columns', () => {
    expect(inferColumnType(['1', '2.5', 'NA', '-3'], false)).toBe('numeric');
    expect(inferColumnType(['0', '1', '1'], false)).toBe('numeric');
    expect(inferColumnType(['1,5', '2,25'], true)).toBe('numeric');
    expect(inferColumnType(['1,5', '2,25'], false)).toBe('categorical');
    expect(inferColumnType(['yes', 'no', '', 'yes'], false)).toBe('boolean');
    expect(inferColumnType(['yes', 'no', 'true'], false)).toBe('categorical');
    expect(inferColumnType(['Biscoe', 'Dream'], false)).toBe('categorical');
    expect(inferColumnType(['', 'NA', '?'], false)).toBe('ignore');
  });
  it('proposes the last column as target and fitting encodings', () => {
    const inferred = inferColumns(['a', 'b', 'c', 'd'], [['1', 'x', '', 'p'], ['2', 'y', '', 'q']], false);
    expect(inferred.map((c) => [c.type, c.missing, c.distinct])).toEqual([['numeric', 0, 2], ['categorical', 0, 2], ['ignore', 2, 0], ['categorical', 0, 2]]);
    const cfg = defaultColumnConfigs(inferred);
    expect(cfg.map((c) => `${c.role}:${c.encoding}`)).toEqual(['feature:standardise', 'feature:one-hot', 'ignore:none', 'target:classes']);
  });
});

describe('parsePlainDecimal', () => {
  it('equals Number() bit for bit on plain decimals and declines everything else', async () => {
    const { parsePlainDecimal } = await import('./cells');
    const { seededRng } = await import('../engine/rng');
    const rng = seededRng(11);
    for (let i = 0; i < 20000; i++) {
      const digits = 1 + Math.floor(rng() * 15);
      let s = String(Math.floor(rng() * 10 ** digits));
      const cut = Math.floor(rng() * (s.length + 1));
      s = `${rng() < 0.5 ? '-' : ''}${s.slice(0, cut)}.${s.slice(cut)}`;
      expect(Object.is(parsePlainDecimal(s, 46), Number(s)), s).toBe(true);
      expect(Object.is(parsePlainDecimal(s.replace('.', ','), 44), Number(s)), s).toBe(true);
    }
    for (const s of ['', '-', '.', '1e5', ' 1', '1 ', '0x10', 'NaN', '1,5', '1234567890123456', '1.2.3']) expect(parsePlainDecimal(s, 46), s).toBeNaN();
  });
});
