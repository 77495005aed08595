/**
 * The desktop app's first seconds, without the Electron binary: the BUILT main process
 * (electron-vite's out/main/index.js) starts in a child process with `electron` resolved to the
 * recording stand-in beside this file, and is driven as Electron, the OS, the user and the
 * renderer would drive it. See README.md in this folder.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildDesktop, ROOT, startDesktop, type Desktop, type DesktopBuild } from './harness';
import type { MenuView, Sender, WindowView } from './messages';

const require = createRequire(import.meta.url);
/** better-sqlite3's own addon (built for Node), standing in for the Electron build `npm start` fetches. */
const NODE_SQLITE_BINDING = join(dirname(require.resolve('better-sqlite3/package.json')), 'build/Release/better_sqlite3.node');
const PACKAGE = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
const APP_INDEX = 'neurite://app/index.html';

type Reply = { ok: true; result: Record<string, unknown> } | { ok: false; error: { code: string; message: string } };

let build: DesktopBuild;
beforeAll(async () => {
  build = await buildDesktop();
}, 180_000);
afterAll(() => build?.dispose());

const plain = (label: string | undefined) => (label ?? '').replace(/&/g, '');
function submenu(menu: MenuView[] | null, ...labels: string[]): MenuView[] {
  let items = menu ?? [];
  for (const label of labels) {
    const item = items.find((i) => plain(i.label) === label);
    expect(item, `menu item ${labels.join(' › ')}`).toBeDefined();
    items = item!.submenu ?? [];
  }
  return items;
}
const eventsOf = (win: WindowView, name: string) =>
  win.sent.filter((m) => m.channel === 'neurite:event' && (m.args[0] as { event: string }).event === name).map((m) => (m.args[0] as { payload: unknown }).payload);

