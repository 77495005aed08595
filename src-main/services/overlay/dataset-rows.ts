/**
 * A stored dataset seen through a network: which feature column feeds each input neuron, which rows a
 * split (and optionally a class) selects, and those rows as the worker's input matrix.
 */
import { decodedColumnNames, decodeRow } from '../../../src-shared/data/decode';
import type { EncodedDataset } from '../../../src-shared/data/schema';
import type { Network } from '../../../src-shared/model/network';
import type { OverlaySplit } from '../../../src-shared/overlay/contract';
import { UserError } from '../user-error';

const SPLIT_CODE: Record<OverlaySplit, number | null> = { train: 0, validation: 1, test: 2, all: null };

/**
 * The feature column feeding each input neuron (document order): by label when every input's label
 * names a feature (as binding a network to a dataset makes them), else by position when the counts agree.
 */
export function inputColumns(net: Network, d: EncodedDataset): number[] {
  const inputs = net.neurons.filter((n) => n.role === 'input');
  const byName = new Map(d.meta.features.map((f, k) => [f.name, k]));
  if (inputs.every((n) => byName.has(n.label))) return inputs.map((n) => byName.get(n.label)!);
  if (inputs.length === d.meta.features.length) return inputs.map((_, k) => k);
  throw new UserError('overlay.binding', `The network has ${inputs.length} input neurons but "${d.meta.name}" has ${d.meta.features.length} features, and their names do not match.`);
}

/** The class names of the dataset's first class target, or null. */
export function classNames(d: EncodedDataset): string[] | null {
  return d.meta.targets.find((t) => t.kind === 'classes')?.classes ?? null;
}

/** The class index of row r (argmax of the first class target's one-hot slice), or -1. */
export function classOf(d: EncodedDataset, r: number): number {
  const t = d.meta.targets.find((x) => x.kind === 'classes');
  if (!t) return -1;
  const Y = d.meta.outputs.length;
  let best = -1;
  let bv = -Infinity;
  for (let k = 0; k < t.outputCount; k++) {
    const v = d.y[r * Y + t.outputStart + k];
    if (v > bv) [bv, best] = [v, k];
  }
  return best;
}

/** Each decoded dataset's row selections: a decoded dataset is never changed (a changed one is decoded anew), so they hold. */
const selections = new WeakMap<EncodedDataset, Map<string, number[]>>();

/** Row indices of a split, optionally only one class (read-only: held for the next request on the same dataset). */
export function selectRows(d: EncodedDataset, split: OverlaySplit, classIndex?: number | null): number[] {
  const k = classIndex ?? null;
  const key = `${split}:${k}`;
  let held = selections.get(d);
  const hit = held?.get(key);
  if (hit) return hit;
  const code = SPLIT_CODE[split];
  const rows: number[] = [];
  for (let r = 0; r < d.meta.rowCount; r++) {
    if (code !== null && d.split[r] !== code) continue;
    if (k !== null && classOf(d, r) !== k) continue;
    rows.push(r);
  }
  if (!held) selections.set(d, (held = new Map()));
  held.set(key, rows);
  return rows;
}

/** The selected rows as a row-major matrix with one column per input neuron. */
export function inputMatrix(d: EncodedDataset, rows: number[], cols: number[]): Float64Array {
  const F = d.meta.features.length;
  const x = new Float64Array(rows.length * cols.length);
  rows.forEach((r, i) => cols.forEach((c, k) => (x[i * cols.length + k] = d.x[r * F + c])));
  return x;
}

/** Row r's target columns in original units, as "name = value" joined by commas; null when there is no target. */
export function targetText(d: EncodedDataset, r: number): string | null {
  const names = decodedColumnNames(d.meta);
  const cells = decodeRow(d.meta, d.x, d.y, r);
  const roles = new Map(d.meta.columns.map((c) => [c.name, c.config.role]));
  const parts = names.flatMap((name, k) => (roles.get(name) === 'target' ? [`${name} = ${cells[k] ?? '?'}`] : []));
  return parts.length ? parts.join(', ') : null;
}
