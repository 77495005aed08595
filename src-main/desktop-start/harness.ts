/**
 * The test's side: builds the app once with the project's electron-vite config into a private
 * folder (so a stale out/ is never what gets tested, and an out/ in use is never rewritten), and
 * starts the built main process in a child (driver.ts) whose calls it forwards.
 */
import { execFile, fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Call, ChildMessage, Ops, Snapshot } from './messages';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A build of main, preload and renderer: `<dir>/main/index.js`, `<dir>/preload/preload.cjs`, `<dir>/renderer/`. */
export interface DesktopBuild {
  dir: string;
  mainJs: string;
  /** Removes the build unless it was given (NEURITE_DESKTOP_OUT). */
  dispose(): void;
}

/**
 * `electron-vite build --outDir` into node_modules/.cache (inside the repository, so the
 * externalised dependencies resolve from node_modules as they do from out/). With
 * NEURITE_DESKTOP_OUT=out (or any build folder) that build is tested as it is instead.
 */
export async function buildDesktop(): Promise<DesktopBuild> {
  const given = process.env.NEURITE_DESKTOP_OUT;
  if (given) {
    const dir = join(ROOT, given);
    return { dir, mainJs: join(dir, 'main/index.js'), dispose: () => {} };
  }
  const cache = join(ROOT, 'node_modules/.cache/neurite-desktop-start');
  mkdirSync(cache, { recursive: true });
  // Builds an interrupted run left behind (a run removes its own when it ends).
  for (const name of readdirSync(cache)) {
    const old = join(cache, name);
    if (name.startsWith('build-') && Date.now() - statSync(old).mtimeMs > 3_600_000) rmSync(old, { recursive: true, force: true });
  }
  const dir = mkdtempSync(join(cache, 'build-'));
  const bin = join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js');
  try {
    await promisify(execFile)(process.execPath, [bin, 'build', '--outDir', dir, '--logLevel', 'warn'], { cwd: ROOT, timeout: 120_000, maxBuffer: 16 << 20 });
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    const { stdout, stderr } = e as { stdout?: string; stderr?: string };
    throw new Error(`electron-vite build failed:\n${stdout ?? ''}${stderr ?? ''}\n${e}`);
  }
  return { dir, mainJs: join(dir, 'main/index.js'), dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The built main process running under the stand-in. */
export interface Desktop {
  /** What the stand-in recorded before `ready`, and once the first window had loaded its page. */
  beforeReady: Snapshot;
  afterStart: Snapshot;
  call<K extends keyof Ops>(op: K, ...args: Parameters<Ops[K]>): Promise<Awaited<ReturnType<Ops[K]>>>;
  /** What main printed (console.error and the like). */
  output(): string;
  stop(): Promise<void>;
}

/** Options of one start: environment on top of a cleaned copy of ours, extra command-line arguments. */
export interface StartOptions {
  env: Record<string, string | undefined>;
  argv?: string[];
}

/** Starts `build`'s main process in a child under the stand-in and waits until its first window loaded. */
export async function startDesktop(build: DesktopBuild, { env, argv = [] }: StartOptions): Promise<Desktop> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  // A dev-server URL would make the app load it instead of the built renderer; the runner's own variables and Node options stay out.
  const runnerOnly = (key: string) => key.startsWith('VITEST') || key === 'NODE_ENV' || key === 'TEST';
  for (const key of Object.keys(childEnv)) if (runnerOnly(key)) delete childEnv[key];
  for (const key of ['ELECTRON_RENDERER_URL', 'NODE_OPTIONS', 'NEURITE_SQLITE_BINDING', 'NEURITE_USER_DATA', 'NEURITE_STANDIN_APP_PATH', 'NEURITE_STANDIN_LOCK']) delete childEnv[key];
  Object.assign(childEnv, env, { NEURITE_DESKTOP_MAIN: build.mainJs });
  const child: ChildProcess = fork(fileURLToPath(new URL('./driver.ts', import.meta.url)), argv, {
    cwd: ROOT,
    env: childEnv,
    execArgv: ['--import', 'tsx'],
    serialization: 'advanced',
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));

  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const started = new Promise<{ beforeReady: Snapshot; afterStart: Snapshot }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The built main process did not start within 30 s.\n${output}`)), 30_000);
    child.on('message', (m: ChildMessage) => {
      if (m.kind === 'started') {
        clearTimeout(timer);
        resolve(m);
      } else if (m.kind === 'failed') {
        clearTimeout(timer);
        reject(new Error(`The built main process failed to start: ${m.error}\n${output}`));
      } else {
        const p = pending.get(m.id);
        pending.delete(m.id);
        if (m.ok) p?.resolve(m.value);
        else p?.reject(new Error(m.error));
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`The built main process exited (${code ?? signal}) before it started.\n${output}`));
      for (const p of pending.values()) p.reject(new Error(`The built main process exited (${code ?? signal}).\n${output}`));
    });
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      if (child.connected) child.disconnect();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
  };
  let snapshots: { beforeReady: Snapshot; afterStart: Snapshot };
  try {
    snapshots = await started;
  } catch (e) {
    await stop();
    throw e;
  }
  return {
    ...snapshots,
    call: (op, ...args) =>
      new Promise((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        const call: Call = { id, op, args };
        child.send(call);
      }),
    output: () => output,
    stop,
  };
}