/** The CSP every renderer response must carry: scripts only from the app, nothing inline or evaluated, no plugins or framing. */
function expectStrictCsp(csp: string | undefined) {
  expect(csp).toBeTruthy();
  const directives = new Map(csp!.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
  expect(directives.get('default-src')).toEqual(["'self'"]);
  expect(directives.get('script-src')).toEqual(["'self'"]);
  expect(directives.get('object-src')).toEqual(["'none'"]);
  expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
  expect(directives.get('base-uri')).toEqual(["'none'"]);
  expect(csp).not.toContain('unsafe-eval');
}

describe('the built main process under the Electron stand-in', () => {
  let desktop: Desktop;
  let tmp: string;
  let saved: string;
  const request = (channel: unknown, payload: unknown, sender: Sender = {}) => desktop.call('invoke', sender, channel, payload) as Promise<Reply>;
  const ok = async (channel: string, payload: unknown = {}) => {
    const reply = await request(channel, payload);
    expect(reply, `${channel}: ${JSON.stringify(reply).slice(0, 300)}`).toMatchObject({ ok: true });
    return (reply as { result: Record<string, unknown> }).result;
  };
  const window0 = async () => (await desktop.call('snapshot')).windows[0];

  beforeAll(async () => {
    tmp = realpathSync(mkdtempSync(join(tmpdir(), 'neurite-desktop-start-')));
    desktop = await startDesktop(build, { env: { NEURITE_USER_DATA: join(tmp, 'user-data'), NEURITE_SQLITE_BINDING: NODE_SQLITE_BINDING } });
  }, 60_000);
  afterAll(async () => {
    await desktop?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });
  afterEach(async () => {
    if (!desktop) return;
    const s = await desktop.call('snapshot');
    // Anything Electron would have thrown on, and any crash of main, fails the step that caused it.
    expect(s.misuse, desktop.output()).toEqual([]);
    expect(s.crashes, desktop.output()).toEqual([]);
    expect(s.exitCalls).toEqual([]);
  });

  it('prepares what Electron only accepts before ready: the privileged app scheme, the state folder, one instance', () => {
    const before = desktop.beforeReady;
    expect(before.electronVersion).toMatch(/^\d+\./);
    expect(before.privilegedSchemes).toEqual([{ scheme: 'neurite', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
    expect(before.setPathCalls).toContainEqual({ name: 'userData', path: join(tmp, 'user-data'), beforeReady: true });
    expect(existsSync(join(tmp, 'user-data'))).toBe(true);
    expect(before.singleInstanceLockRequested).toBe(true);
    expect(before.windows).toEqual([]);
    expect(before.invokeChannels).toEqual([]);
  });

  it('opens one window, sandboxed and isolated, with the CommonJS preload, and shows it once its page loaded', () => {
    const { windows } = desktop.afterStart;
    expect(windows).toHaveLength(1);
    const win = windows[0];
    const prefs = win.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInSubFrames: false, webSecurity: true, webviewTag: false });
    expect(prefs.allowRunningInsecureContent).not.toBe(true);
    expect(prefs.experimentalFeatures).not.toBe(true);
    const preload = prefs.preload as string;
    expect(preload).toBe(join(build.dir, 'preload', 'preload.cjs'));
    const preloadText = readFileSync(preload, 'utf8');
    expect(preloadText).toContain('exposeInMainWorld');
    expect(preloadText).not.toMatch(/^\s*(import|export)\s/m);
    expect(win.options.show).toBe(false);
    expect(win.loads).toEqual([{ url: APP_INDEX, status: 200 }]);
    expect(win.visible).toBe(true);
    expect(win.hasWindowOpenHandler).toBe(true);
  });

  it('sets the application menu, whose items reach the renderer as menu commands', async () => {
    const { menu } = desktop.afterStart;
    const top = (menu ?? []).map((i) => plain(i.label));
    expect(top).toEqual(expect.arrayContaining(['File', 'Edit', 'View', 'Training', 'Help']));
    const file = submenu(menu, 'File').map((i) => i.label);
    expect(file).toEqual(expect.arrayContaining(['New', 'Open…', 'Open Recent', 'Save', 'Save As…', 'Close']));
    expect(submenu(menu, 'Help').map((i) => i.label)).toContain('Keyboard Shortcuts');
    expect(await desktop.call('menuClick', ['File', 'New'])).toEqual({ found: true });
    expect(await desktop.call('menuClick', ['Training', 'Train'])).toEqual({ found: true });
    const commands = eventsOf(await window0(), 'menu.command');
    expect(commands).toEqual([{ command: 'file.new' }, { command: 'train.start' }]);
  });

  it('serves index.html, its script and its style through the app protocol, each with the CSP', async () => {
    const index = await desktop.call('fetch', APP_INDEX);
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toMatch(/^text\/html/);
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    expectStrictCsp(index.headers['content-security-policy']);
    const script = /<script[^>]+src="([^"]+)"/.exec(index.body)?.[1];
    const style = /<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/.exec(index.body)?.[1];
    expect(script && style, index.body).toBeTruthy();
    for (const [ref, type] of [
      [script!, /^text\/javascript/],
      [style!, /^text\/css/],
    ] as const) {
      const asset = await desktop.call('fetch', new URL(ref, APP_INDEX).href);
      expect(asset.status, ref).toBe(200);
      expect(asset.headers['content-type']).toMatch(type);
      expect(asset.body.length).toBeGreaterThan(1000);
      expectStrictCsp(asset.headers['content-security-policy']);
    }
    // The root is the page; writes are not a thing the app protocol does.
    expect((await desktop.call('fetch', 'neurite://app/')).status).toBe(200);
    expect((await desktop.call('fetch', APP_INDEX, 'POST')).status).toBe(405);
    expect((await desktop.call('fetch', 'neurite://app/missing.js')).status).toBe(404);
  });

  it('refuses paths out of the renderer folder and other hosts', async () => {
    // Real files just outside the renderer folder: a 404 here is the check, not a missing file.
    expect(existsSync(join(build.dir, 'main', 'index.js'))).toBe(true);
    expect(existsSync(join(build.dir, 'preload', 'preload.cjs'))).toBe(true);
    for (const url of [
      'neurite://app/..%2fmain%2findex.js',
      'neurite://app/%2e%2e%2fpreload%2fpreload.cjs',
      'neurite://app/assets/..%2f..%2fmain%2findex.js',
      'neurite://app/..%5cmain%5cindex.js',
      `neurite://app/${encodeURIComponent(join(build.dir, 'main', 'index.js'))}`,
      'neurite://app/index.html%00.js',
      'neurite://other/index.html',
      'neurite://app.example.com/index.html',
    ]) {
      const r = await desktop.call('fetch', url);
      expect(r.status, url).toBe(404);
      expect(r.body, url).not.toMatch(/electron|exposeInMainWorld/);
      expectStrictCsp(r.headers['content-security-policy']);
    }
  });

  it('puts the CSP and nosniff on every response of the session', async () => {
    const headers = await desktop.call('headers', APP_INDEX, { 'Content-Type': ['text/html'] });
    expect(headers?.['Content-Type']).toEqual(['text/html']);
    expect(headers?.['X-Content-Type-Options']).toEqual(['nosniff']);
    expectStrictCsp(headers?.['Content-Security-Policy']?.[0]);
  });

  it('refuses new windows, navigation away from the app, and webviews', async () => {
    for (const url of ['https://example.com/', APP_INDEX, 'file:///etc/passwd']) {
      expect(await desktop.call('windowOpen', 0, url), url).toEqual({ action: 'deny' });
    }
    for (const url of ['https://example.com/', 'file:///etc/passwd', 'neurite://other/index.html', 'javascript:alert(1)']) {
      expect(await desktop.call('navigate', 0, 'will-navigate', url), url).toEqual({ prevented: true });
      expect(await desktop.call('navigate', 0, 'will-redirect', url), url).toEqual({ prevented: true });
    }
    // Reloading its own page is allowed.
    expect(await desktop.call('navigate', 0, 'will-navigate', APP_INDEX)).toEqual({ prevented: false });
    expect(await desktop.call('attachWebview', 0)).toEqual({ prevented: true });
  });

  it('denies every permission the page could ask for', async () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'midi', 'openExternal']) {
      expect(await desktop.call('permission', 0, permission), permission).toEqual({ granted: false, checked: false });
    }
  });

  it('answers app info, a new project and an example dataset', async () => {
    expect(await ok('app.info')).toMatchObject({ name: 'Neurite', version: PACKAGE.version, mode: 'electron', platform: process.platform });
    const project = await ok('project.new');
    expect(project).toMatchObject({ path: null, name: 'Untitled' });
    expect(project.network).toMatchObject({ neurons: [], synapses: [] });
    const example = await ok('dataset.example', { kind: 'xor', size: 40, seed: 3 });
    expect(example.meta).toMatchObject({ rowCount: 40 });
    expect((example.network as { neurons: unknown[] }).neurons.length).toBeGreaterThan(2);
    expect(await ok('dataset.list')).toHaveLength(1);
  });

  it('saves the project to a real SQLite file and opens it again', async () => {
    await ok('project.new');
    const network = (await ok('dataset.example', { kind: 'circles', size: 50, seed: 1 })).network as { neurons: unknown[]; synapses: unknown[] };
    saved = join(tmp, 'saved', 'circles.neurite');
    mkdirSync(dirname(saved));
    expect(await ok('project.save', { network, path: saved })).toMatchObject({ path: saved, name: 'circles' });
    expect(readFileSync(saved).subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');
    expect(existsSync(`${saved}-wal`) || existsSync(`${saved}-journal`)).toBe(false);
    const datasets = await ok('dataset.list');
    expect(datasets).toEqual([expect.objectContaining({ name: expect.stringMatching(/circles/i) })]);
    await ok('project.new');
    expect(await ok('dataset.list')).toHaveLength(0);
    const reopened = await ok('project.open', { path: saved });
    expect(reopened).toMatchObject({ path: saved, name: 'circles' });
    expect(reopened.network).toEqual(network);
    expect(await ok('dataset.list')).toEqual(datasets);
    // The menu was rebuilt with the project under Open Recent, and choosing it asks the renderer to open it.
    const s = await desktop.call('snapshot');
    expect(s.menusSet).toBeGreaterThan(desktop.afterStart.menusSet);
    expect(submenu(s.menu, 'File', 'Open Recent')).toContainEqual(expect.objectContaining({ label: 'circles', sublabel: saved }));
    expect(await desktop.call('menuClick', ['File', 'Open Recent', 'circles'])).toEqual({ found: true });
    expect(eventsOf(await window0(), 'project.openPath')).toEqual([{ path: saved }]);
  });

  it('asks for a project path with the native dialog of the window', async () => {
    const target = join(tmp, 'picked.neurite');
    await desktop.call('answerDialog', { canceled: false, filePath: target });
    expect(await ok('project.pickPath', { mode: 'save', suggestedName: 'net.neurite' })).toEqual({ path: target });
    expect(await ok('project.pickPath', { mode: 'open' })).toEqual({ path: null });
    const dialogs = (await desktop.call('snapshot')).dialogs;
    expect(dialogs.map((d) => d.kind)).toEqual(['save', 'open']);
    for (const d of dialogs) {
      expect(d.parentIsWindow).toBe(true);
      expect(d.options.filters).toEqual([{ name: 'Neurite project', extensions: ['neurite'] }]);
    }
  });

  it('refuses requests from frames that are not its own page', async () => {
    const forbidden = { ok: false, error: expect.objectContaining({ code: 'forbidden' }) };
    const untrusted: Sender[] = [
      { subframe: true },
      { frameUrl: 'https://example.com/' },
      { frameUrl: 'file:///etc/passwd' },
      { frameUrl: 'neurite://other/index.html' },
      { foreign: true },
    ];
    for (const sender of untrusted) {
      expect(await request('app.info', {}, sender), JSON.stringify(sender)).toEqual(forbidden);
      expect(await request('project.open', { path: saved }, sender), JSON.stringify(sender)).toEqual(forbidden);
    }
  });

  it('refuses malformed requests with a reason, and keeps answering', async () => {
    const refused = async (channel: unknown, payload: unknown, code: string) => {
      const reply = await request(channel, payload);
      expect(reply, `${String(channel)} ${JSON.stringify(payload)?.slice(0, 80)}`).toEqual({ ok: false, error: { code, message: expect.any(String) } });
    };
    await refused('no.such.channel', {}, 'unknown-channel');
    await refused(42, {}, 'unknown-channel');
    await refused('__proto__', {}, 'unknown-channel');
    await refused('app.info', null, 'invalid-payload');
    await refused('project.new', { extra: 1 }, 'invalid-payload');
    await refused('project.open', { path: 42 }, 'invalid-payload');
    await refused('project.open', { path: 'x'.repeat(5000) }, 'invalid-payload');
    await refused('project.save', { network: { neurons: 'all of them' }, path: join(tmp, 'bad.neurite') }, 'invalid-payload');
    await refused('project.open', { path: 'relative.neurite' }, 'project.badPath');
    expect(existsSync(join(tmp, 'bad.neurite'))).toBe(false);
    expect(await ok('app.info')).toMatchObject({ mode: 'electron' });
  });

  it('passes a project path from a second launch, or from the OS, to the renderer as project.openPath', async () => {
    await desktop.call('minimize', 0);
    const before = eventsOf(await window0(), 'project.openPath').length;
    // `neurite saved/circles.neurite` launched again from tmp: the first instance opens it, restored and focused.
    await desktop.call('appEvent', 'second-instance', [['/usr/lib/neurite/electron', '--some-flag', 'notes.txt', join('saved', 'circles.neurite')], tmp]);
    // Arguments that are not an existing project change nothing.
    await desktop.call('appEvent', 'second-instance', [['/usr/lib/neurite/electron', join(tmp, 'absent.neurite')], tmp]);
    const opened = await desktop.call('appEvent', 'open-file', [saved]);
    expect(opened.prevented).toBe(true);
    const win = await window0();
    expect(eventsOf(win, 'project.openPath').slice(before)).toEqual([{ path: saved }, { path: saved }]);
    expect(win.restoreCount).toBeGreaterThan(0);
    expect(win.focusCount).toBeGreaterThan(0);
  });

  it('asks the renderer before the window closes, and closes when it answers', async () => {
    const quitsBefore = (await desktop.call('snapshot')).quitCalls;
    expect(await desktop.call('close', 0)).toEqual({ prevented: true });
    let win = await window0();
    expect(win.destroyed).toBe(false);
    expect(eventsOf(win, 'app.closeRequested')).toEqual([{}]);
    await ok('app.closeWindow');
    const s = await desktop.call('snapshot');
    win = s.windows[0];
    expect(win.destroyed).toBe(true);
    expect(win.closeAttempts).toEqual([{ prevented: true }, { prevented: false }]);
    if (process.platform !== 'darwin') expect(s.quitCalls).toBe(quitsBefore + 1);
  });

  it('opens a new window on activate, and lets a crashed one close without asking', async () => {
    await desktop.call('appEvent', 'activate', []);
    let s = await desktop.call('snapshot');
    expect(s.windows).toHaveLength(2);
    expect(s.windows[1].loads).toEqual([{ url: APP_INDEX, status: 200 }]);
    await desktop.call('crash', 1);
    expect(await desktop.call('close', 1)).toEqual({ prevented: false });
    s = await desktop.call('snapshot');
    expect(s.windows[1].destroyed).toBe(true);
    expect(eventsOf(s.windows[1], 'app.closeRequested')).toEqual([]);
  });
});

