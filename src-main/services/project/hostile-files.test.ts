import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventName, Reply } from '../../../src-shared/api';
import { createDispatcher } from '../dispatch';
import { handlers } from '../handlers';
import { createSession, type Session } from '../session';
import { buildHostileCorpus, type HostileFile } from './hostile-corpus';
import { PROJECT_FORMAT_VERSION } from './format';
import { expectedTables } from './schema-check';
import { removeTempDirs, tempDir } from './test-helpers';

afterAll(removeTempDirs);

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const dispatch = createDispatcher(handlers, () => {});
const MAX_REPLY_CHARS = 16 * 1024 * 1024;

/** The bytes of a file and of any sidecar beside it: what "unchanged" means for a project on disk. */
function hashWithSidecars(file: string): string {
  const h = crypto.createHash('sha256');
  for (const f of [file, `${file}-journal`, `${file}-wal`, `${file}-shm`]) {
    h.update(f.slice(file.length));
    if (fs.existsSync(f)) h.update(fs.readFileSync(f));
  }
  return h.digest('hex');
}

interface Client {
  session: Session;
  close: () => void;
  events: { event: EventName; payload: unknown }[];
  call: (channel: string, payload: unknown) => Promise<Reply>;
}

function client(stateDir = tempDir('neurite-hostile-state-')): Client {
  const events: Client['events'] = [];
  const { session, close } = createSession({ mode: 'electron', projectsDir: null, stateDir, emit: (event, payload) => events.push({ event, payload }) });
  return { session, close, events, call: (channel, payload) => dispatch(channel, payload, session) };
}

