/**
 * Odd file system objects and odd names against every channel and CLI command that takes a
 * path or a name: symbolic links (out of the folder, dangling, to a folder), a FIFO, a socket,
 * a device, a folder, `..`, NUL, a line break and a 4,000-character name. Each must answer
 * within a few seconds with a sentence (never `internal`), and nothing may appear outside the
 * projects folder. A watchdog opens every FIFO for writing after a delay, so code that blocks
 * on one shows up as a slow answer instead of hanging the test run.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../src-shared/api';
import { makeExample } from '../../src-shared/data/examples';
import { createDispatcher } from './dispatch';
import { handlers } from './handlers';
import { createSession, type Session } from './session';
import { closeSession, newProject, saveProject, workingDatabase } from './project/service';
import { saveDataset } from './dataset/store';
import { removeTempDirs, tempDir } from './project/test-helpers';

const base = tempDir('neurite-hostile-');
const projects = path.join(base, 'projects');
const outside = path.join(base, 'outside');
const elsewhere = path.join(base, 'elsewhere');
const P = (name: string) => path.join(projects, name);

const logged: string[] = [];
const dispatch = createDispatcher(handlers, (m, e) => logged.push(`${m}: ${String(e)}`));
const closers: (() => void)[] = [];
const watchdogs: ChildProcess[] = [];
const servers: net.Server[] = [];

function session(mode: 'browser' | 'electron'): Session {
  const made = createSession({ mode, projectsDir: mode === 'browser' ? projects : null, stateDir: fs.mkdtempSync(path.join(base, 'state-')), emit: () => {} });
  closers.push(() => {
    closeSession(made.session);
    made.close();
  });
  return made.session;
}

/** Every file name under a folder, recursively (what "nothing written there" is checked against). */
function tree(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[]).sort();
}

function mkfifo(file: string): void {
  const r = spawnSync('mkfifo', [file]);
  if (r.status !== 0) throw new Error(`mkfifo failed: ${r.stderr}`);
  // Opens the FIFO for writing after 6 s: a reader stuck on it is then released (and answers late).
  watchdogs.push(spawn('sh', ['-c', `sleep 6; exec 3>"${file}"; sleep 1`], { stdio: 'ignore' }));
}

async function listenSocket(file: string): Promise<void> {
  const server = net.createServer((c) => c.end());
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(file, resolve));
}

/** One request against a timer: the reply, how long it took, and a check that it is a sentence, not a crash or a hang. */
async function ask(s: Session, channel: string, payload: unknown): Promise<Reply> {
  const t0 = Date.now();
  const reply = await Promise.race([dispatch(channel, payload, s), new Promise<Reply>((r) => setTimeout(() => r({ ok: false, error: { code: 'timeout', message: 'no answer within 10 s' } }), 10_000))]);
  const ms = Date.now() - t0;
  const what = `${channel} ${JSON.stringify(payload).slice(0, 160)}`;
  expect(ms, `${what} took ${ms} ms`).toBeLessThan(3000);
  if (!reply.ok) {
    expect(reply.error.code, `${what}: ${reply.error.message}`).not.toMatch(/^(internal|timeout)$/);
    // A sentence for a person: no raw errno text ("ENOENT: no such file…"), no stack.
    expect(reply.error.message, what).not.toMatch(/\bE[A-Z]{3,}:|\n\s+at /);
    expect(reply.error.message.length, what).toBeGreaterThan(10);
  }
  return reply;
}

/** Asks and expects a refusal whose message matches. */
async function refused(s: Session, channel: string, payload: unknown, message?: RegExp): Promise<string> {
  const reply = await ask(s, channel, payload);
  expect(reply.ok, `${channel} ${JSON.stringify(payload).slice(0, 160)} should be refused`).toBe(false);
  if (reply.ok) return '';
  if (message) expect(reply.error.message).toMatch(message);
  return reply.error.message;
}

const LONG = 'n'.repeat(4000);
const ODD_NAMES = ['..', '../x', 'a/../../x', 'x\0y', 'new\nline', LONG, `${LONG}.neurite`, 'base.neurite/..'];

let browser: Session;
let network: ReturnType<typeof makeExample>['network'];

