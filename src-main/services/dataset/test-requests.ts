/** Requests the dataset tests share (test support only). */
import type { DatasetFile } from '../../../src-shared/data/contract';
import { emptyNetwork } from '../../../src-shared/model/network';

/** An import of a two-column numeric CSV: a feature `a` and a regression target `b`, all rows for training. */
export function numericImport(importId: string, file: DatasetFile) {
  return {
    importId,
    file,
    options: {},
    columns: [
      { name: 'a', type: 'numeric', role: 'feature', encoding: 'none', missing: 'drop' },
      { name: 'b', type: 'numeric', role: 'target', encoding: 'regression', missing: 'drop' },
    ],
    split: { train: 100, val: 0, test: 0, seed: 1 },
    network: emptyNetwork(),
  };
}
