// Benchmark entry: runs every src-main/bench/*-bench.ts module (each exports `name` and `run()`), or one with --only NAME.
import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { enableRelaxedSimd } from '../wasm-features';

interface BenchModule {
  name: string;
  run: () => Promise<void>;
}

async function main(): Promise<void> {
  // As the app does: relaxed SIMD (fused float32 multiply-adds) where the engine has it behind a flag.
  enableRelaxedSimd();
  const argv = process.argv.slice(2);
  const at = argv.indexOf('--only');
  const only = at >= 0 ? argv[at + 1] : argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
  const dir = dirname(fileURLToPath(import.meta.url));
  const files = readdirSync(dir).filter((f) => f.endsWith('-bench.ts')).sort();
  const modules: BenchModule[] = [];
  for (const f of files) modules.push((await import(pathToFileURL(`${dir}/${f}`).href)) as BenchModule);
  const chosen = only ? modules.filter((m) => m.name === only) : modules;
  if (!chosen.length) {
    console.error(`No benchmark named '${only}'. Available: ${modules.map((m) => m.name).join(', ')}`);
    process.exit(2);
  }
  for (const m of chosen) {
    console.log(`\n=== bench: ${m.name} ===`);
    await m.run();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
