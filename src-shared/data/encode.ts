/**
 * Parsed columns → encoded dataset. Rows with a missing cell under the 'drop' rule go first,
 * then rows are split, then every encoding parameter (means, scales, min/max, vocabularies,
 * fill values) is computed on the training rows only and applied to all rows.
 */
import { count, LIMITS } from '../model/limits';
import { datasetErrors, shownValue } from './errors';
import type { CategoryColumn, NumberColumn, ParsedColumn, ParsedTable } from './parsed';
import { assignSplits } from './split';
import { summariseColumn } from './summary';
import { DATE_PARTS, datePart, parseBooleanCell, parseNumberCell } from './cells';
import {
  SPLIT,
  type ColumnConfig,
  type ColumnMeta,
  type ColumnParams,
  type ColumnType,
  type DatasetMeta,
  type DatasetSource,
  type EncodedDataset,
  type FeatureMeta,
  type OutputMeta,
  type SplitConfig,
  type TargetMeta,
} from './schema';

/** What the encoder needs besides the parsed columns. */
export interface EncodeOptions {
  id: string;
  name: string;
  /** The file name used in messages. */
  file: string;
  source: DatasetSource;
  /** Every column of the source in order (ignored ones too), with the type inferred for it. */
  columns: { name: string; inferred: ColumnType; config: ColumnConfig }[];
  split: SplitConfig;
}

