import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DatasetError } from '../../../src-shared/data/errors';
import { defaultColumnConfigs } from '../../../src-shared/data/infer';
import { CsvOptionsSchema, type ColumnConfig, type CsvOptions } from '../../../src-shared/data/schema';
import { importCsv, previewCsv } from './reader';
import { fileSource } from './source';

const BAD = join(import.meta.dirname, 'fixtures', 'bad');
const SPLIT = { train: 100, val: 0, test: 0, seed: 1, stratify: false };

/** Previews the file, takes the wizard's default configuration with `override` applied, and imports it. */
async function tryImport(path: string, options: Partial<CsvOptions> = {}, override: Record<string, Partial<ColumnConfig>> = {}): Promise<DatasetError> {
  const o = CsvOptionsSchema.parse(options);
  let columns: ColumnConfig[];
  try {
    const preview = await previewCsv(fileSource(path), o);
    columns = defaultColumnConfigs(preview.inferred).map((c) => ({ ...c, ...override[c.name] }));
  } catch (e) {
    // The wizard stops at a preview that fails: the import is never offered.
    if (e instanceof DatasetError) return e;
    throw e;
  }
  try {
    await importCsv(fileSource(path), { id: 'd', options: o, columns, split: SPLIT });
  } catch (e) {
    if (e instanceof DatasetError) return e;
    throw e;
  }
  throw new Error(`${path} was imported`);
}

const numeric = { type: 'numeric', role: 'feature', encoding: 'standardise', missing: 'mean' } as const;

/** file → [options, column overrides, exact message]. */
const CASES: [string, Partial<CsvOptions>, Record<string, Partial<ColumnConfig>>, string][] = [
  ['empty.csv', {}, {}, '"empty.csv" is empty: there is nothing to import.'],
  ['blank-lines.csv', {}, {}, '"blank-lines.csv" is empty: there is nothing to import.'],
  ['bom-only.csv', {}, {}, '"bom-only.csv" is empty: there is nothing to import.'],
  ['header-only.csv', {}, {}, '"header-only.csv", line 1: the file ends after the header row; it has no data rows.'],
  ['header-only-crlf-semicolon.csv', {}, {}, '"header-only-crlf-semicolon.csv", line 1: the file ends after the header row; it has no data rows.'],
  ['header-only-after-comments.csv', { skipLines: 2 }, {}, '"header-only-after-comments.csv", line 3: the file ends after the header row; it has no data rows.'],
  ['ragged-short.csv', {}, {}, '"ragged-short.csv", line 3, column 3: this row has 2 fields but the header (line 1) has 3.'],
  ['ragged-long.csv', {}, {}, '"ragged-long.csv", line 3, column 3: this row has 3 fields but the header (line 1) has 2.'],
  ['ragged-after-multiline.csv', {}, {}, '"ragged-after-multiline.csv", line 4, column 2: this row has 1 field but the header (line 1) has 2.'],
  ['ragged-semicolon.csv', {}, {}, '"ragged-semicolon.csv", line 4, column 3: this row has 2 fields but the header (line 1) has 3.'],
  ['ragged-no-header.csv', { header: false }, {}, '"ragged-no-header.csv", line 3, column 4: this row has 4 fields but the first row has 3.'],
  ['ragged-late.csv', {}, {}, '"ragged-late.csv", line 1202, column 3: this row has 2 fields but the header (line 1) has 3.'],
  ['unterminated-quote.csv', {}, {}, '"unterminated-quote.csv", line 2, column 2: a quoted field opens here but its closing quote (") never comes.'],
  ['unterminated-quote-header.csv', {}, {}, '"unterminated-quote-header.csv", line 1, column 1: a quoted field opens here but its closing quote (") never comes.'],
  ['unterminated-quote-last-field.csv', {}, {}, '"unterminated-quote-last-field.csv", line 3, column 2: a quoted field opens here but its closing quote (") never comes.'],
  ['not-numeric-late.csv', {}, {}, '"not-numeric-late.csv", line 1003, column 1 ("x"): "12a" is not a number, but the column is numeric. Treat the column as categorical, or treat "12a" as a missing value.'],
  ['not-numeric-override.csv', {}, { height: numeric }, '"not-numeric-override.csv", line 4, column 1 ("height"): "abc" is not a number, but the column is numeric. Treat the column as categorical, or treat "abc" as a missing value.'],
  ['not-numeric-decimal-comma.csv', {}, { width: numeric }, '"not-numeric-decimal-comma.csv", line 2, column 1 ("width"): "1,5" is not a number, but the column is numeric. Treat the column as categorical, or treat "1,5" as a missing value.'],
  ['not-numeric-multiline.csv', {}, { v: { type: 'numeric', role: 'target', encoding: 'regression', missing: 'drop' } }, '"not-numeric-multiline.csv", line 4, column 3 ("v"): "4\\n5" is not a number, but the column is numeric. Treat the column as categorical, or treat "4\\n5" as a missing value.'],
  ['not-boolean.csv', {}, { smoker: { type: 'boolean', role: 'feature', encoding: 'none', missing: 'most-frequent' } }, '"not-boolean.csv", line 4, column 1 ("smoker"): "maybe" is not true or false, but the column is boolean. Treat the column as categorical, or treat "maybe" as a missing value.'],
  ['all-missing.csv', {}, { b: numeric }, '"all-missing.csv", column 2 ("b"): all 3 values are missing; set the column\'s type to ignore.'],
  ['all-missing-target.csv', {}, { x: numeric, price: { type: 'numeric', role: 'target', encoding: 'regression', missing: 'drop' } }, '"all-missing-target.csv", column 2 ("price"): all 2 values are missing; set the column\'s type to ignore.'],
  ['single-class.csv', {}, {}, '"single-class.csv", column 2 ("y"): the target has a single class ("a"); a classifier needs at least two.'],
  ['single-class-after-drop.csv', {}, { x: { missing: 'drop' } }, '"single-class-after-drop.csv", column 2 ("y"): the target has a single class ("a"); a classifier needs at least two.'],
  ['duplicate-header.csv', {}, {}, '"duplicate-header.csv", line 1, column 3: the column name "a" is already used by column 1; column names must be unique.'],
  ['duplicate-header-spaces.csv', {}, {}, '"duplicate-header-spaces.csv", line 1, column 3: the column name "size" is already used by column 2; column names must be unique.'],
  ['empty-header.csv', {}, {}, '"empty-header.csv", line 1, column 2: the column has no name; give every column a name, or untick "header row".'],
  ['empty-header-after-skip.csv', { skipLines: 1 }, {}, '"empty-header-after-skip.csv", line 3, column 2: the column has no name; give every column a name, or untick "header row".'],
  ['binary-png.csv', {}, {}, '"binary-png.csv", line 3, column 1: this is a binary file, not text (a zero byte at byte 8).'],
  ['binary-late.csv', {}, {}, '"binary-late.csv", line 3, column 4: this is a binary file, not text (a zero byte at byte 11).'],
  ['utf16le.csv', {}, {}, '"utf16le.csv", line 1, column 1: this is UTF-16 text, which Neurite does not read; save the file as UTF-8 and import it again.'],
  ['latin1-as-utf8.csv', {}, {}, '"latin1-as-utf8.csv", line 2, column 4: these bytes are not valid UTF-8; choose the file\'s encoding (for example Latin-1) and try again.'],
  ['truncated-utf8.csv', {}, {}, '"truncated-utf8.csv", line 2, column 6: these bytes are not valid UTF-8; choose the file\'s encoding (for example Latin-1) and try again.'],
  ['no-feature.csv', {}, { id: { role: 'ignore' } }, '"no-feature.csv": no column is a feature; make at least one column a feature.'],
];

