/** Reads another CSV for `neurite eval --csv`: the dataset's own CSV options, encoded with its stored encoding. */
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { encodeLikeDataset, type ReEncoded } from '../../src-shared/data/apply-encoding';
import { CsvOptionsSchema, type DatasetMeta } from '../../src-shared/data/schema';
import { readRegularFile } from '../services/safe-fs';

/** The file's rows encoded like the dataset (throws with file, line, column and value on a bad cell). */
export function readEvalCsv(file: string, meta: DatasetMeta): ReEncoded {
  const options = meta.source.kind === 'csv' ? meta.source.options : CsvOptionsSchema.parse({});
  const name = path.basename(file);
  if (!fs.existsSync(file)) throw new Error(`No such CSV file: ${file}`);
  // Only a regular file: a FIFO or device would block the read for ever.
  const text = readRegularFile(file, { name: `"${name}"` }).toString(options.encoding === 'latin1' ? 'latin1' : 'utf8').replace(/^\uFEFF/, '');
  const parsed = Papa.parse<string[]>(text, { delimiter: options.delimiter === 'auto' ? '' : options.delimiter, quoteChar: options.quote, comments: options.comment || false, skipEmptyLines: false });
  // Line numbers count from 1 in the file; lines skipped at the top and a header come first.
  let lines = parsed.data.map((cells, i) => ({ cells, line: i + 1 })).slice(options.skipLines);
  lines = lines.filter((l) => !(l.cells.length === 1 && l.cells[0].trim() === ''));
  const header = options.header ? (lines.shift()?.cells ?? []) : null;
  if (!lines.length) throw new Error(`${name} has no data rows.`);
  const ragged = header ? lines.find((l) => l.cells.length !== header.length) : undefined;
  if (ragged) throw new Error(`${name}, line ${ragged.line}: ${ragged.cells.length} cells where the header has ${header!.length}.`);
  return encodeLikeDataset(meta, name, header, lines.map((l) => l.cells), (r) => lines[r].line, options.decimal === ',');
}