async function ok<T = Record<string, unknown>>(c: Client, channel: string, payload: unknown): Promise<T> {
  const r = await c.call(channel, payload);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code}: ${r.error.message}`);
  return r.result as T;
}

async function trainToEnd(c: Client, datasetId: string, network: unknown, epochs: number): Promise<string> {
  const { runId } = await ok<{ runId: string }>(c, 'training.start', { datasetId, network, config: { epochs } });
  for (let i = 0; i < 600 && !c.events.some((e) => (e.event === 'training.done' || e.event === 'training.error') && (e.payload as { runId: string }).runId === runId); i++) {
    await new Promise((r) => setTimeout(r, 50));
  }
  return runId;
}

/** A reply that is fine for a hostile file: a result, or an error with a code and a sentence — never `internal`, never huge. */
function expectSound(channel: string, r: Reply, name: string): void {
  const size = JSON.stringify(r).length;
  expect(size, `${name}: ${channel} reply of ${size} characters`).toBeLessThan(MAX_REPLY_CHARS);
  if (r.ok) return;
  expect(r.error.code, `${name}: ${channel}: ${r.error.message}`).not.toBe('internal');
  expect(r.error.code, `${name}: ${channel}: ${r.error.message}`).not.toBe('invalid-payload');
  expect(r.error.message.length, `${name}: ${channel}`).toBeGreaterThan(10);
  expect(r.error.message).not.toMatch(/Internal error|\n\s+at /);
}

let base = '';
let ids = { runA: '', runB: '', datasetA: '', datasetB: '' };
let baseCounts = { datasets: 0, runs: 0, checkpoints: 0, metrics: 0 };
let corpus: HostileFile[] = [];

function counts(file: string): typeof baseCounts & { objects: string[] } {
  const db = new Database(file, { readonly: true });
  try {
    const n = (t: string) => db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number;
    return {
      datasets: n('datasets'),
      runs: n('runs'),
      checkpoints: n('checkpoints'),
      metrics: n('run_metrics'),
      objects: (db.prepare("SELECT type || ' ' || name FROM sqlite_schema WHERE type IN ('trigger', 'view') OR (type = 'table' AND name NOT IN (SELECT value FROM json_each(?)))").pluck().all(JSON.stringify(expectedTables(PROJECT_FORMAT_VERSION))) as string[]),
    };
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  // A real project made through the channels the app uses: two datasets, two trained runs.
  const c = client();
  try {
    await ok(c, 'project.new', {});
    const xor = await ok<{ meta: { id: string } }>(c, 'dataset.example', { kind: 'xor', size: 40 });
    const iris = await ok<{ meta: { id: string }; network: unknown }>(c, 'dataset.example', { kind: 'iris' });
    const runA = await trainToEnd(c, iris.meta.id, iris.network, 3);
    const runB = await trainToEnd(c, iris.meta.id, iris.network, 2);
    ids = { runA, runB, datasetA: xor.meta.id, datasetB: iris.meta.id };
    base = path.join(tempDir('neurite-hostile-base-'), 'base.neurite');
    await ok(c, 'project.save', { network: iris.network, path: base });
  } finally {
    c.close();
  }
  const { objects: _objects, ...n } = counts(base);
  baseCounts = n;
  corpus = buildHostileCorpus(tempDir('neurite-hostile-corpus-'), base, ids);
}, 120_000);

describe('hostile project files through the dispatcher', () => {
  it('every file of the corpus opens correctly or is refused with its message, within 10 s and bounded memory, and is never changed', { timeout: 600_000 }, async () => {
    expect(corpus.length).toBeGreaterThanOrEqual(200);
    expect(baseCounts.runs).toBe(2);
    const stateDir = tempDir('neurite-hostile-state-');
    const outcomes = new Map<string, number>();
    let peakRss = 0;
    let slowest = { name: '', ms: 0 };
    const saved = tempDir('neurite-hostile-saved-');
    for (const h of corpus) {
      const before = hashWithSidecars(h.file);
      const c = client(stateDir);
      const t0 = Date.now();
      try {
        const open = await c.call('project.open', { path: h.file });
        expectSound('project.open', open, h.name);
        const outcome = open.ok ? 'opens' : open.error.code;
        outcomes.set(`${h.kind}: ${outcome}`, (outcomes.get(`${h.kind}: ${outcome}`) ?? 0) + 1);
        if (h.expect) expect(outcome, `${h.name}: ${open.ok ? 'opened' : open.error.message}`).toBe(h.expect);
        if (open.ok) {
          // Everything a user can then do with what was read: list and use runs and datasets, save elsewhere.
          const runs = await c.call('training.runs', {});
          expectSound('training.runs', runs, h.name);
          if (runs.ok) {
            for (const r of (runs.result as { runs: { id: string; status: string }[] }).runs.slice(0, 4)) {
              expect(r.status, h.name).not.toBe('running');
              for (const [channel, payload] of [
                ['training.run', { runId: r.id }],
                ['training.loadWeights', { runId: r.id, which: 'final' }],
                ['training.loadWeights', { runId: r.id, which: 'best' }],
              ] as const) {
                expectSound(channel, await c.call(channel, payload), h.name);
              }
            }
          }
          const list = await c.call('dataset.list', {});
          expectSound('dataset.list', list, h.name);
          if (list.ok) {
            for (const d of (list.result as { id: string }[]).slice(0, 3)) {
              expectSound('dataset.summary', await c.call('dataset.summary', { id: d.id }), h.name);
              expectSound('dataset.page', await c.call('dataset.page', { id: d.id, offset: 0, limit: 50 }), h.name);
            }
          }
          const network = (open.result as { network: unknown }).network;
          expectSound('project.save', await c.call('project.save', { network, path: path.join(saved, `${h.name}.neurite`) }), h.name);
        }
      } finally {
        c.close();
      }
      const ms = Date.now() - t0;
      if (ms > slowest.ms) slowest = { name: h.name, ms };
      expect(ms, `${h.name} took ${ms} ms`).toBeLessThan(10_000);
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      expect(process.memoryUsage().rss, h.name).toBeLessThan(500 * 1024 * 1024);
      expect(hashWithSidecars(h.file), `${h.name} was changed by opening it`).toBe(before);
    }
    // No working copy is left behind by a refused file.
    expect(fs.readdirSync(path.join(stateDir, 'working')).filter((n) => !n.startsWith('.'))).toEqual([]);
    console.log(
      `hostile corpus: ${corpus.length} files; slowest ${slowest.name} ${slowest.ms} ms; peak RSS ${Math.round(peakRss / 2 ** 20)} MB\n${[...outcomes]
        .sort()
        .map(([k, n]) => `  ${k} × ${n}`)
        .join('\n')}`,
    );
  });

  it('a planted trigger never runs: after opening, importing a CSV, training and saving, nothing is lost and the trigger is gone', { timeout: 120_000 }, async () => {
    const h = corpus.find((f) => f.name === 'trigger-deletes-everything')!;
    const file = path.join(tempDir('neurite-trigger-'), 'trigger.neurite');
    fs.copyFileSync(h.file, file);
    const c = client();
    try {
      const snap = await ok<{ network: unknown; warnings?: string[] }>(c, 'project.open', { path: file });
      expect(snap.warnings?.join(' ')).toMatch(/trigger "t" on neurons/);
      const csv = path.join(path.dirname(file), 'points.csv');
      fs.writeFileSync(csv, ['a,b,label', ...Array.from({ length: 40 }, (_, i) => `${i % 7},${(i * 3) % 5},${i % 2 ? 'yes' : 'no'}`)].join('\n'));
      const preview = await ok<{ defaults: unknown[] }>(c, 'dataset.preview', { file: { path: csv }, options: {} });
      const imported = await ok<{ status: string; meta: { id: string }; network: unknown }>(c, 'dataset.import', {
        importId: 'i1',
        file: { path: csv },
        options: {},
        columns: preview.defaults,
        split: { train: 70, val: 15, test: 15, seed: 1 },
        network: snap.network,
      });
      expect(imported.status).toBe('imported');
      await trainToEnd(c, imported.meta.id, imported.network, 3);
      await ok(c, 'project.save', { network: imported.network });
    } finally {
      c.close();
    }
    const after = counts(file);
    expect(after.objects).toEqual([]);
    expect(after.datasets).toBe(baseCounts.datasets + 1);
    expect(after.runs).toBe(baseCounts.runs + 1);
    expect(after.checkpoints).toBe(baseCounts.checkpoints + 2);
    expect(after.metrics).toBeGreaterThan(baseCounts.metrics);
  });

  it('a checkpoint whose header claims 5e8 values marks only its run damaged, allocates nothing, and cannot be continued', async () => {
    const h = corpus.find((f) => f.name === 'checkpoint-lengths-lie-5e8')!;
    const c = client();
    try {
      await ok(c, 'project.open', { path: h.file });
      const rss = process.memoryUsage().rss;
      const { runs } = await ok<{ runs: { id: string; status: string; message: string | null }[] }>(c, 'training.runs', {});
      expect(runs.map((r) => [r.id, r.status]).sort()).toEqual(
        [
          [ids.runA, 'damaged'],
          [ids.runB, 'completed'],
        ].sort(),
      );
      expect(runs.find((r) => r.id === ids.runA)!.message).toMatch(/claims 4000000000 bytes of arrays but holds 0/);
      const cont = await c.call('training.continue', { runId: ids.runA, epochs: 5 });
      expect(cont.ok).toBe(false);
      if (!cont.ok) expect(cont.error).toMatchObject({ code: 'run.damaged' });
      const load = await c.call('training.loadWeights', { runId: ids.runA, which: 'final' });
      expect(load.ok).toBe(false);
      expect((await c.call('training.loadWeights', { runId: ids.runB, which: 'final' })).ok).toBe(true);
      expect(process.memoryUsage().rss - rss).toBeLessThan(100 * 1024 * 1024);
    } finally {
      c.close();
    }
  });

  it('a hot rollback journal is rolled back in a copy: the file opens as it was before the interrupted transaction', async () => {
    const h = corpus.find((f) => f.name === 'hot-journal')!;
    const c = client();
    try {
      const snap = await ok<{ network: { neurons: { bias: number; label: string }[] } }>(c, 'project.open', { path: h.file });
      const baseDb = new Database(base, { readonly: true });
      const labels = baseDb.prepare('SELECT label FROM neurons ORDER BY ord').pluck().all();
      baseDb.close();
      expect(snap.network.neurons.map((n) => n.label)).toEqual(labels);
      expect(snap.network.neurons.some((n) => n.bias === 42)).toBe(false);
    } finally {
      c.close();
    }
    expect(fs.existsSync(`${h.file}-journal`)).toBe(true);
  });

  it('runs the file calls running are interrupted; structure problems named; a view in place of a table is named', async () => {
    const c = client();
    try {
      await ok(c, 'project.open', { path: corpus.find((f) => f.name === 'run-status-running')!.file });
      const { runs } = await ok<{ runs: { status: string }[] }>(c, 'training.runs', {});
      expect(runs.map((r) => r.status)).toEqual(['interrupted', 'interrupted']);
      const view = await c.call('project.open', { path: corpus.find((f) => f.name === 'view-named-neurons')!.file });
      expect(view.ok ? '' : view.error.message).toBe('"view-named-neurons.neurite" cannot be opened: "neurons" in it is a view, not Neurite\'s table. A project file is data only; Neurite opens it only when its tables are exactly its own.');
      const gen = await c.call('project.open', { path: corpus.find((f) => f.name === 'generated-column')!.file });
      expect(gen.ok ? '' : gen.error.message).toMatch(/the table "neurons" has a generated column "big" \(computed by SQL\)/);
      const big = await c.call('project.open', { path: corpus.find((f) => f.name === 'million-neurons')!.file });
      expect(big.ok ? '' : big.error.message).toMatch(/^"million-neurons\.neurite" cannot be opened: its network has 1,000,0\d\d neurons; Neurite opens networks of at most 10,000\.$/);
    } finally {
      c.close();
    }
  });
});

describe('runs an older Neurite left running', () => {
  it('with history but no checkpoint: interrupted, and Continue starts it over with its stale history dropped', { timeout: 60_000 }, async () => {
    const file = path.join(tempDir('neurite-legacy-run-'), 'legacy.neurite');
    fs.copyFileSync(base, file);
    const raw = new Database(file);
    raw.prepare("UPDATE runs SET status = 'running', finished = NULL WHERE id = ?").run(ids.runA);
    raw.prepare('DELETE FROM checkpoints WHERE run_id = ?').run(ids.runA);
    raw.close();
    const c = client();
    try {
      await ok(c, 'project.open', { path: file });
      const { runs } = await ok<{ runs: { id: string; status: string; epochs: number }[] }>(c, 'training.runs', {});
      expect(runs.find((r) => r.id === ids.runA)).toMatchObject({ status: 'interrupted', epochs: 0 });
      await ok(c, 'training.continue', { runId: ids.runA, epochs: 2 });
      for (let i = 0; i < 600 && !c.events.some((e) => e.event === 'training.done'); i++) await new Promise((r) => setTimeout(r, 50));
      const { run, history } = await ok<{ run: { status: string; epochs: number }; history: Record<string, [number, number][]> }>(c, 'training.run', { runId: ids.runA });
      expect(run).toMatchObject({ status: 'completed', epochs: 2 });
      expect(history['train.loss'].map(([e]) => e)).toEqual([1, 2]);
    } finally {
      c.close();
    }
  });
});

describe('hostile project files through the CLI', () => {
  /** Runs the real command line (through tsx, as `npm test` has no build yet) and returns its exit code, output and time. */
  function cli(args: string[]): Promise<{ code: number | null; out: string; err: string; ms: number }> {
    const t0 = Date.now();
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src-main/cli/neurite.ts'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    return new Promise((resolve) =>
      child.once('close', (code) => {
        clearTimeout(timer);
        resolve({ code, out, err, ms: Date.now() - t0 });
      }),
    );
  }

  it('neurite eval on one file of every kind: a result or one sentence, exit 0 or 1, the file unchanged', { timeout: 600_000 }, async () => {
    const startup = (await cli(['--help'])).ms;
    // One file of every kind (each command line start costs a second or more; the dispatcher test above opens them all).
    const names = [
      'trigger-deletes-everything', 'view-named-neurons', 'generated-column', 'virtual-table-unknown-module', 'checkpoint-lengths-lie-5e8', 'weight-infinite',
      'million-neurons', 'sql-in-labels', 'dangling-synapse', 'cycle', 'duplicate-neuron-ids', 'hot-journal', 'bad-journal-2', 'utf16', 'dataset-spec-not-json',
      'run-config-not-json', 'wrong-type-in-strict-column', 'flip-3', 'flip-20', 'truncate-10', 'swap-pages-5', 'blank-page-1', 'header-field-1', 'empty',
    ];
    const picked = names.map((n) => corpus.find((h) => h.name === n)!);
    const lines: string[] = [];
    const queue = [...picked];
    const lane = async () => {
      for (let h = queue.shift(); h; h = queue.shift()) {
        const before = hashWithSidecars(h.file);
        // Files whose runs were tampered with are evaluated with that run's weights.
        const run = /^(checkpoint|run)-/.test(h.name) ? ['--run', ids.runA] : [];
        const r = await cli(['eval', h.file, '--dataset', ids.datasetB, ...run]);
        expect([0, 1], `${h.name}: ${r.err}`).toContain(r.code);
        if (r.code === 1) {
          const lines1 = r.err.trim().split('\n').filter((l) => !l.startsWith('neurite: warning:'));
          expect(lines1, `${h.name}: ${r.err}`).toHaveLength(1);
          expect(lines1[0]).toMatch(/^neurite: \S/);
          expect(r.err).not.toMatch(/Internal error|\n\s+at /);
        } else expect(r.out, h.name).toMatch(/^train: rows=/);
        expect(r.ms - startup, `${h.name}: ${r.ms} ms (start-up ${startup} ms)`).toBeLessThan(10_000);
        expect(hashWithSidecars(h.file), `${h.name} was changed by neurite eval`).toBe(before);
        lines.push(`${h.name}: exit ${r.code} ${(r.code ? r.err : r.out).trim().split('\n').at(-1)!.slice(0, 140)}`);
      }
    };
    await Promise.all([lane(), lane()]);
    console.log(`neurite eval over ${picked.length} hostile files (start-up ${startup} ms):\n${lines.sort().join('\n')}`);
  });

  it('neurite train on the file with a trigger keeps every dataset and run', { timeout: 120_000 }, async () => {
    const file = path.join(tempDir('neurite-cli-trigger-'), 'trigger.neurite');
    fs.copyFileSync(corpus.find((f) => f.name === 'trigger-deletes-everything')!.file, file);
    const r = await cli(['train', file, '--epochs', '2', '--dataset', ids.datasetB]);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/neurite: warning: .*trigger "t" on neurons/);
    const after = counts(file);
    expect(after.objects).toEqual([]);
    expect(after.datasets).toBe(baseCounts.datasets);
    expect(after.runs).toBe(baseCounts.runs + 1);
  });
});
