import { describe, expect, it } from 'vitest';
import { bindNetworkToDataset } from '../data/bind';
import { encodeDataset } from '../data/encode';
import { parseRows } from '../data/parsed';
import type { ColumnConfig } from '../data/schema';
import { emptyNetwork } from '../model/network';
import { parseTrainingConfig } from './config';
import { targetSlices } from './evaluate';
import { TrainingRun } from './runner';

/** Two class targets (3 and 2 classes) from two numeric features. */
function twoTargets() {
  const rows = Array.from({ length: 120 }, (_, i) => {
    const a = i % 3;
    const b = (i >> 2) % 2;
    return [String(a + (i % 7) / 20), String(b + (i % 5) / 20), ['p', 'q', 'r'][a], ['no', 'yes'][b]];
  });
  const f = (name: string): ColumnConfig => ({ name, type: 'numeric', role: 'feature', encoding: 'standardise', missing: 'mean', fill: null });
  const t = (name: string): ColumnConfig => ({ name, type: 'categorical', role: 'target', encoding: 'classes', missing: 'drop', fill: null });
  const configs = [f('a'), f('b'), t('shape'), t('size')];
  const d = encodeDataset(parseRows(rows, configs), {
    id: 'd',
    name: 'two',
    file: 'two.csv',
    source: { kind: 'example', example: 'test', params: {} },
    columns: configs.map((config) => ({ name: config.name, inferred: config.type, config })),
    split: { train: 70, val: 15, test: 15, seed: 1, stratify: false },
  });
  return { d, net: bindNetworkToDataset(emptyNetwork(), d.meta) };
}

describe('several targets', () => {
  it('each target gets its own metrics and a k×k confusion matrix; the top level holds the mean accuracy and no merged matrix', () => {
    const { d, net } = twoTargets();
    const run = new TrainingRun({ network: net, x: d.x, y: d.y, split: d.split, config: parseTrainingConfig({ epochs: 60, optimizer: { kind: 'adam', lr: 0.05 } }) });
    expect(run.loss).toBe('cce');
    expect(run.targets.map((t) => [t.name, t.kind, t.columns])).toEqual([
      ['shape', 'classes', [0, 1, 2]],
      ['size', 'classes', [3, 4]],
    ]);
    while (!run.finished) run.runEpoch();
    const { test } = run.evaluateAll();
    const per = test!.targets!;
    expect(per.map((t) => t.name)).toEqual(['shape', 'size']);
    expect(per[0].classification!.confusion).toHaveLength(3);
    expect(per[0].classification!.confusion.every((r) => r.length === 3)).toBe(true);
    expect(per[1].classification!.confusion).toHaveLength(2);
    // Row sums are the split's rows, per target.
    for (const t of per) expect(t.classification!.confusion.flat().reduce((a, b) => a + b, 0)).toBe(test!.rows);
    expect(test!.classification!.confusion).toEqual([]);
    expect(test!.classification!.accuracy).toBeCloseTo((per[0].classification!.accuracy + per[1].classification!.accuracy) / 2, 12);
    expect(per[0].classification!.accuracy).toBeGreaterThan(0.9);
    expect(per[1].classification!.accuracy).toBeGreaterThan(0.9);
  });

  it('one target: no per-target block, the confusion matrix as before', () => {
    const { d } = twoTargets();
    const meta = { ...d.meta, outputs: d.meta.outputs.slice(0, 3), targets: d.meta.targets.slice(0, 1) };
    const net = bindNetworkToDataset(emptyNetwork(), meta);
    const y = new Float64Array(d.meta.rowCount * 3).map((_, k) => d.y[Math.floor(k / 3) * 5 + (k % 3)]);
    const run = new TrainingRun({ network: net, x: d.x, y, split: d.split, config: parseTrainingConfig({ epochs: 2 }) });
    expect(targetSlices(net, run.program, run.loss)).toHaveLength(1);
    const { val } = run.evaluateAll();
    expect(val!.targets).toBeUndefined();
    expect(val!.classification!.confusion).toHaveLength(3);
  });
});