describe('bad CSV files: a clear message naming file, line and column, and nothing imported', () => {
  it('the corpus has at least 25 files and every file has a case', async () => {
    const { readdirSync } = await import('node:fs');
    const files = readdirSync(BAD).sort();
    expect(files.length).toBeGreaterThanOrEqual(25);
    expect(CASES.map((c) => c[0]).sort()).toEqual(files);
  });
  it.each(CASES)('%s', async (file, options, override, message) => {
    const err = await tryImport(join(BAD, file), options, override);
    expect(err.message).toBe(message);
  });
  it('a non-numeric value offers both fixes: treat the column as categorical, or the value as missing', async () => {
    const err = await tryImport(join(BAD, 'not-numeric-override.csv'), {}, { height: numeric });
    expect(err.code).toBe('not-numeric');
    expect(err.place).toEqual({ file: 'not-numeric-override.csv', line: 4, column: 1, columnName: 'height', value: 'abc' });
    expect(err.fixes).toEqual([
      { kind: 'column-categorical', column: 'height' },
      { kind: 'value-missing', column: 'height', value: 'abc' },
    ]);
  });

  const dir = mkdtempSync(join(tmpdir(), 'neurite-bad-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it('a single line over 10 MB', async () => {
    const path = join(dir, 'long-line.csv');
    writeFileSync(path, `a,b\n1,2\n3,${'9'.repeat(10 * 1024 * 1024 + 10)}\n4,5\n`);
    const err = await tryImport(path);
    expect(err.message).toBe('"long-line.csv", line 3, column 1: the line is longer than 10 MB; Neurite reads lines of up to 10 MB.');
  });

  it('a target with 10,000 classes in a 1 MB file: asked about at once, without the gigabytes its one-hot outputs would take', async () => {
    const path = join(dir, 'species.csv');
    const lines = ['x1,x2,species', ...Array.from({ length: 30_000 }, (_, i) => `${(i % 97) / 10},${(i % 13) / 10},sp${i % 10_000}`)];
    writeFileSync(path, `${lines.join('\n')}\n`);
    const before = process.memoryUsage().rss;
    // The wizard starts such a column ignored (near-unique in the preview); the user makes it the target.
    const err = await tryImport(path, {}, { x2: numeric, species: { type: 'categorical', role: 'target', encoding: 'classes', missing: 'drop' } });
    expect(err.code).toBe('too-many-classes');
    expect(err.message).toBe('"species.csv", column 3 ("species"): species has 10,000 distinct values — is it really the target? A class target may have at most 500 classes; choose another target, or treat species as a number (regression) or ignore it.');
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
  });

  it('20,000 columns are refused in the preview, naming the limit', async () => {
    const path = join(dir, 'wide.csv');
    const header = Array.from({ length: 20_000 }, (_, i) => `c${i}`).join(',');
    writeFileSync(path, `${header}\n${Array.from({ length: 20_000 }, () => '1').join(',')}\n`);
    const err = await tryImport(path);
    expect(err.message).toBe('"wide.csv", line 1: the file has 20,000 columns; Neurite reads files of at most 10,000 columns.');
  });
});
