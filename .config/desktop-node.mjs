// `npm start` runs this first. The desktop start needs the Node that Electron's package declares
// (Electron 45: >= 22.12), while install, tests, the build and browser mode run on Node 20.19 as
// well (package.json "engines" says what those need). On an older Node it says so up front rather
// than leaving the user with whatever `electron .` prints; it does not refuse, because Electron's
// launcher may still work there.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const electron = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8'));
const declared = String(electron.engines?.node ?? '').trim();
// Electron declares a plain lower bound (">= 22.12.0"); any other shape is left to npm's own EBADENGINE warning.
const floor = /^>=\s*(\d+)\.(\d+)\.(\d+)$/.exec(declared);
const version = process.versions.node.split('.').map(Number);
const below = (a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
if (floor && below(version, floor.slice(1).map(Number)) < 0) {
  console.warn(
    `The desktop app needs Node ${declared.replace(/\s+/g, ' ')} (Electron ${electron.version} declares it); this is Node ${process.versions.node}.\n` +
      'If Electron fails to start below, install a newer Node (22.12 or later). Browser mode (`npm run serve`) and `npm test` run on this Node.',
  );
}
