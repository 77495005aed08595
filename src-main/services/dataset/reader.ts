/**
 * Reading a CSV file in main: `previewCsv` (first rows + inferred types) for the wizard and
 * `importCsv` (the whole file, streamed, encoded) for the import. Both throw a DatasetError
 * whose message names file, line and column; an import that fails or is cancelled returns
 * nothing and leaves nothing behind (it only ever builds in memory).
 */
import { datasetErrors } from '../../../src-shared/data/errors';
import { LIMITS } from '../../../src-shared/model/limits';
import { encodeDataset } from '../../../src-shared/data/encode';
import { inferColumns, type InferredColumn } from '../../../src-shared/data/infer';
import { detectLayout } from '../../../src-shared/data/layout';
import { ColumnBuilder, type ParsedTable } from '../../../src-shared/data/parsed';
import type { ColumnConfig, CsvOptions, EncodedDataset, SplitConfig } from '../../../src-shared/data/schema';
import { guessDecimal } from './delimiter';
import { scanCsv, type BatchLines, type ScanControl } from './scan';
import type { ByteSource } from './source';

/** Rows shown by the preview. */
export const PREVIEW_ROWS = 50;
/** Rows the type inference looks at. */
export const INFER_ROWS = 1000;

/** What the wizard shows before an import. */
export interface CsvPreview {
  file: string;
  bytes: number;
  /** The delimiter used (the detected one when the options said auto). */
  delimiter: string;
  /** The decimal separator the sample suggests. */
  suggestedDecimal: '.' | ',';
  /** Column names (from the header row, or "column 1"…). */
  columns: string[];
  /** The 1-based file line of the header row, or null without one. */
  headerLine: number | null;
  /** The first data rows as text. */
  rows: string[][];
  inferred: InferredColumn[];
  /** The reading options used (with the detected header and skipped lines when asked to detect them). */
  options: CsvOptions;
  /** What was guessed about the layout, in words (empty when nothing was detected). */
  notes: string[];
  /** Class names from a scikit-learn metadata line, when one was detected. */
  classNames?: string[];
}

/** Rows the layout detection looks at. */
const SNIFF_ROWS = 200;

/** The first rows of the file as they are (no line skipped, no header taken, blank lines left out), with their file lines. */
async function sniffRows(source: ByteSource, options: CsvOptions, control: ScanControl): Promise<{ rows: string[][]; lines: number[] }> {
  const rows: string[][] = [];
  const lines: number[] = [];
  await scanCsv(
    source,
    { ...options, skipLines: 0 },
    (batch, at) => {
      for (let r = 0; r < batch.length; r++) {
        const row = batch[r];
        if (row.length === 1 && row[0].trim() === '') continue;
        rows.push(row);
        lines.push(at.lineOf(r));
        if (rows.length >= SNIFF_ROWS) return false;
      }
    },
    control,
  );
  return { rows, lines };
}

/** Header and row checks shared by preview and import. */
class RowGate {
  names: string[] | null = null;
  headerLine: number | null = null;
  constructor(
    private readonly file: string,
    private readonly header: boolean,
  ) {}

  /** Takes the header from the first row when there is one; returns true when the row is data. */
  take(row: string[], r: number, lines: BatchLines): boolean {
    if (row.length === 1 && row[0].trim() === '') return false; // blank line
    if (this.names) {
      if (row.length !== this.names.length) throw datasetErrors.ragged(this.file, lines.lineOf(r, Math.min(row.length, this.names.length)), row.length, this.names.length, this.headerLine);
      return true;
    }
    // Refused at the first row, in the preview already: the import's request could not carry more columns.
    if (row.length > LIMITS.csvColumns) throw datasetErrors.tooManyColumns(this.file, lines.lineOf(r), row.length, LIMITS.csvColumns);
    if (!this.header) {
      this.names = row.map((_, j) => `column ${j + 1}`);
      return true;
    }
    const line = lines.lineOf(r);
    const names = row.map((n) => n.trim());
    const first = new Map<string, number>();
    names.forEach((n, j) => {
      if (!n) throw datasetErrors.emptyHeader(this.file, line, j + 1);
      const seen = first.get(n);
      if (seen !== undefined) throw datasetErrors.duplicateHeader(this.file, line, j + 1, n, seen + 1);
      first.set(n, j);
    });
    this.names = names;
    this.headerLine = line;
    return false;
  }

  /** Throws when the file had no header or no data. */
  requireData(rows: number): void {
    if (!this.names) throw datasetErrors.empty(this.file);
    if (rows === 0) {
      if (this.headerLine !== null) throw datasetErrors.headerOnly(this.file, this.headerLine);
      throw datasetErrors.empty(this.file);
    }
  }
}

/**
 * Reads the first rows of a CSV file and infers each column's type from up to INFER_ROWS rows.
 * With `detect`, the header row and a metadata line to skip are guessed from the file first
 * (the given `header` and `skipLines` are then replaced).
 */
