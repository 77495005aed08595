// Dead-code check (`npm run deadcode`): files nothing reaches, exports nothing imports, dependencies
// nothing uses. Entries not listed here come from knip's plugins: electron.vite.config.ts (main,
// serve, CLI, workers, preload, renderer), package.json scripts, vitest and playwright configs.
import type { KnipConfig } from 'knip';

const config: KnipConfig = {
  entry: [
    // Every bench module is loaded by src-main/bench/run.ts from a directory listing.
    'src-main/bench/*-bench.ts',
    // Bundled by path into a worker thread by the engine bench's sweep line.
    'src-main/bench/engine-bare-worker.ts',
    // Child processes started by path (`node --import tsx <file>`) from tests and e2e journeys.
    'src-main/services/*/crash-child.ts',
    'src-main/services/project/fixtures/make-fixture.ts',
    'e2e/*-project.ts',
    '**/*.test.{ts,tsx}',
    'e2e/**/*.spec.ts',
    '.config/*.{mjs,ts}',
  ],
  project: ['src-shared/**/*.ts', 'src-main/**/*.{ts,mjs}', 'src-renderer/**/*.{ts,tsx}', 'e2e/**/*.ts', '.config/*.{mjs,ts}'],
  // An export also used in its own file is live code (the zod schemas that compose the contract's
  // types, constants a module reads itself); only exports used nowhere are dead.
  ignoreExportsUsedInFile: true,
  // better-sqlite3's own prebuilt-binary fetcher, run by .config/electron-sqlite.mjs for Electron's ABI:
  // it comes with better-sqlite3, listing it again would let the two versions drift apart.
  ignoreDependencies: ['prebuild-install'],
  // System tools (coreutils, e2fsprogs) the hostile-file tests call, not npm packages.
  ignoreBinaries: ['mkfifo', 'chattr'],
};

export default config;
