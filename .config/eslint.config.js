// ESLint flat config. The layering rule (after VS Code's "code-layering"): a file's folder
// says which process it runs in, and imports may only point the allowed way.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'worker_threads', 'crypto', 'http', 'https', 'net', 'url', 'stream', 'events', 'util', 'zlib'];

const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

// The renderer's folders, bottom to top: each may import only the folders before it (and itself),
// plus src-renderer/api.ts, src-shared and, from overlay on, the shortcut table. No cycles can form.
// state/ holds the stores every feature reads (and the command bus, through which a feature runs a
// command without importing the shell); ui/ holds widgets and colours shared by features. The shell
// (panels/, App.tsx, main.tsx, commands.ts, shortcuts.ts, use-global-input.ts) composes features
// and is imported by none of them. Tests may compose freely.
const RENDERER_LAYERS = ['state', 'ui', 'overlay', 'training', 'canvas', 'export', 'project', 'data', 'walkthrough'];
const SHELL_MODULES = ['../panels/*', '../commands', '../App', '../main', '../use-global-input'];

function rendererFeatureLayers() {
  const rendererBase = ['electron', ...nodeBuiltins, 'better-sqlite3', 'ws', '**/src-main/**'];
  return RENDERER_LAYERS.map((folder, i) => {
    const above = RENDERER_LAYERS.slice(i + 1).flatMap((f) => [`../${f}/*`, `../${f}`]);
    const shell = i < 2 ? [...SHELL_MODULES, '../shortcuts'] : SHELL_MODULES;
    return {
      files: [`src-renderer/${folder}/**/*.{ts,tsx}`],
      ignores: ['src-renderer/**/*.test.{ts,tsx}'],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: [
              { group: rendererBase, message: 'The renderer speaks to main only through src-shared/api.ts and src-renderer/api.ts.' },
              {
                group: [...above, ...shell],
                message: `src-renderer/${folder} may import only ${RENDERER_LAYERS.slice(0, i).join(', ') || 'itself'}${i >= 2 ? ', the shortcut table' : ''}, api.ts and src-shared: share through state/ or ui/, or run a command through state/command-bus.ts.`,
              },
            ],
          },
        ],
      },
    };
  });
}

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'e2e/artifacts/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Build and tool scripts run in Node.
    files: ['.config/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' } },
  },
  {
    // src-shared is pure: no Electron, no Node, no DOM, no React, no SQLite, and never the other layers.
    files: ['src-shared/**/*.ts'],
    ignores: ['src-shared/**/*.test.ts'],
    rules: {
      ...restrict(
        ['electron', ...nodeBuiltins, 'react', 'react-dom', 'react/*', '@xyflow/*', 'better-sqlite3', 'ws', '**/src-main/**', '**/src-renderer/**'],
        'src-shared is pure TypeScript: no electron, node:*, DOM, React or SQLite, and no imports from src-main or src-renderer.',
      ),
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'process', 'require', 'Buffer', '__dirname'],
    },
  },
  {
    // The renderer runs in a sandboxed page: no Node, no Electron, never main's code.
    files: ['src-renderer/**/*.{ts,tsx}'],
    ignores: ['src-renderer/**/*.test.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'react-hooks/set-state-in-effect': 'off',
      ...restrict(['electron', ...nodeBuiltins, 'better-sqlite3', 'ws', '**/src-main/**'], 'The renderer speaks to main only through src-shared/api.ts and src-renderer/api.ts.'),
    },
  },
  ...rendererFeatureLayers(),
  {
    // Main never reaches into the renderer.
    files: ['src-main/**/*.ts'],
    rules: restrict(['**/src-renderer/**'], 'Main and renderer never import each other; share through src-shared.'),
  },
  {
    // A worker thread has no window, no database and no session: it computes and answers (see each worker folder's README).
    files: ['src-main/services/training/worker/worker.ts', 'src-main/services/training/worker/worker-loop.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['electron', 'better-sqlite3', '**/src-renderer/**'], message: 'A worker thread has no Electron, no database and never the renderer.' },
        { regex: '^\\.\\./(?!\\.\\./\\.\\./\\.\\./src-shared/|\\.\\./\\.\\./worker-rpc$)', message: 'The training worker imports src-shared, its own folder and src-main/worker-rpc.ts, never a service.' },
      ] }],
    },
  },
  {
    files: ['src-main/services/inference/inference-worker.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['electron', 'better-sqlite3', '**/src-renderer/**'], message: 'A worker thread has no Electron, no database and never the renderer.' },
        { regex: '^\\.\\./(?!\\.\\./\\.\\./src-shared/|\\.\\./worker-rpc$)', message: 'The inference worker imports src-shared, its own folder and src-main/worker-rpc.ts, never a service.' },
      ] }],
    },
  },
  {
    // The preload imports only types from the rest of main (and the shared contract).
    files: ['src-main/preload.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['./*', '../src-main/**', '!../src-shared/*'], message: 'The preload stays thin: only electron and the shared contract.', allowTypeImports: true }] },
      ],
    },
  },
);