describe('the built main process without the SQLite module built for Electron', () => {
  let desktop: Desktop;
  let tmp: string;
  let project: string;
  const request = (channel: string, payload: unknown = {}) => desktop.call('invoke', {}, channel, payload) as Promise<Reply>;

  beforeAll(async () => {
    tmp = realpathSync(mkdtempSync(join(tmpdir(), 'neurite-desktop-nosqlite-')));
    // An app folder without .electron-native/, as after an `npm start` that could not fetch the module.
    mkdirSync(join(tmp, 'app'));
    project = join(tmp, 'fixture.neurite');
    copyFileSync(join(ROOT, 'src-main/services/project/fixtures/v1.neurite'), project);
    desktop = await startDesktop(build, { env: { NEURITE_USER_DATA: join(tmp, 'user-data'), NEURITE_STANDIN_APP_PATH: join(tmp, 'app') }, argv: [project] });
  }, 60_000);
  afterAll(async () => {
    await desktop?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('starts: its window shows the page and the menu is there', () => {
    const s = desktop.afterStart;
    expect(s.windows).toHaveLength(1);
    expect(s.windows[0].loads).toEqual([{ url: APP_INDEX, status: 200 }]);
    expect(s.windows[0].visible).toBe(true);
    expect((s.menu ?? []).map((i) => plain(i.label))).toContain('File');
    expect(s.crashes).toEqual([]);
  });

  it('says projects cannot be opened, naming the missing module, and keeps answering', async () => {
    expect(await request('app.info')).toMatchObject({ ok: true, result: { mode: 'electron' } });
    // The project it was launched with is still handed to the renderer, which then learns why it cannot open.
    expect(await request('app.startupPath')).toEqual({ ok: true, result: { path: project } });
    const missing = join(tmp, 'app', '.electron-native', 'better_sqlite3.node');
    for (const [channel, payload] of [
      ['project.new', {}],
      ['project.open', { path: project }],
    ] as const) {
      const reply = await request(channel, payload);
      // A sentence for the user (project.open puts the file's name first, under a code of its own), not an internal error.
      expect(reply, channel).toEqual({ ok: false, error: { code: expect.any(String), message: expect.stringContaining('cannot open projects') } });
      const { code, message } = (reply as { error: { code: string; message: string } }).error;
      expect(code).not.toBe('internal');
      expect(message).toContain(missing);
    }
    expect(await request('dataset.example', { kind: 'xor' })).toMatchObject({ ok: false });
    expect(await request('app.info')).toMatchObject({ ok: true });
    const s = await desktop.call('snapshot');
    expect(s.crashes, desktop.output()).toEqual([]);
    expect(s.misuse).toEqual([]);
    // Nothing was written beside the project or into the app folder.
    expect(readdirSync(tmp).sort()).toEqual(['app', 'fixture.neurite', 'user-data']);
    expect(readdirSync(join(tmp, 'app'))).toEqual([]);
  });
});

describe('a second launch of the built main process', () => {
  it('leaves the first instance in charge: it quits without a window', async () => {
    const tmp = realpathSync(mkdtempSync(join(tmpdir(), 'neurite-desktop-second-')));
    const desktop = await startDesktop(build, { env: { NEURITE_USER_DATA: join(tmp, 'user-data'), NEURITE_SQLITE_BINDING: NODE_SQLITE_BINDING, NEURITE_STANDIN_LOCK: 'taken' } });
    try {
      const s = await desktop.call('snapshot');
      expect(s.singleInstanceLockRequested).toBe(true);
      expect(s.quitCalls).toBe(1);
      expect(s.windows).toEqual([]);
      expect(s.invokeChannels).toEqual([]);
    } finally {
      await desktop.stop();
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
