import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatasetError } from '../../../src-shared/data/errors';
import { defaultColumnConfigs } from '../../../src-shared/data/infer';
import { CsvOptionsSchema, type CsvOptions } from '../../../src-shared/data/schema';
import { importCsv, previewCsv } from './reader';
import { bufferSource, fileSource } from './source';
import { loadIrisExample } from './examples';
import { validateNetwork } from '../../../src-shared/model/validate';

const GOOD = join(import.meta.dirname, 'fixtures', 'good');
const opts = (o: Partial<CsvOptions> = {}) => CsvOptionsSchema.parse(o);
const SPLIT = { train: 100, val: 0, test: 0, seed: 1, stratify: false };

async function importDefault(path: string, o: Partial<CsvOptions> = {}) {
  const preview = await previewCsv(fileSource(path), opts(o));
  const columns = defaultColumnConfigs(preview.inferred);
  return { preview, dataset: await importCsv(fileSource(path), { id: 'd', options: opts(o), columns, split: SPLIT }) };
}

describe('reading real CSV files', () => {
  it('quoted fields with commas, doubled quotes and newlines', async () => {
    const p = await previewCsv(fileSource(join(GOOD, 'quoted.csv')), opts());
    expect(p.columns).toEqual(['name', 'comment', 'score', 'group']);
    expect(p.rows[0]).toEqual(['Smith, Ann', 'said "hello"\nand left', '1.5', 'a']);
    expect(p.rows[1]).toEqual(['Bob', 'plain, with comma', '2.5', 'b']);
    expect(p.rows).toHaveLength(4);
    expect(p.inferred.map((c) => c.type)).toEqual(['categorical', 'categorical', 'numeric', 'categorical']);
  });

  it('CRLF line ends and a boolean-looking target', async () => {
    const { preview, dataset } = await importDefault(join(GOOD, 'crlf.csv'));
    expect(preview.rows[0]).toEqual(['1', '2', 'yes']);
    expect(preview.inferred.map((c) => c.type)).toEqual(['numeric', 'numeric', 'boolean']);
    expect(dataset.meta.outputs.map((o) => o.name)).toEqual(['label=false', 'label=true']);
    expect(Array.from(dataset.y)).toEqual([0, 1, 1, 0, 0, 1, 1, 0]);
  });

  it('a UTF-8 BOM is dropped from the first header and non-ASCII text survives', async () => {
    const p = await previewCsv(fileSource(join(GOOD, 'bom.csv')), opts());
    expect(p.columns).toEqual(['city', 'temp']);
    expect(p.rows.map((r) => r[0])).toEqual(['Zürich', 'München', 'Köln', 'Århus']);
    expect(p.inferred[1]).toMatchObject({ name: 'temp', type: 'numeric', missing: 1, distinct: 3 });
  });

  it('semicolon delimiter with decimal commas: detected, suggested, and parsed exactly', async () => {
    const file = join(GOOD, 'semicolon-decimal-comma.csv');
    const first = await previewCsv(fileSource(file), opts());
    expect(first.delimiter).toBe(';');
    expect(first.suggestedDecimal).toBe(',');
    const { preview, dataset } = await importDefault(file, { decimal: ',' });
    expect(preview.columns).toEqual(['Länge', 'Breite', 'Sorte']);
    expect(preview.inferred.map((c) => c.type)).toEqual(['numeric', 'numeric', 'categorical']);
    const p = dataset.meta.columns[0].params!;
    expect(p.kind === 'numeric' && [p.min, p.max, p.mean]).toEqual([4.9, 7.0, (5.1 + 4.9 + 7.0 + 6.4) / 4]);
  });

  it('metadata lines skipped at the top and # comment lines skipped inside; line numbers stay true', async () => {
    const file = join(GOOD, 'comments.csv');
    const p = await previewCsv(fileSource(file), opts({ skipLines: 2, comment: '#' }));
    expect(p.headerLine).toBe(3);
    expect(p.columns).toEqual(['time', 'value', 'ok']);
    expect(p.rows).toEqual([['0', '0.5', 'true'], ['1', '0.75', 'false'], ['2', '1.25', 'true'], ['3', '1.5', 'false']]);
    // A bad value on line 8 (after a comment line) is reported at line 8.
    const cols = defaultColumnConfigs(p.inferred).map((c) => (c.name === 'ok' ? { ...c, type: 'numeric' as const, encoding: 'regression' as const } : c));
    const err = await importCsv(fileSource(file), { id: 'd', options: opts({ skipLines: 2, comment: '#' }), columns: cols, split: SPLIT }).catch((e: DatasetError) => e);
    expect((err as DatasetError).message).toBe('"comments.csv", line 5, column 3 ("ok"): "true" is not a number, but the column is numeric. Treat the column as categorical, or treat "true" as a missing value.');
  });

  it('Latin-1 files read as Latin-1', async () => {
    const p = await previewCsv(fileSource(join(GOOD, 'latin1.csv')), opts({ encoding: 'latin1' }));
    expect(p.rows.map((r) => r.slice(0, 2))).toEqual([['René', 'Zürich'], ['José', 'São Paulo'], ['Åsa', 'Göteborg']]);
  });

  it('tab-separated without a header: columns are named by position', async () => {
    const { preview, dataset } = await importDefault(join(GOOD, 'tab-no-header.tsv'), { header: false });
    expect(preview.delimiter).toBe('\t');
    expect(preview.columns).toEqual(['column 1', 'column 2', 'column 3']);
    expect(dataset.meta.rowCount).toBe(3);
  });

  it('streams across chunk boundaries: quoted newlines split between chunks still parse, progress reaches the size', async () => {
    const rows = Array.from({ length: 60000 }, (_, i) => `${i},"note ${i}\nline two, with comma",${i % 2 ? 'a' : 'b'}`);
    const columns = [
      { name: 'id', type: 'numeric', role: 'feature', encoding: 'none', missing: 'drop', fill: null },
      { name: 'note', type: 'ignore', role: 'ignore', encoding: 'none', missing: 'drop', fill: null },
      { name: 'cls', type: 'categorical', role: 'target', encoding: 'classes', missing: 'drop', fill: null },
    ] as const;
    const good = bufferSource('big.csv', `id,note,cls\n${rows.join('\n')}\n`);
    const seen: number[] = [];
    const d = await importCsv(good, { id: 'd', options: opts(), columns: [...columns], split: SPLIT }, { onProgress: (read) => seen.push(read) });
    expect(good.size).toBeGreaterThan(2 * (1 << 20));
    expect(seen.length).toBeGreaterThan(2);
    expect(seen.at(-1)).toBe(good.size);
    expect(d.meta.rowCount).toBe(60000);
    expect(Array.from(d.x.subarray(59990))).toEqual(Array.from({ length: 10 }, (_, k) => 59990 + k));
    const bad = bufferSource('big.csv', `id,note,cls\n${rows.join('\n')}\nxxx,1,a\n`);
    const err = await importCsv(bad, { id: 'd', options: opts(), columns: [...columns], split: SPLIT }).catch((e: DatasetError) => e);
    // Every data row spans two lines: row k starts at line 2 + 2k, so the bad row (k = 60000) is at line 120002.
    expect((err as DatasetError).message).toBe('"big.csv", line 120002, column 1 ("id"): "xxx" is not a number, but the column is numeric. Treat the column as categorical, or treat "xxx" as a missing value.');
  });

  it('cancellation stops the import with a cancelled error', async () => {
    const text = `a,b\n${Array.from({ length: 200000 }, (_, i) => `${i},${i % 2}`).join('\n')}\n`;
    const ac = new AbortController();
    const err = await importCsv(
      bufferSource('c.csv', text),
      { id: 'd', options: opts(), columns: defaultColumnConfigs([{ name: 'a', type: 'numeric', missing: 0, distinct: 0 }, { name: 'b', type: 'numeric', missing: 0, distinct: 0 }]), split: SPLIT },
      { signal: ac.signal, onProgress: () => ac.abort() },
    ).catch((e: DatasetError) => e);
    expect(err).toBeInstanceOf(DatasetError);
    expect((err as DatasetError).code).toBe('cancelled');
    expect((err as DatasetError).message).toBe('The import of "c.csv" was cancelled; nothing was imported.');
  });
});

