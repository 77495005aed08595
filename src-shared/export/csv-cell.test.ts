import { describe, expect, it } from 'vitest';
import { csvNumberCell, csvTextCell } from './csv-cell';

describe('CSV cells Neurite writes', () => {
  it('neutralises text that a spreadsheet would run as a formula (OWASP): = + - @ tab CR', () => {
    expect(csvTextCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvTextCell("=cmd|' /C calc'!A0")).toBe("'=cmd|' /C calc'!A0");
    expect(csvTextCell('+1+1')).toBe("'+1+1");
    expect(csvTextCell('-2+3')).toBe("'-2+3");
    expect(csvTextCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvTextCell('\tx')).toBe("'\tx");
    expect(csvTextCell('\rx')).toBe(`"'\rx"`);
  });

  it('leaves ordinary text alone apart from CSV quoting', () => {
    expect(csvTextCell('petal length')).toBe('petal length');
    expect(csvTextCell('a=b')).toBe('a=b');
    expect(csvTextCell('a,b')).toBe('"a,b"');
    expect(csvTextCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvTextCell('')).toBe('');
  });

  it('writes numbers as numbers, negative ones included', () => {
    expect(csvNumberCell(-0.5)).toBe('-0.5');
    expect(csvNumberCell(-1e-7)).toBe('-1e-7');
    expect(csvNumberCell(3)).toBe('3');
  });
});