beforeAll(async () => {
  for (const d of [projects, outside, elsewhere]) fs.mkdirSync(d, { recursive: true });
  // A real project outside, and links to it; a dangling link to where an attacker wants a file.
  const maker = session('electron');
  newProject(maker);
  const example = makeExample('circles', { seed: 1, size: 60 });
  saveDataset(workingDatabase(maker), example.dataset);
  saveProject(maker, example.network, path.join(outside, 'real.neurite'));
  fs.copyFileSync(path.join(outside, 'real.neurite'), P('base.neurite'));
  fs.writeFileSync(path.join(outside, 'secret.csv'), 'a,b\n1,2\n3,4\n');
  fs.symlinkSync(path.join(outside, 'real.neurite'), P('link-out.neurite'));
  fs.symlinkSync(path.join(outside, 'secret.csv'), P('link-out.csv'));
  fs.symlinkSync(path.join(elsewhere, 'pwned.json'), P('dangling.json'));
  fs.symlinkSync(path.join(elsewhere, 'pwned.onnx'), P('dangling.onnx'));
  fs.symlinkSync(path.join(elsewhere, 'pwned.neurite'), P('dangling.neurite'));
  fs.symlinkSync(elsewhere, P('linkdir'));
  fs.symlinkSync(P('loop-b.neurite'), P('loop-a.neurite'));
  fs.symlinkSync(P('loop-a.neurite'), P('loop-b.neurite'));
  fs.mkdirSync(P('folder.neurite'));
  fs.mkdirSync(P('folder.csv'));
  mkfifo(P('pipe.neurite'));
  for (let i = 0; i < 5; i++) mkfifo(P(`pipe${i}.csv`));
  await listenSocket(P('sock.neurite'));
  await listenSocket(P('sock.csv'));

  browser = session('browser');
  await ask(browser, 'project.new', {});
  const ex = await ask(browser, 'dataset.example', { kind: 'circles', size: 60, seed: 1 });
  if (!ex.ok) throw new Error(ex.error.message);
  network = (ex.result as { network: typeof network }).network;
});

afterAll(async () => {
  closers.forEach((c) => c());
  for (const w of watchdogs) w.kill('SIGKILL');
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  removeTempDirs();
});

