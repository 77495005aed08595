import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EventName } from '../../../src-shared/api';
import { emptyNetwork } from '../../../src-shared/model/network';
import { numericImport } from './test-requests';
import { CsvOptionsSchema } from '../../../src-shared/data/schema';
import { createDispatcher } from '../dispatch';
import { createSession } from '../session';
import { projectHandlers } from '../project/handlers';
import { datasetHandlers } from './handlers';

const dir = mkdtempSync(join(tmpdir(), 'neurite-dsh-'));
const closers: (() => void)[] = [];
afterAll(() => {
  closers.forEach((c) => c());
  rmSync(dir, { recursive: true, force: true });
});

function setup(mode: 'electron' | 'browser' = 'electron') {
  const events: { event: EventName; payload: unknown }[] = [];
  const { session, close } = createSession({
    mode,
    projectsDir: mode === 'browser' ? dir : null,
    stateDir: mkdtempSync(join(dir, 'state-')),
    emit: (event, payload) => events.push({ event, payload }),
  });
  closers.push(close);
  const dispatch = createDispatcher({ ...projectHandlers, ...datasetHandlers }, () => {});
  const call = async (channel: string, payload: unknown) => dispatch(channel, payload, session);
  return { call, events };
}

const csv = ['bill,island,species', '39.1,Torgersen,Adelie', '46.5,Dream,Chinstrap', '50.0,Biscoe,Gentoo', '38.6,Dream,Adelie', '49.2,Biscoe,Gentoo', '45.2,Dream,Chinstrap'].join('\n');

