import { describe, expect, it } from 'vitest';
import { parseTrainingConfig } from './config';
import { hasDaleMarks, withEffectiveDale } from './dale-setting';

const net = (dale: ('E' | 'I' | null)[]) => ({ neurons: dale.map((d, i) => ({ id: `n${i}`, dale: d })) }) as never;

describe("Dale's constraint setting", () => {
  it('is on for a run only when asked for and some neuron is marked E or I', () => {
    const on = parseTrainingConfig({ dale: true });
    expect(hasDaleMarks(net([null, null]))).toBe(false);
    expect(withEffectiveDale(on, net([null, null])).dale).toBe(false);
    expect(withEffectiveDale(on, net([null, 'I'])).dale).toBe(true);
    expect(withEffectiveDale(parseTrainingConfig({ dale: false }), net(['E'])).dale).toBe(false);
  });
});
