/**
 * The import's guesses on small files of the common shapes (fixtures/shapes/, made for these
 * tests): what the wizard's first preview and `neurite import` infer, and that the guesses import.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeLikeDataset } from '../../../src-shared/data/apply-encoding';
import { decodeRow } from '../../../src-shared/data/decode';
import { configProblem } from '../../../src-shared/data/encode';
import { describe, expect, it } from 'vitest';
import { chooseTarget, setColumnRole } from '../../../src-shared/data/column-edits';
import { defaultColumnConfigs, featureConfig, inferColumn, looksLikeClasses, withClassNames } from '../../../src-shared/data/infer';
import { detectLayout, looksLikeHeader } from '../../../src-shared/data/layout';
import { datePart, parseDateCell } from '../../../src-shared/data/cells';
import { CsvOptionsSchema, type ColumnConfig } from '../../../src-shared/data/schema';
import { guessedConfigs } from './handlers';
import { importCsv, previewCsv } from './reader';
import { fileSource } from './source';

const SHAPES = join(__dirname, 'fixtures', 'shapes');
const SPLIT = { train: 70, val: 15, test: 15, seed: 1, stratify: true };

async function guess(file: string) {
  const p = await previewCsv(fileSource(join(SHAPES, file)), CsvOptionsSchema.parse({}), {}, true);
  return { preview: p, columns: guessedConfigs(p) };
}

async function importWith(file: string, options: ReturnType<typeof CsvOptionsSchema.parse>, columns: ColumnConfig[]) {
  return importCsv(fileSource(join(SHAPES, file)), { id: 'd', options, columns, split: SPLIT });
}

describe('layout: header row and metadata line', () => {
  it('a scikit-learn metadata line (rows, features, class names) is skipped and the numeric first row is data', async () => {
    const { preview, columns } = await guess('metadata-line.csv');
    expect(preview.options).toMatchObject({ header: false, skipLines: 1 });
    expect(preview.notes[0]).toContain('Line 1 ("45,4,small,medium,large") looks like a metadata line (45 rows, 4 features, class names): it is skipped.');
    expect(preview.notes[1]).toContain('Line 2 holds numbers: it is read as data (no header row)');
    expect(preview.columns).toEqual(['column 1', 'column 2', 'column 3', 'column 4', 'column 5']);
    expect(preview.headerLine).toBeNull();
    // The integer class column (0/1/2) is the target, as classes named by the metadata line.
    expect(preview.classNames).toEqual(['small', 'medium', 'large']);
    expect(columns[4]).toMatchObject({ role: 'target', type: 'numeric', encoding: 'classes', classNames: ['small', 'medium', 'large'] });
    const d = await importWith('metadata-line.csv', preview.options, columns);
    expect(d.meta.rowCount).toBe(45);
    expect(d.meta.targets).toEqual([expect.objectContaining({ kind: 'classes', classes: ['large', 'medium', 'small'], outputCount: 3 })]);
    // Row 1 is class 0: "small". Another file with the same layout is encoded with the same names.
    const small = d.meta.targets[0].classes!.indexOf('small');
    expect(d.y[small]).toBe(1);
    const rows = readFileSync(join(SHAPES, 'metadata-line.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    const again = encodeLikeDataset(d.meta, 'again.csv', null, rows, (r) => r + 2, false);
    expect(Array.from(again.y.subarray(0, 9))).toEqual(Array.from(d.y.subarray(0, 9)));
    // Without names (the class column not 0…n−1 for them) the numbers stay the names.
    expect(withClassNames(columns, preview.inferred, ['a', 'b'], preview.rows)[4].classNames).toEqual(['small', 'medium', 'large']);
    expect(withClassNames(guessedConfigs({ ...preview, classNames: undefined }), preview.inferred, ['a', 'b'], preview.rows)[4].classNames).toBeUndefined();
  });

  it('a first line with fewer fields than the rows after it is a metadata line', async () => {
    const { preview, columns } = await guess('short-metadata-line.csv');
    expect(preview.options).toMatchObject({ header: false, skipLines: 1 });
    expect(preview.notes[0]).toBe('Line 1 ("40,6,0,1,2,3") has 6 fields where the rows after it have 7: it looks like a metadata line and is skipped.');
    expect(preview.columns).toHaveLength(7);
    expect(columns[6]).toMatchObject({ role: 'target', encoding: 'classes' });
    const d = await importWith('short-metadata-line.csv', preview.options, columns);
    expect(d.meta.targets[0].classes).toEqual(['0', '1', '2', '3']);
  });

  it('a row of distinct words is a header; numbers, empty cells or repeated names are data', () => {
    expect(looksLikeHeader(['a', 'b', 'c'], false)).toBe(true);
    expect(looksLikeHeader(['a', '2', 'c'], false)).toBe(false);
    expect(looksLikeHeader(['a', '', 'c'], false)).toBe(false);
    expect(looksLikeHeader(['a', 'a', 'c'], false)).toBe(false);
    expect(looksLikeHeader(['x', '1,5'], true)).toBe(false);
    expect(detectLayout([['a', 'b'], ['1', '2'], ['3', '4']], false)).toEqual({ header: true, skipLines: 0, notes: [] });
    expect(detectLayout([['1', '2'], ['1', '2'], ['3', '4']], false)).toMatchObject({ header: false, skipLines: 0 });
    // Same width and two counts, but the features count does not match: not a metadata line.
    expect(detectLayout([['5', '7', 'x'], ['1', '2', '3'], ['3', '4', '5']], false)).toMatchObject({ header: false, skipLines: 0 });
  });

  it('a file with a header keeps it and nothing is skipped', async () => {
    const { preview } = await guess('dated-orders.csv');
    expect(preview.options).toMatchObject({ header: true, skipLines: 0 });
    expect(preview.notes).toEqual([]);
    expect(preview.headerLine).toBe(1);
  });
});

describe('column guesses', () => {
  it('a Kaggle-style file: the id and date columns start ignored with a hint, a stray word is missing, the 0/1 target is classes', async () => {
    const { preview, columns } = await guess('dated-orders.csv');
    const byName = Object.fromEntries(preview.inferred.map((c, j) => [c.name, { inferred: c, config: columns[j] }]));
    expect(byName.order_id.inferred.hint).toEqual({ kind: 'near-unique', distinct: 60 });
    expect(byName.order_id.config.role).toBe('ignore');
    expect(byName.ordered_on.inferred.hint).toEqual({ kind: 'date', distinct: 60 });
    expect(byName.ordered_on.config.role).toBe('ignore');
    expect(byName.temperature.inferred).toMatchObject({ type: 'numeric', hint: { kind: 'strays', values: [{ value: 'unknown', count: 1 }] } });
    expect(byName.temperature.config).toMatchObject({ type: 'numeric', role: 'feature', encoding: 'standardise', extraMissing: ['unknown'] });
    expect(byName.shop.config).toMatchObject({ type: 'categorical', role: 'feature', encoding: 'one-hot' });
    expect(byName.returned.config).toMatchObject({ role: 'target', encoding: 'classes' });
    const d = await importWith('dated-orders.csv', preview.options, columns);
    expect(d.meta.features.map((f) => f.name)).toEqual(['shop=east', 'shop=north', 'shop=south', 'temperature', 'basket']);
    expect(d.meta.columns.find((c) => c.name === 'temperature')!.summary!.missing).toBe(1);
  });

  it('"use them" on the ignored date column: year, day of year and weekday as three standardised inputs, re-encoded alike for another file', async () => {
    const { preview, columns } = await guess('dated-orders.csv');
    const j = preview.columns.indexOf('ordered_on');
    const withDates = columns.map((c, k) => (k === j ? featureConfig(c.name, 'date') : c));
    const d = await importWith('dated-orders.csv', preview.options, withDates);
    expect(d.meta.features.map((f) => f.name)).toEqual(['ordered_on year', 'ordered_on day of year', 'ordered_on weekday', 'shop=east', 'shop=north', 'shop=south', 'temperature', 'basket']);
    // The first row is 2023-01-02: a Monday (0), day 2 of 2023. Decoded back to original units:
    const parts = d.meta.columns.filter((c) => c.datePart);
    expect(parts.map((c) => [c.name, c.datePart])).toEqual([
      ['ordered_on year', { column: 'ordered_on', part: 'year' }],
      ['ordered_on day of year', { column: 'ordered_on', part: 'day of year' }],
      ['ordered_on weekday', { column: 'ordered_on', part: 'weekday' }],
    ]);
    const first = decodeRow(d.meta, d.x, d.y, 0);
    expect(first.slice(0, 3)).toEqual([2023, 2, 0]);
    expect(datePart(Date.UTC(2024, 11, 31), 'day of year')).toBe(366);
    expect(datePart(Date.UTC(2024, 2, 3), 'weekday')).toBe(6); // a Sunday
    // Another file encoded like this dataset reads the same date column and gives the same inputs.
    const text = readFileSync(join(SHAPES, 'dated-orders.csv'), 'utf8').trim().split('\n');
    const rows = text.slice(1).map((l) => l.split(','));
    const again = encodeLikeDataset(d.meta, 'again.csv', text[0].split(','), rows, (r) => r + 2, false);
    expect(again.rowCount).toBe(d.meta.rowCount);
    expect(Array.from(again.x.subarray(0, 3))).toEqual(Array.from(d.x.subarray(0, 3)));
    // A cell that is not a date is refused with file, line, column and the usual two fixes.
    const bad = rows.map((r, i) => (i === 4 ? r.map((c, k) => (k === j ? 'soon' : c)) : r));
    expect(() => encodeLikeDataset(d.meta, 'bad.csv', text[0].split(','), bad, (r) => r + 2, false)).toThrow('bad.csv, line 6, column "ordered_on": "soon" is not a date.');
  });

  it('a date column that is no date is refused at import with both fixes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'neurite-dates-'));
    const file = join(dir, 'when.csv');
    writeFileSync(file, 'when,y\n2024-01-01,1\n2024-01-02,2\nlater,3\n2024-01-04,4\n');
    const cols: ColumnConfig[] = [featureConfig('when', 'date'), { name: 'y', type: 'numeric', role: 'target', encoding: 'regression', missing: 'drop', fill: null }];
    await expect(importCsv(fileSource(file), { id: 'd', options: CsvOptionsSchema.parse({}), columns: cols, split: SPLIT })).rejects.toMatchObject({
      code: 'not-date',
      message: '"when.csv", line 4, column 1 ("when"): "later" is not a date (like 2024-03-01 or 01.03.2024), but the column is read as dates. Treat the column as categorical, or treat "later" as a missing value.',
      fixes: [{ kind: 'column-categorical', column: 'when' }, { kind: 'value-missing', column: 'when', value: 'later' }],
    });
    expect(configProblem({ ...cols[0], role: 'target', encoding: 'regression' })).toContain('a date can be a feature (year, day of year, weekday) but not the target');
  });

  it('"use it" on the ignored id column makes it a one-hot feature again', async () => {
    const { columns } = await guess('dated-orders.csv');
    expect(setColumnRole(columns[0], 'feature')).toMatchObject({ role: 'feature', encoding: 'one-hot', missing: 'most-frequent' });
  });

  it('NA values, categoricals and the target in the first column: choosing it demotes the guessed target to a feature with a feature\'s missing rule', async () => {
    const { preview, columns } = await guess('target-first-na.csv');
    expect(preview.options).toMatchObject({ header: true, skipLines: 0 });
    expect(preview.inferred.map((c) => c.type)).toEqual(['categorical', 'categorical', 'numeric', 'numeric', 'categorical']);
    expect(preview.inferred[2].missing).toBeGreaterThan(0);
    // The last column is the first guess; the user picks "kind".
    expect(columns[4]).toMatchObject({ role: 'target', missing: 'drop' });
    const chosen = chooseTarget(columns, 0);
    expect(chosen[0]).toMatchObject({ role: 'target', encoding: 'classes', missing: 'drop' });
    expect(chosen[4]).toMatchObject({ role: 'feature', encoding: 'one-hot', missing: 'most-frequent' });
    expect(chosen.filter((c) => c.role === 'target')).toHaveLength(1);
    // A second target on purpose keeps the first.
    expect(chooseTarget(chosen, 1, true).filter((c) => c.role === 'target').map((c) => c.name)).toEqual(['kind', 'region']);
    const d = await importWith('target-first-na.csv', preview.options, chosen);
    expect(d.meta.targets.map((t) => t.column)).toEqual(['kind']);
    // No row was dropped for a missing colour: as a feature it is filled with the most frequent value.
    expect(d.meta.droppedRows).toBe(0);
  });

  it('a column named like a target is the target wherever it stands', () => {
    const cols = defaultColumnConfigs([
      { name: 'label', type: 'categorical', missing: 0, distinct: 2, present: 10 },
      { name: 'a', type: 'numeric', missing: 0, distinct: 10, present: 10 },
    ]);
    expect(cols.map((c) => c.role)).toEqual(['target', 'feature']);
  });

  it('integers are classes only with few distinct values', () => {
    const col = (values: string[]) => inferColumn('t', values, false);
    expect(looksLikeClasses(col(['0', '1', '2', '1', '0', '2']))).toBe(true);
    expect(looksLikeClasses(col(Array.from({ length: 100 }, (_, i) => String(i % 30))))).toBe(false); // 30 values
    expect(looksLikeClasses(col(['1', '2', '3', '4']))).toBe(false); // one row per value: counts, not classes
    expect(looksLikeClasses(col(['0.5', '1', '0.5', '1']))).toBe(false);
  });

  it('strays: few distinct non-numbers in few cells only; more makes the column text', () => {
    const numbers = Array.from({ length: 40 }, (_, i) => String(i / 4));
    expect(inferColumn('c', [...numbers, '-'], false).hint).toEqual({ kind: 'strays', values: [{ value: '-', count: 1 }] });
    expect(inferColumn('c', [...numbers, 'a', 'b', 'c', 'd'], false)).toMatchObject({ type: 'categorical' });
    expect(inferColumn('c', [...numbers.slice(0, 10), 'x', 'x', 'x'], false)).toMatchObject({ type: 'categorical' });
  });

  it('dates: ISO and day-first dates parse; impossible dates do not', () => {
    expect(parseDateCell('2024-03-01')).toBe(Date.UTC(2024, 2, 1));
    expect(parseDateCell('2024-03-01T10:30:00Z')).toBe(Date.UTC(2024, 2, 1, 10, 30));
    expect(parseDateCell('01.03.2024')).toBe(Date.UTC(2024, 2, 1));
    expect(parseDateCell('12/31/2024')).toBe(Date.UTC(2024, 11, 31));
    expect(parseDateCell('2024-02-31')).toBeUndefined();
    expect(parseDateCell('2024')).toBeUndefined();
    expect(parseDateCell('hello')).toBeUndefined();
  });
});