describe('dataset channels through the dispatcher', () => {
  it('preview → import (progress, rebinding, stored) → list, summary and page', async () => {
    const path = join(dir, 'penguins.csv');
    writeFileSync(path, csv);
    const { call, events } = setup();
    expect((await call('project.new', {})).ok).toBe(true);
    const preview = await call('dataset.preview', { file: { path }, options: CsvOptionsSchema.parse({}) });
    if (!preview.ok) throw new Error(preview.error.message);
    const p = preview.result as { columns: string[]; defaults: unknown[] };
    expect(p.columns).toEqual(['bill', 'island', 'species']);
    const imported = await call('dataset.import', {
      importId: 'i1',
      file: { path },
      options: {},
      columns: p.defaults,
      split: { train: 100, val: 0, test: 0, seed: 1 },
      network: emptyNetwork(),
    });
    if (!imported.ok) throw new Error(imported.error.message);
    expect((imported.result as { status: string }).status).toBe('imported');
    const r = imported.result as { meta: { id: string; features: { name: string }[] }; network: { neurons: { label: string; role: string }[]; softmaxGroups: unknown[] } };
    expect(r.meta.features.map((f) => f.name)).toEqual(['bill', 'island=Biscoe', 'island=Dream', 'island=Torgersen']);
    expect(r.network.neurons.filter((n) => n.role === 'input').map((n) => n.label)).toEqual(['bill', 'island=Biscoe', 'island=Dream', 'island=Torgersen']);
    expect(r.network.softmaxGroups).toHaveLength(1);
    expect(events.filter((e) => e.event === 'dataset.progress').at(-1)!.payload).toEqual({ importId: 'i1', bytesRead: csv.length, totalBytes: csv.length });

    const list = await call('dataset.list', {});
    expect(list.ok && (list.result as { rows: number }[]).map((d) => d.rows)).toEqual([6]);
    const summary = await call('dataset.summary', { id: r.meta.id });
    expect(summary.ok && (summary.result as { columns: { summary: unknown }[] }).columns[1].summary).toEqual({
      count: 6,
      missing: 0,
      min: null,
      max: null,
      mean: null,
      categories: [
        { value: 'Dream', count: 3 },
        { value: 'Biscoe', count: 2 },
        { value: 'Torgersen', count: 1 },
      ],
      otherCategories: 0,
    });
    const page = await call('dataset.page', { id: r.meta.id, offset: 1, limit: 2 });
    expect(page.ok && page.result).toEqual({
      total: 6,
      columns: ['bill', 'island', 'species'],
      rows: [
        { index: 1, split: 0, cells: [46.5, 'Dream', 'Chinstrap'] },
        { index: 2, split: 0, cells: [50, 'Biscoe', 'Gentoo'] },
      ],
    });
  });

  it('a bad file is refused with its message and stores nothing', async () => {
    const { call } = setup();
    const path = join(dir, 'bad.csv');
    writeFileSync(path, 'a,b\n1,2\n3\n');
    const before = await call('dataset.list', {});
    const res = await call('dataset.import', numericImport('i2', { path }));
    expect(res).toEqual({
      ok: true,
      result: { status: 'refused', problem: { code: 'ragged', message: '"bad.csv", line 3, column 2: this row has 1 field but the header (line 1) has 2.', line: 3, column: 2, fixes: [] } },
    });
    expect(await call('dataset.list', {})).toEqual(before);
  });

  it('cancelling a running import stores nothing', async () => {
    const { call, events } = setup();
    const path = join(dir, 'big.csv');
    writeFileSync(path, `a,b\n${Array.from({ length: 400_000 }, (_, i) => `${i},${i % 7}`).join('\n')}\n`);
    const importing = call('dataset.import', numericImport('big', { path }));
    // Cancel once the first progress event shows the import is under way.
    while (!events.some((e) => e.event === 'dataset.progress')) await new Promise((r) => setTimeout(r, 1));
    expect(await call('dataset.cancel', { importId: 'big' })).toEqual({ ok: true, result: { cancelled: true } });
    expect(await importing).toEqual({ ok: true, result: { status: 'refused', problem: { code: 'cancelled', message: 'The import of "big.csv" was cancelled; nothing was imported.', fixes: [] } } });
    expect(await call('dataset.list', {})).toEqual({ ok: true, result: [] });
  });

  it('a non-numeric value comes back with both fixes, and applying "treat as missing" imports', async () => {
    const { call } = setup();
    const path = join(dir, 'sentinel.csv');
    writeFileSync(path, 'x,y\n1,2\n-,3\n4,5\n');
    const columns = [
      { name: 'x', type: 'numeric', role: 'feature', encoding: 'none', missing: 'mean' },
      { name: 'y', type: 'numeric', role: 'target', encoding: 'regression', missing: 'drop' },
    ];
    const req = { importId: 'f', file: { path }, options: {}, split: { train: 100, val: 0, test: 0, seed: 1 }, network: emptyNetwork() };
    const first = await call('dataset.import', { ...req, columns });
    if (!first.ok) throw new Error(first.error.message);
    const problem = (first.result as { problem: { fixes: unknown[] } }).problem;
    expect(problem.fixes).toEqual([
      { kind: 'column-categorical', column: 'x' },
      { kind: 'value-missing', column: 'x', value: '-' },
    ]);
    const fixed = columns.map((c) => (c.name === 'x' ? { ...c, extraMissing: ['-'] } : c));
    const second = await call('dataset.import', { ...req, columns: fixed });
    if (!second.ok) throw new Error(second.error.message);
    const meta = (second.result as { meta: { columns: { params: { mean: number; fill: number } }[] } }).meta;
    expect(meta.columns[0].params).toMatchObject({ mean: 2.5, fill: 2.5 });
  });

  it('examples are stored with a starter network; browser mode refuses paths outside the projects folder', async () => {
    const { call } = setup('browser');
    const ex = await call('dataset.example', { kind: 'iris' });
    expect(ex.ok && (ex.result as { meta: { rowCount: number } }).meta.rowCount).toBe(150);
    const spiral = await call('dataset.example', { kind: 'spirals', size: 100, noise: 0.1 });
    expect(spiral.ok && (spiral.result as { network: { neurons: unknown[] } }).network.neurons).toHaveLength(2 + 16 + 1);
    const outside = await call('dataset.preview', { file: { path: '../etc/passwd' }, options: {} });
    expect(outside).toEqual({ ok: false, error: { code: 'dataset.badPath', message: '"../etc/passwd" must be a path inside the projects folder, without "..".' } });
    const abs = await call('dataset.preview', { file: { path: '/etc/passwd' }, options: {} });
    expect(abs.ok).toBe(false);
    // The whole text no longer travels in a message: uploads go through dataset.upload* (uploads.test.ts).
    expect((await call('dataset.preview', { file: { name: 'up.csv', text: csv }, options: {} })).ok).toBe(false);
  });
});
