// `npm run security`: Doyensec's Electronegativity over the built main process, preload and
// page. Fails on any HIGH finding (and on any file it could not parse, which would be a silent
// gap); prints MEDIUM and lower ones. It reads the built JavaScript because its TypeScript
// parser is too old for src-main; `npm test` builds before it runs this.
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'out');
for (const f of ['main/index.js', 'preload/preload.cjs', 'renderer/index.html']) {
  if (!existsSync(join(out, f))) {
    console.error(`security: out/${f} is missing: run \`npm run build\` first.`);
    process.exit(1);
  }
}

// It may try the network (translations with a 1 s timeout; Electron's release list with none):
// never let that hold the run.
const watchdog = setTimeout(() => {
  console.error('security: Electronegativity did not finish within 120 s.');
  process.exit(1);
}, 120_000);

// Stage what it should see: it skips .cjs files, so the preload is copied as .js; the renderer's
// bundle is third-party React code with no Electron in it, so only its index.html (for the CSP check).
const stage = mkdtempSync(join(tmpdir(), 'neurite-electronegativity-'));
const copyJs = (from, to) => {
  for (const name of readdirSync(from)) {
    const src = join(from, name);
    if (statSync(src).isDirectory()) copyJs(src, join(to, name));
    else if (/\.(c|m)?js$/.test(name)) cpSync(src, join(to, name.replace(/\.(c|m)js$/, '.js')));
  }
};
copyJs(join(out, 'main'), join(stage, 'main'));
copyJs(join(out, 'preload'), join(stage, 'preload'));
cpSync(join(out, 'renderer/index.html'), join(stage, 'renderer/index.html'));
cpSync(join(root, 'package.json'), join(stage, 'package.json'));

const require = createRequire(import.meta.url);
const run = require('@doyensec/electronegativity');

let result;
try {
  result = await (run.default ?? run)(
    {
      input: stage,
      isRelative: true,
      // Needs raw.githubusercontent.com with no timeout; the pinned Electron is checked by npm audit instead.
      excludeFromScan: ['availablesecurityfixesglobalcheck'],
    },
    false,
  );
} finally {
  clearTimeout(watchdog);
}

const order = ['HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'];
const issues = result.issues
  .map((i) => ({ id: i.id, severity: i.severity.name, confidence: i.confidence.name, where: `${relative(stage, join(stage, i.file))}:${i.location.line}:${i.location.column}`, review: i.manualReview }))
  .sort((a, b) => order.indexOf(a.severity) - order.indexOf(b.severity) || a.id.localeCompare(b.id));

console.log(`Electronegativity: ${result.atomicChecks} atomic and ${result.globalChecks} global checks over out/main, out/preload and out/renderer/index.html.`);
for (const i of issues) console.log(`  ${i.severity.padEnd(13)} ${i.confidence.padEnd(9)} ${i.id.padEnd(40)} ${i.where}${i.review ? ' (manual review)' : ''}`);
const parseErrors = result.errors.filter((e) => !e.tolerable);
for (const e of parseErrors) console.error(`  could not parse ${relative(stage, e.file)}: ${e.message}`);
rmSync(stage, { recursive: true, force: true });

const count = (s) => issues.filter((i) => i.severity === s).length;
console.log(`HIGH ${count('HIGH')}, MEDIUM ${count('MEDIUM')}, LOW ${count('LOW')}, INFORMATIONAL ${count('INFORMATIONAL')}.`);
if (count('HIGH') > 0 || parseErrors.length > 0) {
  console.error('security: failed (HIGH findings or unparsed files).');
  process.exit(1);
}
process.exit(0);