export async function previewCsv(source: ByteSource, options: CsvOptions, control: ScanControl = {}, detect = false): Promise<CsvPreview> {
  let notes: string[] = [];
  let classNames: string[] | undefined;
  if (detect) {
    const { rows, lines } = await sniffRows(source, options, control);
    const guess = detectLayout(rows, options.decimal === ',', (r) => lines[r]);
    options = { ...options, header: guess.header, skipLines: guess.skipLines };
    notes = guess.notes;
    classNames = guess.classNames;
  }
  const gate = new RowGate(source.name, options.header);
  const sample: string[][] = [];
  const scan = await scanCsv(
    source,
    options,
    (rows, lines) => {
      for (let r = 0; r < rows.length; r++) {
        if (gate.take(rows[r], r, lines)) sample.push(rows[r]);
        if (sample.length >= INFER_ROWS) return false;
      }
    },
    control,
  );
  gate.requireData(sample.length);
  const names = gate.names!;
  const decimalComma = options.decimal === ',';
  return {
    file: source.name,
    bytes: source.size,
    delimiter: scan.delimiter,
    suggestedDecimal: scan.delimiter === ',' ? '.' : guessDecimal(sample),
    columns: names,
    headerLine: gate.headerLine,
    rows: sample.slice(0, PREVIEW_ROWS),
    inferred: inferColumns(names, sample, decimalComma),
    options,
    notes,
    ...(classNames ? { classNames } : {}),
  };
}

/** Everything an import needs besides the file. */
export interface ImportRequest {
  id: string;
  name?: string;
  options: CsvOptions;
  /** One per column of the file, in order, named as the file names them. */
  columns: ColumnConfig[];
  split: SplitConfig;
}

/** Streams the whole file, checks every cell against its column's type, and encodes it. */
export async function importCsv(source: ByteSource, req: ImportRequest, control: ScanControl = {}): Promise<EncodedDataset> {
  const file = source.name;
  const gate = new RowGate(file, req.options.header);
  const decimalComma = req.options.decimal === ',';
  let builders: (ColumnBuilder | null)[] | null = null;
  let active: ColumnBuilder[] = [];
  let activeAt: number[] = [];
  const sample: string[][] = [];
  let rowCount = 0;

  const prepare = (names: string[], firstRows: string[][]) => {
    if (req.columns.length !== names.length) throw datasetErrors.config(file, `the file has ${names.length} columns but ${req.columns.length} were configured; preview the file again.`);
    req.columns.forEach((c, j) => {
      if (c.name !== names[j]) throw datasetErrors.config(file, `column ${j + 1} is named "${names[j]}" in the file but "${c.name}" in the configuration; preview the file again.`);
    });
    // Size the columns from the bytes per row of the first rows, so a big file neither regrows nor overshoots much.
    let bytes = 0;
    const probe = firstRows.slice(0, 200);
    for (const row of probe) for (const cell of row) bytes += cell.length + 1;
    const perRow = probe.length ? Math.max(2, bytes / probe.length) : 16;
    const capacity = Math.max(1024, Math.min(1 << 26, Math.ceil((source.size / perRow) * 1.1)));
    builders = req.columns.map((c, j) => (c.type === 'ignore' || c.role === 'ignore' ? null : new ColumnBuilder(j, c, decimalComma, capacity)));
    active = builders.filter((b): b is ColumnBuilder => b !== null);
    activeAt = active.map((b) => b.index);
  };

  await scanCsv(
    source,
    req.options,
    (rows, lines) => {
      const n = rows.length;
      for (let r = 0; r < n; r++) {
        const row = rows[r];
        if (!gate.take(row, r, lines)) continue;
        if (!builders) prepare(gate.names!, rows.slice(r));
        for (let k = 0; k < active.length; k++) {
          const j = activeAt[k];
          const refusal = active[k].push(row[j]);
          if (refusal) {
            const line = lines.lineOf(r, j);
            const make = refusal === 'not-boolean' ? datasetErrors.notBoolean : refusal === 'not-date' ? datasetErrors.notDate : datasetErrors.notNumeric;
            throw make(file, line, j + 1, gate.names![j], row[j]);
          }
        }
        if (sample.length < INFER_ROWS) sample.push(row);
        rowCount++;
      }
    },
    control,
  );
  gate.requireData(rowCount);
  if (!builders) prepare(gate.names!, []);
  const inferred = inferColumns(gate.names!, sample, decimalComma);
  const table: ParsedTable = { rowCount, columns: active.map((b) => b.finish()) };
  if (control.signal?.aborted) throw datasetErrors.cancelled(file);
  return encodeDataset(table, {
    id: req.id,
    name: req.name ?? file.replace(/\.[^.]+$/, ''),
    file,
    source: { kind: 'csv', file, options: req.options },
    columns: req.columns.map((config, j) => ({ name: gate.names![j], inferred: inferred[j].type, config })),
    split: req.split,
  });
}
