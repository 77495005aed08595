/**
 * The one real dataset shipped with the app (Iris; see fixtures/iris.SOURCE.md), imported
 * through the same reader as a user's file and bound to a starter network.
 */
import { IRIS_CSV } from './iris-csv';
import { randomId } from '../../../src-shared/model/ids';
import { starterNetwork } from '../../../src-shared/data/bind';
import type { Example } from '../../../src-shared/data/examples';
import { CsvOptionsSchema, type ColumnConfig } from '../../../src-shared/data/schema';
import { importCsv } from './reader';
import { bufferSource } from './source';

const feature = (name: string): ColumnConfig => ({ name, type: 'numeric', role: 'feature', encoding: 'standardise', missing: 'drop', fill: null });

/** Iris: 4 standardised measurements → 3 species (softmax), split 70/15/15 stratified; network 4 → 8 tanh → 3. */
export async function loadIrisExample(seed = 1): Promise<Example> {
  const dataset = await importCsv(bufferSource('iris.csv', IRIS_CSV), {
    id: randomId('ds-'),
    name: 'Iris',
    options: CsvOptionsSchema.parse({ delimiter: ',' }),
    columns: [
      feature('sepal_length'),
      feature('sepal_width'),
      feature('petal_length'),
      feature('petal_width'),
      { name: 'species', type: 'categorical', role: 'target', encoding: 'classes', missing: 'drop', fill: null },
    ],
    split: { train: 70, val: 15, test: 15, seed, stratify: true },
  });
  return { dataset, network: starterNetwork(dataset.meta, { hidden: [8], activation: 'tanh', seed }) };
}
