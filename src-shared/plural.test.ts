import { describe, expect, it } from 'vitest';
import { plural } from './plural';

describe('plural', () => {
  it('says 1 target column and 2 target columns', () => {
    expect(plural(1, 'target column')).toBe('1 target column');
    expect(plural(2, 'target column')).toBe('2 target columns');
    expect(plural(0, 'output neuron')).toBe('0 output neurons');
    expect(plural(1, 'class', 'classes')).toBe('1 class');
    expect(plural(3, 'class', 'classes')).toBe('3 classes');
  });
});
