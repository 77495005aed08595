import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// electron-vite looks for src/main, src/preload and src/renderer by default; this repository's folders
// (src-main, src-renderer) are named per target through each build's input options instead.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      externalizeDeps: true,
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src-main/index.ts'),
          serve: resolve(__dirname, 'src-main/serve.ts'),
          // The overlays' inference worker, emitted beside index.js/serve.js (src-main/services/inference/worker-url.ts).
          'inference-worker': resolve(__dirname, 'src-main/services/inference/inference-worker.ts'),
          // The training worker, emitted beside index.js/serve.js (src-main/services/training/worker/worker-url.ts).
          'training-worker': resolve(__dirname, 'src-main/services/training/worker/worker.ts'),
          // The headless command line (package.json "bin": neurite → out/main/cli.js).
          cli: resolve(__dirname, 'src-main/cli/neurite.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { preload: resolve(__dirname, 'src-main/preload.ts') },
        // Sandboxed preloads must be CommonJS.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      rollupOptions: { input: resolve(__dirname, 'src-renderer/index.html') },
    },
  },
});
