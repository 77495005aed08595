/**
 * The fixtures every e2e spec imports instead of @playwright/test's own `test`:
 * - `server`: `node out/main/serve.js` on a free port with a fresh projects folder for each test
 *   (so one test's unsaved edits never surface as another's recovery prompt);
 * - `browser` (worker): the system Chromium (see chromium.ts), never a downloaded one;
 * - `page`: the app, loaded and showing its canvas;
 * - `app`: the URL, the projects folder, and `restart()` for the server.
 * With NEURITE_E2E_ELECTRON=1, `page` is Electron's first window instead and the same specs run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, expect, chromium, _electron, type Browser, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './chromium';

/** The repository root (e2e/..). */
export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SERVE_JS = join(ROOT, 'out/main/serve.js');
const ELECTRON_MAIN = join(ROOT, 'out/main/index.js');

/** What a page shows once the app has started and loaded its first project (data-loads counts document loads). */
export const READY_SELECTOR = '[data-testid="canvas"]:not([data-loads="0"])';

/** True when the suite drives Electron instead of a browser. */
export const ELECTRON = process.env.NEURITE_E2E_ELECTRON === '1';

/** A running `serve.js` child process. */
export interface ServerHandle {
  /** The URL with its token, as serve.js printed it. */
  url: string;
  /** The URL without the token, for requests that must be refused. */
  origin: string;
  token: string;
  projectsDir: string;
  /** Everything serve.js wrote to stderr so far (for failure messages). */
  stderr(): string;
  stop(): Promise<void>;
}

/** Starts serve.js and resolves once it printed its URL line. */
export async function startServe(projectsDir: string, extraArgs: string[] = []): Promise<ServerHandle> {
  if (!existsSync(SERVE_JS)) throw new Error(`${SERVE_JS} is missing: run \`npm run build\` first.`);
  const child: ChildProcess = spawn(process.execPath, [SERVE_JS, '--port', '0', '--projects-dir', projectsDir, ...extraArgs], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve.js printed no URL within 20 s.\nstdout: ${out}\nstderr: ${err}`)), 20_000);
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /Neurite is running at (http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve.js exited with ${code} before printing its URL.\nstderr: ${err}`));
    });
  });
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: parsed.searchParams.get('token')!,
    projectsDir,
    stderr: () => err,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}

/** The app under test as a spec sees it. */
export interface AppHandle {
  /** The URL with its token (browser mode; empty in Electron mode). */
  readonly url: string;
  /** The folder browser-mode projects live in (fresh per test). */
  readonly projectsDir: string;
  /** Restarts serve.js on the same projects folder (new port and token); then `page.goto(app.url)`. */
  restart(): Promise<void>;
}

type WorkerFixtures = { browser: Browser };
type TestFixtures = {
  server: ServerHandle & { restart(): Promise<void> };
  app: AppHandle;
  page: Page;
  /** Set true (test.use) in a spec that tests the first-launch example; otherwise the app starts empty (`--no-example`). */
  firstLaunchExample: boolean;
  /** Set true (test.use) in a spec that provokes CSP violations on purpose; otherwise any violation fails the test. */
  cspViolationsAllowed: boolean;
};

/** Playwright's `test` with Neurite's fixtures. */
export const test = base.extend<TestFixtures, WorkerFixtures>({
  firstLaunchExample: [false, { option: true }],
  server: [
    async ({ firstLaunchExample }, use) => {
      const projectsDir = mkdtempSync(join(tmpdir(), 'neurite-e2e-'));
      const args = firstLaunchExample ? [] : ['--no-example'];
      let current = await startServe(projectsDir, args);
      const handle = {
        get url() {
          return current.url;
        },
        get origin() {
          return current.origin;
        },
        get token() {
          return current.token;
        },
        projectsDir,
        stderr: () => current.stderr(),
        stop: () => current.stop(),
        async restart() {
          await current.stop();
          current = await startServe(projectsDir, args);
        },
      };
      await use(handle);
      await current.stop();
    },
    { scope: 'test' },
  ],

  browser: [
    // eslint-disable-next-line no-empty-pattern -- as above.
    async ({}, use) => {
      const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true });
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],

  cspViolationsAllowed: [false, { option: true }],

  app: async ({ server }, use) => {
    await use({
      get url() {
        return ELECTRON ? '' : server.url;
      },
      projectsDir: server.projectsDir,
      restart: () => server.restart(),
    });
  },

  page: async ({ context, server, cspViolationsAllowed, firstLaunchExample }, use) => {
    if (ELECTRON) {
      const electronApp = await _electron.launch({ args: [ELECTRON_MAIN], cwd: ROOT, env: { ...process.env, NEURITE_USER_DATA: join(server.projectsDir, '.electron-state'), ...(firstLaunchExample ? {} : { NEURITE_NO_EXAMPLE: '1' }) } });
      const page = await electronApp.firstWindow();
      await expect(page.locator(READY_SELECTOR)).toBeVisible({ timeout: 20_000 });
      await use(page);
      await electronApp.close();
      return;
    }
    const page = await context.newPage();
    const errors: string[] = [];
    const cspViolations: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // A blocked script, style or connection means a feature silently broke under the CSP.
    page.on('console', (m) => {
      if (m.type() === 'error' && m.text().includes('Content Security Policy') && /violates|Refused to/.test(m.text())) cspViolations.push(m.text());
    });
    await page.goto(server.url);
    await expect(page.locator(READY_SELECTOR), `the app did not show its canvas; page errors: ${errors.join(' | ') || 'none'}; server stderr: ${server.stderr()}`).toBeVisible({ timeout: 20_000 });
    await use(page);
    if (!cspViolationsAllowed) expect(cspViolations, 'the page broke its Content-Security-Policy').toEqual([]);
  },
});

export { expect };
