// `npm start` runs this first: it puts a better-sqlite3 addon built for Electron's ABI into
// .electron-native/ (the desktop app loads it through NEURITE_SQLITE_BINDING), leaving the
// Node build in node_modules alone, which `npm test` and browser mode need. It fetches the
// prebuilt addon better-sqlite3 publishes for each Electron version (prebuild-install, which
// better-sqlite3 itself uses). Without it the app still starts; projects cannot be opened.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(join(root, 'package.json'));
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
const sqliteDir = dirname(require.resolve('better-sqlite3/package.json'));
const sqliteVersion = JSON.parse(readFileSync(join(sqliteDir, 'package.json'), 'utf8')).version;
const outDir = join(root, '.electron-native');
const stamp = join(outDir, 'stamp.json');
const want = JSON.stringify({ electron: electronVersion, betterSqlite3: sqliteVersion, platform: process.platform, arch: process.arch });

if (existsSync(stamp) && readFileSync(stamp, 'utf8') === want && existsSync(join(outDir, 'better_sqlite3.node'))) process.exit(0);

const work = mkdtempSync(join(tmpdir(), 'neurite-electron-sqlite-'));
try {
  cpSync(join(sqliteDir, 'package.json'), join(work, 'package.json'));
  execFileSync(process.execPath, [require.resolve('prebuild-install/bin.js'), '--runtime', 'electron', '--target', electronVersion, '--arch', process.arch, '--platform', process.platform], {
    cwd: work,
    stdio: ['ignore', 'inherit', 'inherit'],
    timeout: 120_000,
  });
  mkdirSync(outDir, { recursive: true });
  cpSync(join(work, 'build', 'Release', 'better_sqlite3.node'), join(outDir, 'better_sqlite3.node'));
  writeFileSync(stamp, want);
  console.log(`Fetched better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} into .electron-native/.`);
} catch (err) {
  console.warn(
    `Could not fetch better-sqlite3 ${sqliteVersion} built for Electron ${electronVersion} (${err instanceof Error ? err.message.split('\n')[0] : err}).\n` +
      'The desktop app will start, but cannot open or save projects until it has one: run `npm start` again with internet access, ' +
      'or set NEURITE_SQLITE_BINDING to a better_sqlite3.node built for this Electron. Browser mode (`npm run serve`) needs none of this.',
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