describe('nothing outside the projects folder is read or written (browser mode)', () => {
  it('project.open refuses links out, a FIFO, a socket, a folder, a loop and odd names at once', async () => {
    await refused(browser, 'project.open', { path: 'link-out.neurite' }, /leads outside the projects folder/);
    await refused(browser, 'project.open', { path: 'pipe.neurite' }, /"pipe\.neurite" is a named pipe \(FIFO\), not a Neurite project file/);
    await refused(browser, 'project.open', { path: 'sock.neurite' }, /"sock\.neurite" is a socket/);
    await refused(browser, 'project.open', { path: 'folder.neurite' }, /is a folder/);
    await refused(browser, 'project.open', { path: 'dangling.neurite' }, /not found/);
    await refused(browser, 'project.open', { path: 'loop-a.neurite' }, /loop of symbolic links/);
    await refused(browser, 'project.open', { path: 'base.neurite/x.neurite' }, /a part of its path is a file/);
    for (const name of ODD_NAMES) await refused(browser, 'project.open', { path: name });
    // The real one still opens: the checks refuse only what they should.
    expect((await ask(browser, 'project.open', { path: 'base.neurite' })).ok).toBe(true);
  });

  it('project.save never writes through a link or outside, and names odd targets in a sentence', async () => {
    const before = tree(outside);
    await refused(browser, 'project.save', { network, path: 'link-out.neurite' }, /leads outside/);
    await refused(browser, 'project.save', { network, path: 'pipe.neurite' }, /named pipe/);
    await refused(browser, 'project.save', { network, path: 'sock.neurite' }, /socket/);
    await refused(browser, 'project.save', { network, path: 'folder.neurite' }, /is a folder/);
    await refused(browser, 'project.save', { network, path: 'linkdir/x.neurite' }, /leads outside/);
    await refused(browser, 'project.save', { network, path: 'base.neurite/..' }, /without "\.\."|part of its path is a file/);
    await refused(browser, 'project.save', { network, path: 'base.neurite/inner' }, /part of its path is a file/);
    await refused(browser, 'project.save', { network, path: LONG }, /too long/);
    await refused(browser, 'project.save', { network, path: 'new\nline' }, /line break/);
    await refused(browser, 'project.save', { network, path: 'x\0y' }, /NUL/);
    // A dangling link is replaced by the saved file; its target is never created.
    const saved = await ask(browser, 'project.save', { network, path: 'dangling.neurite' });
    expect(saved.ok).toBe(true);
    expect(fs.lstatSync(P('dangling.neurite')).isFile()).toBe(true);
    expect(tree(elsewhere)).toEqual([]);
    expect(tree(outside)).toEqual(before);
  });

  it('exports create new files only: a dangling link, a link to a folder, a FIFO and odd names are refused', async () => {
    // The project open now (an earlier test may have opened another) holds the dataset the ONNX export names.
    const datasets = await ask(browser, 'dataset.list', {});
    if (!datasets.ok) throw new Error(datasets.error.message);
    const datasetId = (datasets.result as { id: string }[])[0].id;
    for (const channel of ['export.networkJson', 'export.onnx'] as const) {
      const payload = (name: string) => (channel === 'export.onnx' ? { network, datasetId, name } : { network, name });
      await refused(browser, channel, payload(channel === 'export.onnx' ? 'dangling.onnx' : 'dangling.json'), /already exists in the projects folder \(a symbolic link\)/);
      await refused(browser, channel, payload('pipe.neurite'), /already exists/);
      await refused(browser, channel, payload('linkdir'), /already exists/);
      for (const name of ODD_NAMES) await refused(browser, channel, payload(name));
    }
    await refused(browser, 'export.pytorch', { network, datasetId, name: 'linkdir' }, /linkdir already exists in the projects folder \(a symbolic link\)/);
    await refused(browser, 'export.pytorch', { network, datasetId, name: 'folder.csv' }, /already exists/);
    for (const name of ODD_NAMES) await refused(browser, 'export.pytorch', { network, datasetId, name });
    expect(tree(elsewhere)).toEqual([]);
    // A plain new name still works, and lands inside the folder.
    const ok = await ask(browser, 'export.networkJson', { network, name: 'fine.json' });
    expect(ok).toMatchObject({ ok: true });
    expect(fs.lstatSync(P('fine.json')).isFile()).toBe(true);
  });

  it('dataset.preview and import refuse a folder, FIFOs (several at once), a socket and links out without blocking', async () => {
    const options = {};
    await refused(browser, 'dataset.preview', { file: { path: 'folder.csv' }, options }, /"folder\.csv" is a folder, not a regular file/);
    await refused(browser, 'dataset.preview', { file: { path: 'sock.csv' }, options }, /socket/);
    await refused(browser, 'dataset.preview', { file: { path: 'link-out.csv' }, options }, /leads outside/);
    // Several FIFOs at once: each refused on the spot, so nothing waits in the thread pool.
    const t0 = Date.now();
    const replies = await Promise.all([0, 1, 2, 3, 4].map((i) => refused(browser, 'dataset.preview', { file: { path: `pipe${i}.csv` }, options }, /named pipe \(FIFO\)/)));
    expect(replies).toHaveLength(5);
    expect(Date.now() - t0).toBeLessThan(2000);
    for (const name of ODD_NAMES) await refused(browser, 'dataset.preview', { file: { path: name }, options });
    const columns = [{ name: 'a', type: 'numeric', role: 'feature', encoding: 'none', missing: 'drop' }];
    await refused(browser, 'dataset.import', { importId: 'i1', file: { path: 'pipe0.csv' }, options, columns, split: { train: 100, val: 0, test: 0, seed: 1 }, network }, /named pipe/);
  });

  it('uploads, recovery ids, dataset ids, run ids and dialogs take odd names as data, never as paths', async () => {
    for (const name of ODD_NAMES) {
      const up = await ask(browser, 'dataset.uploadStart', { name, size: 4 });
      // Only the 4,000-character name is refused (by the contract's length limit).
      expect(up.ok, name.slice(0, 20)).toBe(name.length <= 255);
      if (!up.ok) continue;
      const uploadId = (up.result as { uploadId: string }).uploadId;
      expect(await ask(browser, 'dataset.uploadChunk', { uploadId, offset: 0, data: Buffer.from('a\n1\n').toString('base64') })).toMatchObject({ ok: true });
      await ask(browser, 'dataset.preview', { file: { upload: uploadId, name }, options: {} });
      await ask(browser, 'dataset.uploadDiscard', { uploadId });
    }
    for (const id of ODD_NAMES) {
      await ask(browser, 'dataset.uploadChunk', { uploadId: id, offset: 0, data: '' });
      await ask(browser, 'dataset.uploadDiscard', { uploadId: id });
      await ask(browser, 'project.recover', { id });
      await ask(browser, 'project.discardRecovery', { id });
      await ask(browser, 'dataset.summary', { id });
      await ask(browser, 'dataset.page', { id, offset: 0, limit: 5 });
      await ask(browser, 'training.run', { runId: id });
      await ask(browser, 'training.loadWeights', { runId: id, which: 'final' });
      await ask(browser, 'project.pickPath', { mode: 'save', suggestedName: id });
      await ask(browser, 'export.importWeights', { network, datasetId: null, fileName: id, text: '{}' });
    }
    expect(tree(elsewhere)).toEqual([]);
  });

  it('an uploads folder replaced by a link is refused, not written through', async () => {
    const s = session('browser');
    fs.mkdirSync(s.stateDir, { recursive: true });
    fs.symlinkSync(elsewhere, path.join(s.stateDir, 'uploads'));
    await refused(s, 'dataset.uploadStart', { name: 'x.csv', size: 4 }, /is a symbolic link or not a folder; Neurite will not write through it/);
    expect(tree(elsewhere)).toEqual([]);
  });

  it('the recent list and the recovery journals are read only when they are regular files', async () => {
    const s = session('browser');
    const state = s.stateDir;
    mkfifo(path.join(state, 'recent.json'));
    const working = path.join(state, 'working', '00000000-0000-4000-8000-000000000000');
    fs.mkdirSync(working, { recursive: true });
    mkfifo(path.join(working, 'journal.json'));
    mkfifo(path.join(working, 'session.json'));
    mkfifo(path.join(working, 'lock'));
    // Nothing read from the FIFO: the list holds only the projects folder's own regular files.
    const recent = await ask(s, 'project.recent', {});
    const files = await ask(s, 'project.list', {});
    if (!recent.ok || !files.ok) throw new Error('project.recent or project.list failed');
    expect((files.result as { path: string }[]).map((f) => f.path)).toEqual(expect.arrayContaining((recent.result as { path: string }[]).map((r) => r.path)));
    expect(await ask(s, 'project.recovery', {})).toEqual({ ok: true, result: [] });
  });
});

