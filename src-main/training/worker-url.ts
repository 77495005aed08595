/**
 * Where the training worker's entry is: the built `training-worker.js` beside the bundle that inlined
 * this module's bundle (out/main/; the bundler may place this module in out/main/chunks/, hence the two
 * candidates; see electron.vite.config.ts), or, when running from
 * source (vitest, tsx), the TypeScript file loaded through tsx's loader. Node 20 ignores `--import tsx`
 * in a worker's execArgv, so the source case boots with a two-line eval that registers tsx first.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { WorkerOptions } from 'node:worker_threads';

/** The first argument of `new Worker` and its options. */
export function trainingWorkerEntry(): { entry: URL | string; options: WorkerOptions } {
  if (!import.meta.url.endsWith('.ts')) {
    const built = ['./training-worker.js', '../training-worker.js'].map((p) => new URL(p, import.meta.url));
    return { entry: built.find((u) => existsSync(fileURLToPath(u))) ?? built[0], options: {} };
  }
  const source = new URL('./worker.ts', import.meta.url).href;
  // The ESM build of tsx's API (require.resolve finds its CommonJS twin).
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  return { entry: `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(source)}); });`, options: { eval: true } };
}