/** Orders categories numerically when both look like numbers, else by code unit. */
export function compareCategories(a: string, b: string): number {
  const x = Number(a);
  const y = Number(b);
  if (a.trim() !== '' && b.trim() !== '' && Number.isFinite(x) && Number.isFinite(y) && x !== y) return x - y;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Why a column's configuration cannot be encoded, or null when it can. */
export function configProblem(c: ColumnConfig): string | null {
  if (c.type === 'ignore' || c.role === 'ignore') return null;
  const col = `column "${c.name}"`;
  if (c.role === 'feature') {
    if (c.type === 'categorical' && c.encoding !== 'one-hot') return `${col} is categorical: as a feature it can only be one-hot encoded.`;
    if (c.type !== 'categorical' && !['standardise', 'min-max', 'none'].includes(c.encoding))
      return `${col} is ${c.type}: as a feature it is encoded by standardise, min-max or none.`;
  } else {
    if (c.type === 'date') return `${col} holds dates: a date can be a feature (year, day of year, weekday) but not the target.`;
    if (c.type === 'categorical' && c.encoding !== 'classes') return `${col} is categorical: as a target it is encoded as classes.`;
    if (c.type !== 'categorical' && c.encoding !== 'classes' && c.encoding !== 'regression') return `${col} is a target: encode it as classes or regression.`;
  }
  if (c.type === 'categorical' && (c.missing === 'mean' || c.missing === 'median')) return `${col} is categorical: fill its missing values with the most frequent value, a constant, or drop the rows.`;
  if (c.type === 'date' && c.missing === 'constant') return `${col} holds dates: fill its missing values with the mean, median or most frequent date part, or drop the rows.`;
  if (c.missing === 'constant') {
    if (c.fill === null || c.fill.trim() === '') return `${col}: the constant for missing values is empty.`;
    if (c.type === 'numeric' && !Number.isFinite(parseNumberCell(c.fill, true) ?? NaN)) return `${col}: the constant for missing values, "${c.fill}", is not a number.`;
    if (c.type === 'boolean' && !Number.isFinite(parseBooleanCell(c.fill) ?? NaN)) return `${col}: the constant for missing values, "${c.fill}", is not true or false.`;
  }
  return null;
}

function median(sorted: Float64Array): number {
  const n = sorted.length;
  return n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

/** Numeric parameters over the rows where `use` is set. */
function numericParams(col: NumberColumn, train: Uint8Array, file: string): Extract<ColumnParams, { kind: 'numeric' }> {
  const v = col.values;
  let n = 0;
  let sum = 0;
  let sumSq = 0;
  let min = Infinity;
  let max = -Infinity;
  // One pass over shifted values (x − K, K = the first training value) keeps the variance stable.
  let K = NaN;
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (x !== x || train[i] === 0) continue;
    if (K !== K) K = x;
    const d = x - K;
    n++;
    sum += d;
    sumSq += d * d;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  if (n === 0) throw datasetErrors.config(file, `column "${col.config.name}" has no values in the training split; choose another seed or split.`);
  const mean = K + sum / n;
  const std = Math.sqrt(Math.max(0, sumSq / n - (sum / n) ** 2));
  const c = col.config;
  let fill: number | null = null;
  if (c.missing === 'mean') fill = mean;
  else if (c.missing === 'median' || c.missing === 'most-frequent') {
    const present = new Float64Array(n);
    let k = 0;
    for (let i = 0; i < v.length; i++) if (v[i] === v[i] && train[i] === 1) present[k++] = v[i];
    present.sort();
    if (c.missing === 'median') fill = median(present);
    else {
      let best = present[0];
      let bestRun = 0;
      for (let i = 0; i < n; ) {
        let j = i;
        while (j < n && present[j] === present[i]) j++;
        if (j - i > bestRun) {
          bestRun = j - i;
          best = present[i];
        }
        i = j;
      }
      fill = best;
    }
  } else if (c.missing === 'constant') fill = (c.type === 'boolean' ? parseBooleanCell(c.fill!) : parseNumberCell(c.fill!, true)) ?? NaN;
  return { kind: 'numeric', mean, std, min, max, fill };
}

/** Vocabulary (sorted) and fill of a category column over the rows where `use` is set. */
function categoricalParams(col: CategoryColumn, use: (i: number) => boolean): Extract<ColumnParams, { kind: 'categorical' }> {
  const counts = new Float64Array(col.vocab.length);
  for (let i = 0; i < col.codes.length; i++) if (col.codes[i] >= 0 && use(i)) counts[col.codes[i]]++;
  const vocab = col.vocab.filter((_, k) => counts[k] > 0).sort(compareCategories);
  let fill: string | null = null;
  if (col.config.missing === 'most-frequent') {
    let best = -1;
    for (let k = 0; k < counts.length; k++) if (counts[k] > 0 && (best < 0 || counts[k] > counts[best] || (counts[k] === counts[best] && compareCategories(col.vocab[k], col.vocab[best]) < 0))) best = k;
    fill = best >= 0 ? col.vocab[best] : null;
  } else if (col.config.missing === 'constant') fill = col.config.fill!.trim();
  return { kind: 'categorical', vocab, fill };
}

/** The class name of a number in a class target: its name from the metadata line, or the number itself. */
export function classNameOf(config: ColumnConfig, x: number): string {
  const names = config.classNames;
  return names && Number.isInteger(x) && x >= 0 && x < names.length ? names[x] : String(x);
}

/** A number column used as a class target, seen as categories named by its values. */
function numberAsCategories(col: NumberColumn): CategoryColumn {
  const boolean = col.config.type === 'boolean';
  const lookup = new Map<number, number>();
  const vocab: string[] = [];
  const codes = new Int32Array(col.values.length);
  for (let i = 0; i < codes.length; i++) {
    const x = col.values[i];
    if (x !== x) {
      codes[i] = -1;
      continue;
    }
    let k = lookup.get(x);
    if (k === undefined) {
      lookup.set(x, (k = vocab.length));
      vocab.push(boolean ? (x === 1 ? 'true' : 'false') : classNameOf(col.config, x));
    }
    codes[i] = k;
  }
  return { kind: 'category', index: col.index, config: col.config, codes, vocab };
}

/** A date column's parts (year, day of year, weekday) as numeric columns named "date year" and so on, with the date's encoding and missing rule. */
function datePartColumns(col: NumberColumn): NumberColumn[] {
  return DATE_PARTS.map((part) => {
    const values = new Float64Array(col.values.length);
    for (let i = 0; i < values.length; i++) values[i] = datePart(col.values[i], part);
    return { kind: 'number', index: col.index, config: { ...col.config, name: `${col.config.name} ${part}`, type: 'numeric' }, values };
  });
}

/** One numeric column's place in X or Y and its affine encoding. */
interface ScaledColumn {
  values: Float64Array;
  off: number;
  shift: number;
  scale: number;
  fill: number;
}

/**
 * Writes (value − shift) · scale of every numeric column into a row-major matrix, row by row
 * so the writes are sequential (the hot loop of a big import).
 */
function fillScaled(out: Float64Array, stride: number, cols: ScaledColumn[], rows: Uint32Array): void {
  const m = cols.length;
  const values = cols.map((c) => c.values);
  const off = Int32Array.from(cols, (c) => c.off);
  const shift = Float64Array.from(cols, (c) => c.shift);
  const scale = Float64Array.from(cols, (c) => c.scale);
  const fill = Float64Array.from(cols, (c) => c.fill);
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k];
    const base = k * stride;
    for (let j = 0; j < m; j++) {
      let val = values[j][r];
      if (val !== val) val = fill[j];
      out[base + off[j]] = (val - shift[j]) * scale[j];
    }
  }
}

