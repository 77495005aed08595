/**
 * Where a worker_threads entry is. Built: `<name>.js` emitted into out/main/ by electron.vite.config.ts
 * (the bundler may place this module in out/main/chunks/, hence two candidates). From source (vitest,
 * tsx): the TypeScript file, loaded through tsx; Node 20 ignores `--import tsx` in a worker's
 * execArgv, so that case boots with a short eval that registers tsx first.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { WorkerOptions } from 'node:worker_threads';

let builtDir: URL | null = null;

/** Starts every worker from the bundles in `dir` even when running from source (the bench bundles what ships). */
export function useBuiltWorkers(dir: URL): void {
  builtDir = dir;
}

/** The first argument of `new Worker` and its options, for the built `builtName` or the `source` TypeScript file. */
export function workerEntry(builtName: string, source: URL): { entry: URL | string; options: WorkerOptions } {
  if (builtDir) return { entry: new URL(builtName, builtDir), options: {} };
  if (!import.meta.url.endsWith('.ts')) {
    const built = [`./${builtName}`, `../${builtName}`].map((p) => new URL(p, import.meta.url));
    return { entry: built.find((u) => existsSync(fileURLToPath(u))) ?? built[0], options: {} };
  }
  // The ESM build of tsx's API (require.resolve finds its CommonJS twin).
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  return { entry: `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(source.href)}); });`, options: { eval: true } };
}