describe('the desktop app (absolute paths) refuses devices and FIFOs the same way', () => {
  it('project.open and dataset.preview on /dev/zero, a FIFO and a folder answer at once', async () => {
    const desk = session('electron');
    await refused(desk, 'project.open', { path: '/dev/zero' }, /a device, not a Neurite project file/);
    await refused(desk, 'project.open', { path: P('pipe.neurite') }, /named pipe/);
    await refused(desk, 'dataset.preview', { file: { path: '/dev/zero' }, options: {} }, /"zero" is a device, not a regular file/);
    await refused(desk, 'dataset.preview', { file: { path: P('pipe1.csv') }, options: {} }, /named pipe/);
    await refused(desk, 'dataset.preview', { file: { path: P('folder.csv') }, options: {} }, /is a folder/);
    await refused(desk, 'project.save', { network, path: `${P('base.neurite')}/..` }, /part of its path is a file|is a folder/);
    await refused(desk, 'project.save', { network, path: path.join(projects, LONG) }, /too long/);
    await refused(desk, 'project.open', { path: 'relative.neurite' }, /not an absolute path/);
  });
});

describe('the CLI refuses odd files with a message instead of hanging', () => {
  const cli = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'cli', 'neurite.ts');
  const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], { encoding: 'utf8', timeout: 20_000 });

  it('train/eval on a FIFO, a socket, a folder, a device, a link loop and a long name; eval --csv on a FIFO and a folder', () => {
    const cases: [string[], RegExp][] = [
      [['eval', P('pipe.neurite')], /named pipe \(FIFO\)/],
      [['train', P('pipe.neurite')], /named pipe \(FIFO\)/],
      [['eval', P('sock.neurite')], /socket/],
      [['eval', P('folder.neurite')], /is a folder/],
      [['eval', '/dev/zero'], /a device/],
      [['eval', P('loop-a.neurite')], /No such project file|loop of symbolic links/],
      [['eval', path.join(projects, LONG)], /No such project file|too long/],
      [['eval', P('base.neurite'), '--csv', P('pipe2.csv')], /named pipe \(FIFO\)/],
      [['eval', P('base.neurite'), '--csv', P('folder.csv')], /is a folder/],
      [['eval', P('base.neurite'), '--csv', '/dev/zero'], /a device/],
    ];
    for (const [args, message] of cases) {
      const t0 = Date.now();
      const r = run(...args);
      expect(Date.now() - t0, args.join(' ')).toBeLessThan(15_000);
      expect(r.signal, `${args.join(' ')} hung`).toBeNull();
      expect(r.status, `${args.join(' ')}: ${r.stderr}`).toBe(1);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  }, 120_000);
});