describe('the Iris example', () => {
  it('imports 150 rows, 4 features, 3 classes in a stratified 70/15/15 split, and has the published class means', async () => {
    const { dataset, network } = await loadIrisExample();
    expect(dataset.meta.rowCount).toBe(150);
    expect(dataset.meta.features.map((f) => f.name)).toEqual(['sepal_length', 'sepal_width', 'petal_length', 'petal_width']);
    expect(dataset.meta.targets[0].classes).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(dataset.meta.split.counts).toEqual([105, 24, 21]);
    // Stratified: 35 of each class in training (round(50 · 0.7)).
    const trainPerClass = [0, 1, 2].map((k) => Array.from(dataset.split).filter((s, i) => s === 0 && dataset.y[i * 3 + k] === 1).length);
    expect(trainPerClass).toEqual([35, 35, 35]);
    // Undo the standardisation and compare class means with Fisher's table.
    const params = dataset.meta.columns.slice(0, 4).map((c) => c.params!);
    const means = [0, 1, 2].map((k) =>
      [0, 1, 2, 3].map((j) => {
        const p = params[j];
        let sum = 0;
        for (let i = 0; i < 150; i++) if (dataset.y[i * 3 + k] === 1) sum += p.kind === 'numeric' ? dataset.x[i * 4 + j] * p.std + p.mean : NaN;
        return Math.round((sum / 50) * 1000) / 1000;
      }),
    );
    expect(means).toEqual([
      [5.006, 3.428, 1.462, 0.246],
      [5.936, 2.77, 4.26, 1.326],
      [6.588, 2.974, 5.552, 2.026],
    ]);
    expect(network.softmaxGroups).toHaveLength(1);
    expect(validateNetwork(network).filter((i) => i.severity === 'error')).toEqual([]);
  });
});