/** Encodes a parsed table; throws a DatasetError (naming the file and column) when it cannot. */
export function encodeDataset(table: ParsedTable, o: EncodeOptions): EncodedDataset {
  const file = o.file;
  const used = table.columns;
  for (const col of used) {
    const problem = configProblem(col.config);
    if (problem) throw datasetErrors.config(file, problem);
  }
  if (!used.some((c) => c.config.role === 'feature')) throw datasetErrors.config(file, 'no column is a feature; make at least one column a feature.');
  if (!used.some((c) => c.config.role === 'target')) throw datasetErrors.config(file, 'no column is the target; choose the column the network should predict.');

  const n = table.rowCount;
  const summaries = new Map<ParsedColumn, ReturnType<typeof summariseColumn>>();
  for (const col of used) {
    const s = summariseColumn(col);
    summaries.set(col, s);
    if (s.missing === s.count) throw datasetErrors.allMissing(file, col.index + 1, col.config.name, s.count);
  }

  // Class targets become category columns so features and targets share one path; a date becomes its three parts.
  const parts = new Map<ParsedColumn, NumberColumn[]>();
  const work: ParsedColumn[] = used.flatMap((c): ParsedColumn[] => {
    if (c.kind === 'number' && c.config.type === 'date') {
      const cols = datePartColumns(c);
      parts.set(c, cols);
      return cols;
    }
    return [c.kind === 'number' && c.config.role === 'target' && c.config.encoding === 'classes' ? numberAsCategories(c) : c];
  });

  // Rows to keep: none of their 'drop' columns is missing.
  const keep = new Uint8Array(n).fill(1);
  for (const col of work) {
    if (col.config.missing !== 'drop') continue;
    if (col.kind === 'number') for (let i = 0; i < n; i++) if (col.values[i] !== col.values[i]) keep[i] = 0;
    if (col.kind === 'category') for (let i = 0; i < n; i++) if (col.codes[i] < 0) keep[i] = 0;
  }
  let kept = 0;
  for (let i = 0; i < n; i++) kept += keep[i];
  if (kept === 0) throw datasetErrors.config(file, 'every row has a missing value in a column whose rule is "drop row"; choose another rule.');
  const rows = new Uint32Array(kept);
  for (let i = 0, k = 0; i < n; i++) if (keep[i]) rows[k++] = i;

  // Class targets: vocabulary over all kept rows (a class unseen in training must still have a label), at least two classes.
  const classVocab = new Map<ParsedColumn, string[]>();
  for (const col of work) {
    if (col.config.role !== 'target' || col.kind !== 'category') continue;
    const seen = new Uint8Array(col.vocab.length);
    for (let k = 0; k < kept; k++) {
      const c = col.codes[rows[k]];
      if (c >= 0) seen[c] = 1;
    }
    let distinct = 0;
    for (let k = 0; k < seen.length; k++) distinct += seen[k];
    // Asked before anything is laid out: ten thousand output neurons is almost always the wrong column.
    if (distinct > LIMITS.classes) throw datasetErrors.tooManyClasses(file, col.index + 1, col.config.name, distinct, LIMITS.classes);
    const vocab = col.vocab.filter((_, k) => seen[k]).sort(compareCategories);
    if (vocab.length < 2) throw datasetErrors.singleClass(file, col.index + 1, col.config.name, vocab[0] ?? '');
    classVocab.set(col, vocab);
  }

  // Split the kept rows, stratified by the first class target when asked.
  const stratCol = work.find((c) => c.config.role === 'target' && c.kind === 'category') as CategoryColumn | undefined;
  let strata: Int32Array | null = null;
  if (o.split.stratify && stratCol) {
    strata = new Int32Array(kept);
    for (let k = 0; k < kept; k++) strata[k] = stratCol.codes[rows[k]];
  }
  const split = assignSplits(kept, o.split, strata);
  const counts: [number, number, number] = [0, 0, 0];
  for (let k = 0; k < kept; k++) counts[split[k]]++;
  // Parameters use training rows only: build a per-source-row flag.
  const isTrain = new Uint8Array(n);
  for (let k = 0; k < kept; k++) if (split[k] === SPLIT.train) isTrain[rows[k]] = 1;
  const train = (i: number) => isTrain[i] === 1;

  const params = new Map<ParsedColumn, ColumnParams>();
  for (const col of work) {
    if (col.kind === 'number') params.set(col, numericParams(col, isTrain, file));
    else if (col.config.role === 'target') {
      const p = categoricalParams(col, train);
      params.set(col, { ...p, vocab: classVocab.get(col)! });
    } else params.set(col, categoricalParams(col, train));
  }

  // Layout of X and Y.
  const features: FeatureMeta[] = [];
  const outputs: OutputMeta[] = [];
  const targets: TargetMeta[] = [];
  for (const col of work) {
    const p = params.get(col)!;
    const name = col.config.name;
    if (col.config.role === 'feature') {
      if (p.kind === 'categorical') for (const v of p.vocab) features.push({ name: `${name}=${v}`, column: name, category: v });
      else features.push({ name, column: name, category: null });
    } else if (p.kind === 'categorical') {
      targets.push({ column: name, kind: 'classes', classes: p.vocab, outputStart: outputs.length, outputCount: p.vocab.length });
      for (const v of p.vocab) outputs.push({ name: `${name}=${v}`, column: name, className: v, activation: 'identity' });
    } else {
      targets.push({ column: name, kind: 'regression', classes: null, outputStart: outputs.length, outputCount: 1 });
      outputs.push({ name, column: name, className: null, activation: col.config.type === 'boolean' ? 'sigmoid' : 'identity' });
    }
  }

  const F = features.length;
  const O = outputs.length;
  // Checked before the arrays exist: a one-hot column of a near-unique text would ask for gigabytes.
  if (F > LIMITS.features) {
    const widest = [...new Set(features.map((f) => f.column))].map((c) => ({ c, n: features.filter((f) => f.column === c).length })).sort((a, b) => b.n - a.n)[0];
    throw datasetErrors.tooBig(file, `the features would need ${count(F)} input neurons (${widest.c} alone has ${count(widest.n)} categories); Neurite trains at most ${count(LIMITS.features)}. Ignore that column or treat it as a number.`);
  }
  if (kept * (F + O) > LIMITS.datasetValues) {
    throw datasetErrors.tooBig(file, `${count(kept)} rows of ${count(F + O)} encoded values is more than the ${count(LIMITS.datasetValues)} values Neurite holds in one dataset; import fewer rows or columns.`);
  }
  const long = [...features, ...outputs].find((f) => f.name.length > LIMITS.labelLength);
  if (long) throw datasetErrors.tooBig(file, `the encoded column ${shownValue(long.name)} is longer than ${count(LIMITS.labelLength)} characters, too long for a neuron's label.`);
  const x = new Float64Array(kept * F);
  const y = new Float64Array(kept * O);
  let fOff = 0;
  let oOff = 0;
  const xScaled: ScaledColumn[] = [];
  const yScaled: ScaledColumn[] = [];
  for (const col of work) {
    const p = params.get(col)!;
    const isFeature = col.config.role === 'feature';
    const out = isFeature ? x : y;
    const stride = isFeature ? F : O;
    const off = isFeature ? fOff : oOff;
    if (col.kind === 'number' && p.kind === 'numeric') {
      const enc = col.config.encoding;
      const shift = enc === 'standardise' ? p.mean : enc === 'min-max' ? p.min : 0;
      const range = p.max - p.min;
      const scale = enc === 'standardise' ? (p.std > 0 ? 1 / p.std : 1) : enc === 'min-max' ? (range > 0 ? 1 / range : 1) : 1;
      (isFeature ? xScaled : yScaled).push({ values: col.values, off, shift, scale, fill: p.fill ?? NaN });
      if (isFeature) fOff += 1;
      else oOff += 1;
    } else if (col.kind === 'category' && p.kind === 'categorical') {
      // Remap source codes to vocabulary positions; unseen categories map to -1 (all zeros).
      const pos = new Map(p.vocab.map((v, k) => [v, k]));
      const remap = Int32Array.from(col.vocab, (v) => pos.get(v) ?? -1);
      const fillPos = p.fill === null ? -1 : (pos.get(p.fill) ?? -1);
      for (let k = 0; k < kept; k++) {
        const c = col.codes[rows[k]];
        const at = c >= 0 ? remap[c] : fillPos;
        if (at >= 0) out[k * stride + off + at] = 1;
      }
      if (isFeature) fOff += p.vocab.length;
      else oOff += p.vocab.length;
    }
  }

  fillScaled(x, F, xScaled, rows);
  fillScaled(y, O, yScaled, rows);

  const byIndex = new Map(work.map((c) => [c.index, c]));
  const usedByIndex = new Map(used.map((c) => [c.index, c]));
  const columns: ColumnMeta[] = o.columns.flatMap((c, index): ColumnMeta[] => {
    const u = usedByIndex.get(index);
    const split = u && parts.get(u);
    // A date column is stored as its parts, each a numeric column of its own that remembers where it came from.
    if (split)
      return split.map((w, k) => ({ index, name: w.config.name, inferred: c.inferred, config: w.config, params: params.get(w)!, summary: summariseColumn(w), datePart: { column: c.name, part: DATE_PARTS[k] } }));
    const w = byIndex.get(index);
    return [{ index, name: c.name, inferred: c.inferred, config: c.config, params: w ? params.get(w)! : null, summary: w ? summaries.get(u!)! : null }];
  });
  const meta: DatasetMeta = {
    id: o.id,
    name: o.name,
    source: o.source,
    rowCount: kept,
    droppedRows: n - kept,
    columns,
    features,
    outputs,
    targets,
    split: { train: o.split.train, val: o.split.val, test: o.split.test, seed: o.split.seed, stratify: o.split.stratify, counts },
  };
  return { meta, x, y, split };
}

