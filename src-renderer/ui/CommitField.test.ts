import { describe, expect, it } from 'vitest';
import { fourDigits } from './CommitField';

describe('fourDigits', () => {
  it('shows 4 significant digits at rest', () => {
    expect(fourDigits('0.12345678901234567')).toBe('0.1235');
    expect(fourDigits('-1.2500000000000002')).toBe('-1.25');
    expect(fourDigits('1234.5678')).toBe('1235');
    expect(fourDigits('0')).toBe('0');
    expect(fourDigits('-0.000012345678')).toBe('-1.235e-5');
    expect(fourDigits('123456789')).toBe('1.235e+8');
  });

  it('leaves text that is not a number alone', () => {
    expect(fourDigits('abc')).toBe('abc');
    expect(fourDigits('')).toBe('');
  });
});
