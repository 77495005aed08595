import { describe, expect, it } from 'vitest';
import { formatCell, formatExact, formatField, formatMetric, formatMetricShort, formatParameter, formatShort, formatSignificant } from './format-number';

describe('format-number', () => {
  it('writes metrics to 4 significant digits, percentages to one decimal, a dash for no value', () => {
    expect(formatMetric(0.123456)).toBe('0.1235');
    expect(formatMetric(12345.6)).toBe('12350');
    expect(formatMetric(1.5e-7)).toBe('1.5e-7');
    expect(formatMetric(0.98765, true)).toBe('98.8%');
    expect(formatMetric(null)).toBe('–');
    expect(formatMetric(NaN)).toBe('–');
    expect(formatMetric(undefined, false, '-')).toBe('-');
    expect(formatMetricShort(0.123456)).toBe('0.123');
    expect(formatMetricShort(Infinity)).toBe('–');
    expect(formatSignificant(12.34, 3)).toBe('12.3');
  });

  it('writes exact numbers with 4 decimals, exponent form outside [0.001, 10⁴)', () => {
    expect(formatExact(0)).toBe('0');
    expect(formatExact(0.123456)).toBe('0.1235');
    expect(formatExact(-2.5)).toBe('-2.5');
    expect(formatExact(0.0001234)).toBe('1.234e-4');
    expect(formatExact(12345)).toBe('1.235e+4');
  });

  it('writes short numbers with a real minus sign and an optional plus', () => {
    expect(formatShort(0.5, true)).toBe('+0.50');
    expect(formatShort(-0.004)).toBe('−0.004');
    expect(formatShort(-0)).toBe('0');
    expect(formatShort(Infinity)).toBe('Infinity');
  });

  it('writes weights with 2 decimals, exponent form below 0.01 and from 1000 up', () => {
    expect(formatParameter(0)).toBe('0.00');
    expect(formatParameter(-1.236)).toBe('-1.24');
    expect(formatParameter(0.004)).toBe('4.0e-3');
    expect(formatParameter(1234)).toBe('1.2e+3');
  });

  it('writes fields at rest to 4 significant digits without trailing zeros', () => {
    expect(formatField(0.123456789)).toBe('0.1235');
    expect(formatField(-0.000012345678)).toBe('-1.235e-5');
    expect(formatField(2e7)).toBe('2e+7');
  });

  it('writes data cells: integers whole, other numbers to 6 significant digits, text as it is', () => {
    expect(formatCell(null)).toBe('');
    expect(formatCell(42)).toBe('42');
    expect(formatCell(3.14159265)).toBe('3.14159');
    expect(formatCell(2.5)).toBe('2.5');
    expect(formatCell(100000.3)).toBe('100000');
    expect(formatCell(-2500.25)).toBe('-2500.25');
    expect(formatCell(1200000.5)).toBe('1.2e+6');
    expect(formatCell(0.000123)).toBe('0.000123');
    expect(formatCell('setosa')).toBe('setosa');
  });
});
