import { describe, expect, it } from 'vitest';
import { encodeDataset, type EncodeOptions } from './encode';
import { parseRows } from './parsed';
import type { ColumnConfig } from './schema';
import { DatasetError } from './errors';

const cfg = (name: string, type: ColumnConfig['type'], role: ColumnConfig['role'], encoding: ColumnConfig['encoding'], missing: ColumnConfig['missing'] = 'drop', fill: string | null = null): ColumnConfig => ({ name, type, role, encoding, missing, fill });

function encode(rows: string[][], configs: ColumnConfig[], split: Partial<EncodeOptions['split']> = {}) {
  return encodeDataset(parseRows(rows, configs), {
    id: 'd1',
    name: 'test',
    file: 'test.csv',
    source: { kind: 'csv', file: 'test.csv', options: { delimiter: ',', quote: '"', header: true, decimal: '.', skipLines: 0, encoding: 'utf-8', comment: '' } },
    columns: configs.map((config) => ({ name: config.name, inferred: config.type, config })),
    split: { train: 100, val: 0, test: 0, seed: 1, stratify: false, ...split },
  });
}

describe('encodeDataset', () => {
  it('standardises, min-max scales, one-hot encodes and builds class outputs', () => {
    const rows = [
      ['1', '10', 'Biscoe', 'Adelie'],
      ['2', '20', 'Dream', 'Gentoo'],
      ['3', '30', 'Biscoe', 'Adelie'],
      ['6', '40', 'Torgersen', 'Chinstrap'],
    ];
    const d = encode(rows, [
      cfg('a', 'numeric', 'feature', 'standardise'),
      cfg('b', 'numeric', 'feature', 'min-max'),
      cfg('island', 'categorical', 'feature', 'one-hot'),
      cfg('species', 'categorical', 'target', 'classes'),
    ]);
    expect(d.meta.features.map((f) => f.name)).toEqual(['a', 'b', 'island=Biscoe', 'island=Dream', 'island=Torgersen']);
    expect(d.meta.outputs.map((o) => o.name)).toEqual(['species=Adelie', 'species=Chinstrap', 'species=Gentoo']);
    // a: mean 3, population std sqrt(3.5)
    const std = Math.sqrt(((1 - 3) ** 2 + 1 + 0 + 9) / 4);
    expect(d.x[0]).toBeCloseTo(-2 / std, 12);
    expect(d.x[5 * 3]).toBeCloseTo(3 / std, 12);
    expect(d.x[5]).toBeCloseTo(-1 / std, 12);
    expect(Array.from(d.x.slice(6, 10))).toEqual([(20 - 10) / 30, 0, 1, 0]);
    expect(Array.from(d.y)).toEqual([1, 0, 0, 0, 0, 1, 1, 0, 0, 0, 1, 0]);
    expect(d.meta.targets).toEqual([{ column: 'species', kind: 'classes', classes: ['Adelie', 'Chinstrap', 'Gentoo'], outputStart: 0, outputCount: 3 }]);
  });

  it('computes parameters on the training split only and applies them to the others', () => {
    const rows = Array.from({ length: 20 }, (_, i) => [String(i), String(i % 2)]);
    const d = encode(rows, [cfg('v', 'numeric', 'feature', 'standardise'), cfg('t', 'numeric', 'target', 'regression')], { train: 50, val: 25, test: 25, seed: 5 });
    const trainValues = rows.map((r) => +r[0]).filter((_, i) => d.split[i] === 0);
    expect(trainValues).toHaveLength(10);
    const mean = trainValues.reduce((a, b) => a + b, 0) / 10;
    const std = Math.sqrt(trainValues.reduce((a, b) => a + (b - mean) ** 2, 0) / 10);
    const p = d.meta.columns[0].params!;
    expect(p.kind === 'numeric' && p.mean).toBeCloseTo(mean, 12);
    for (let i = 0; i < 20; i++) expect(d.x[i]).toBeCloseTo((i - mean) / std, 12);
    expect(d.meta.split.counts).toEqual([10, 5, 5]);
  });

  it('one-hot vocabularies come from training rows: a category only in test encodes as all zeros', () => {
    const rows = [['a', '0'], ['b', '1'], ['a', '0'], ['b', '1'], ['zzz', '1']];
    // Find a seed that puts the 'zzz' row in test.
    for (let seed = 1; seed < 50; seed++) {
      const d = encode(rows, [cfg('c', 'categorical', 'feature', 'one-hot'), cfg('t', 'numeric', 'target', 'regression')], { train: 80, val: 0, test: 20, seed });
      if (d.split[4] !== 2) continue;
      expect(d.meta.features.map((f) => f.name)).toEqual(['c=a', 'c=b']);
      expect(Array.from(d.x.slice(8, 10))).toEqual([0, 0]);
      return;
    }
    throw new Error('no seed put the row in test');
  });

  it('applies missing rules: drop, mean, median, most frequent, constant', () => {
    const rows = [
      ['1', '1', 'x', '', '5', '0'],
      ['', '2', 'x', 'p', '', '1'],
      ['4', '', 'y', 'q', '7', '0'],
      ['7', '9', '', 'p', '9', '1'],
    ];
    const d = encode(rows, [
      cfg('mean', 'numeric', 'feature', 'none', 'mean'),
      cfg('median', 'numeric', 'feature', 'none', 'median'),
      cfg('mf', 'categorical', 'feature', 'one-hot', 'most-frequent'),
      cfg('const', 'categorical', 'feature', 'one-hot', 'constant', 'q'),
      cfg('drop', 'numeric', 'feature', 'none', 'drop'),
      cfg('t', 'numeric', 'target', 'regression'),
    ]);
    expect(d.meta.rowCount).toBe(3);
    expect(d.meta.droppedRows).toBe(1);
    // kept rows 0, 2, 3: mean of present 'mean' = (1+4+7)/3 = 4; median of 'median' over kept present = median(1, 9) = 5
    const F = d.meta.features.length;
    expect(d.meta.features.map((f) => f.name)).toEqual(['mean', 'median', 'mf=x', 'mf=y', 'const=p', 'const=q', 'drop']);
    expect(Array.from(d.x.slice(0, F))).toEqual([1, 1, 1, 0, 0, 1, 5]);
    expect(Array.from(d.x.slice(F, 2 * F))).toEqual([4, 5, 0, 1, 0, 1, 7]);
    expect(Array.from(d.x.slice(2 * F, 3 * F))).toEqual([7, 9, 1, 0, 1, 0, 9]);
    expect(d.meta.columns[0].summary).toMatchObject({ count: 4, missing: 1, min: 1, max: 7, mean: 4 });
  });

  it('refuses an all-missing column and a single-class target with exact messages', () => {
    const all = () => encode([['', '1'], ['NA', '2']], [cfg('x', 'numeric', 'feature', 'none', 'mean'), cfg('t', 'numeric', 'target', 'regression')]);
    expect(all).toThrow(DatasetError);
    expect(all).toThrow('"test.csv", column 1 ("x"): all 2 values are missing; set the column\'s type to ignore.');
    const one = () => encode([['1', 'a'], ['2', 'a']], [cfg('x', 'numeric', 'feature', 'none'), cfg('t', 'categorical', 'target', 'classes')]);
    expect(one).toThrow('"test.csv", column 2 ("t"): the target has a single class ("a"); a classifier needs at least two.');
  });

  it('refuses impossible configurations', () => {
    expect(() => encode([['a', '1']], [cfg('c', 'categorical', 'feature', 'standardise'), cfg('t', 'numeric', 'target', 'regression')])).toThrow('as a feature it can only be one-hot encoded');
    expect(() => encode([['1', '1']], [cfg('c', 'numeric', 'ignore', 'none'), cfg('t', 'numeric', 'target', 'regression')])).toThrow('no column is a feature');
  });

  it('boolean targets give one sigmoid output; numeric class targets give classes in numeric order', () => {
    const b = encode([['1', 'yes'], ['2', 'no']], [cfg('x', 'numeric', 'feature', 'none'), cfg('t', 'boolean', 'target', 'regression')]);
    expect(b.meta.outputs).toEqual([{ name: 't', column: 't', className: null, activation: 'sigmoid' }]);
    expect(Array.from(b.y)).toEqual([1, 0]);
    const n = encode([['1', '10'], ['2', '2'], ['3', '2']], [cfg('x', 'numeric', 'feature', 'none'), cfg('t', 'numeric', 'target', 'classes')]);
    expect(n.meta.targets[0].classes).toEqual(['2', '10']);
    expect(Array.from(n.y)).toEqual([0, 1, 1, 0, 1, 0]);
  });
});

describe('encodeDataset limits', () => {
  it('asks whether a target with thousands of distinct values is really the target, before laying anything out', () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => [String(i % 7), `sp${i}`]);
    let caught: unknown;
    try {
      encode(rows, [cfg('x', 'numeric', 'feature', 'none'), cfg('species', 'categorical', 'target', 'classes')]);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(DatasetError);
    expect((caught as DatasetError).code).toBe('too-many-classes');
    expect((caught as DatasetError).message).toBe(
      '"test.csv", column 2 ("species"): species has 10,000 distinct values — is it really the target? A class target may have at most 500 classes; choose another target, or treat species as a number (regression) or ignore it.',
    );
  });

  it('refuses a one-hot feature that would need more input neurons than a network may have', () => {
    const rows = Array.from({ length: 6_000 }, (_, i) => [`id-${i}`, String(i % 2)]);
    expect(() => encode(rows, [cfg('id', 'categorical', 'feature', 'one-hot'), cfg('y', 'numeric', 'target', 'regression')])).toThrow(
      /the features would need 6,000 input neurons \(id alone has 6,000 categories\); Neurite trains at most 5,000/,
    );
  });
});
