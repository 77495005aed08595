/**
 * Built-in examples: a generated dataset, encoded like an import, plus a ready-wired starter
 * network, so "New from example" (and the first launch) can train at once.
 */
import type { Network } from '../model/network';
import { randomId } from '../model/ids';
import { blobPoints, circlePoints, spiralPoints, surfacePoints, xorPoints, type GeneratedPoints, type GeneratorOptions } from './example-generators';
import { encodeDataset } from './encode';
import type { ParsedTable } from './parsed';
import type { ColumnConfig, EncodedDataset, SplitConfig } from './schema';
import { starterNetwork } from './bind';

/** The generated examples. */
export const EXAMPLE_KINDS = ['xor', 'circles', 'spirals', 'blobs', 'surface'] as const;
/** A generated example. */
export type ExampleKind = (typeof EXAMPLE_KINDS)[number];

/** Menu titles of the examples. */
export const EXAMPLE_TITLES: Record<ExampleKind, string> = {
  xor: 'XOR',
  circles: 'Circles',
  spirals: 'Two spirals',
  blobs: 'Gaussian blobs',
  surface: 'Regression surface',
};

/** Options of a generated example (Playground's: size, noise 0…1, train share, seed; blobs: classes). */
export interface ExampleOptions {
  size?: number;
  noise?: number;
  seed?: number;
  /** Percent of rows for training; the rest is split evenly into validation and test. */
  trainPercent?: number;
  classes?: number;
}

/** An example: its encoded dataset and a starter network bound to it. */
export interface Example {
  dataset: EncodedDataset;
  network: Network;
}

function generate(kind: ExampleKind, g: GeneratorOptions, classes: number): GeneratedPoints {
  switch (kind) {
    case 'xor':
      return xorPoints(g);
    case 'circles':
      return circlePoints(g);
    case 'spirals':
      return spiralPoints(g);
    case 'blobs':
      return blobPoints(g, classes);
    case 'surface':
      return surfacePoints(g);
  }
}

/** Hidden layers of each example's starter network: as small as trains well, so the network stays readable (XOR 2-4-1). */
export const STARTER_HIDDEN: Record<ExampleKind, number[]> = { xor: [4], circles: [4], spirals: [8, 8], blobs: [3], surface: [8, 8] };

/** Builds a generated example: 2 standardised inputs, a 0/1 target with one sigmoid output (or classes, or a regression value), and a small tanh starter network (STARTER_HIDDEN). */
export function makeExample(kind: ExampleKind, options: ExampleOptions = {}): Example {
  const size = Math.max(10, Math.min(100_000, Math.floor(options.size ?? (kind === 'spirals' ? 600 : 400))));
  const noise = Math.max(0, Math.min(1, options.noise ?? 0));
  const seed = options.seed ?? 1;
  const classes = kind === 'blobs' ? Math.max(2, Math.min(6, Math.floor(options.classes ?? 2))) : 2;
  const trainPercent = Math.max(10, Math.min(100, options.trainPercent ?? 70));
  const p = generate(kind, { size, noise, seed }, classes);

  const feature = (name: string): ColumnConfig => ({ name, type: 'numeric', role: 'feature', encoding: 'standardise', missing: 'drop', fill: null });
  const target: ColumnConfig =
    kind === 'surface'
      ? { name: 'y', type: 'numeric', role: 'target', encoding: 'regression', missing: 'drop', fill: null }
      : classes > 2
        ? { name: 'label', type: 'numeric', role: 'target', encoding: 'classes', missing: 'drop', fill: null }
        : { name: 'label', type: 'boolean', role: 'target', encoding: 'regression', missing: 'drop', fill: null };
  const configs = [feature('x1'), feature('x2'), target];
  const table: ParsedTable = {
    rowCount: size,
    columns: [
      { kind: 'number', index: 0, config: configs[0], values: p.x1 },
      { kind: 'number', index: 1, config: configs[1], values: p.x2 },
      { kind: 'number', index: 2, config: configs[2], values: p.label },
    ],
  };
  const rest = 100 - trainPercent;
  const split: SplitConfig = { train: trainPercent, val: rest / 2, test: rest / 2, seed, stratify: false };
  const dataset = encodeDataset(table, {
    id: randomId('ds-'),
    name: EXAMPLE_TITLES[kind],
    file: EXAMPLE_TITLES[kind],
    source: { kind: 'example', example: kind, params: { size, noise, seed, trainPercent, classes } },
    columns: configs.map((config) => ({ name: config.name, inferred: config.type, config })),
    split,
  });
  return { dataset, network: starterNetwork(dataset.meta, { hidden: STARTER_HIDDEN[kind], activation: 'tanh', seed }) };
}
