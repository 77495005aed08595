/**
 * Dataset import benchmark: a generated 1,000,000-row × 20-column numeric CSV (~150 MB)
 * streamed through the CSV reader and encoded. Prints MB/s and the process's peak RSS and
 * writes out/bench/dataset.json. Goal: ≥ 50 MB/s.
 */
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { seededRng } from '../../src-shared/data/rng';
import type { ColumnConfig } from '../../src-shared/data/schema';
import { CsvOptionsSchema } from '../../src-shared/data/schema';
import { importCsv } from '../services/dataset/reader';
import { fileSource } from '../services/dataset/source';

/** The benchmark's name for the runner. */
export const name = 'dataset';

const ROWS = Number(process.env.NEURITE_BENCH_ROWS ?? 1_000_000);
const COLS = 20;
const GOAL_MBPS = 50;

async function generate(path: string): Promise<void> {
  const rng = seededRng(42);
  const out = createWriteStream(path);
  const header = Array.from({ length: COLS }, (_, j) => (j === COLS - 1 ? 'y' : `x${j + 1}`)).join(',');
  out.write(`${header}\n`);
  const BATCH = 10_000;
  for (let r = 0; r < ROWS; r += BATCH) {
    let s = '';
    for (let k = 0; k < Math.min(BATCH, ROWS - r); k++) {
      for (let j = 0; j < COLS; j++) s += (j ? ',' : '') + ((rng() - 0.5) * 200).toFixed(3);
      s += '\n';
    }
    if (!out.write(s)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
}

/** Runs the benchmark and writes out/bench/dataset.json. */
export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'neurite-bench-'));
  try {
    const file = join(dir, 'big.csv');
    await generate(file);
    const bytes = statSync(file).size;
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    const sample = () => {
      peak = Math.max(peak, process.memoryUsage().rss);
    };
    const timer = setInterval(sample, 20);
    const columns: ColumnConfig[] = Array.from({ length: COLS }, (_, j) =>
      j === COLS - 1
        ? { name: 'y', type: 'numeric', role: 'target', encoding: 'regression', missing: 'drop', fill: null }
        : { name: `x${j + 1}`, type: 'numeric', role: 'feature', encoding: 'standardise', missing: 'mean', fill: null },
    );
    let progressCalls = 0;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const dataset = await importCsv(
      fileSource(file),
      { id: 'bench', options: CsvOptionsSchema.parse({ delimiter: 'auto' }), columns, split: { train: 80, val: 10, test: 10, seed: 1, stratify: false } },
      {
        onProgress: () => {
          progressCalls++;
          sample();
        },
      },
    );
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    // On a shared machine wall time includes waiting for a core; CPU time is the cost of the import itself.
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    sample();
    clearInterval(timer);
    const mb = bytes / 1e6;
    const result = {
      name,
      rows: dataset.meta.rowCount,
      columns: COLS,
      fileMB: +mb.toFixed(1),
      seconds: +seconds.toFixed(3),
      mbPerSecond: +(mb / seconds).toFixed(1),
      cpuSeconds: +cpuSeconds.toFixed(3),
      mbPerCpuSecond: +(mb / cpuSeconds).toFixed(1),
      loadAverage: os.loadavg()[0],
      goalMbPerSecond: GOAL_MBPS,
      metGoal: mb / seconds >= GOAL_MBPS,
      metGoalPerCpuSecond: mb / cpuSeconds >= GOAL_MBPS,
      rssBeforeMB: +(rssBefore / 1e6).toFixed(0),
      peakRssMB: +(peak / 1e6).toFixed(0),
      encodedMB: +((dataset.x.byteLength + dataset.y.byteLength + dataset.split.byteLength) / 1e6).toFixed(0),
      progressCalls,
      node: process.version,
    };
    console.log(
      `dataset: ${result.rows} rows × ${COLS} cols, ${result.fileMB} MB in ${result.seconds} s = ${result.mbPerSecond} MB/s wall, ${result.mbPerCpuSecond} MB per CPU-second (goal ≥ ${GOAL_MBPS}; load ${result.loadAverage.toFixed(1)}); peak RSS ${result.peakRssMB} MB (before ${result.rssBeforeMB} MB, encoded arrays ${result.encodedMB} MB)`,
    );
    mkdirSync('out/bench', { recursive: true });
    writeFileSync('out/bench/dataset.json', `${JSON.stringify(result, null, 2)}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
