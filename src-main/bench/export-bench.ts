// PyTorch export benchmark: the exported train.py's training loop against a hand-written nn.Sequential MLP of the
// same shape (same data, batch, optimizer, row order, initial weights, threads; one process, taking turns), on W2
// and W3 at batch 256 (the bars) and W1 at batch 32 (for reference: a tiny network, where PyTorch's per-step cost
// dominates), and against Neurite's engine on the same work. Adds GPU figures where CUDA is present.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EncodedDataset } from '../../src-shared/data/schema';
import { layeredNetwork } from '../../src-shared/engine/build';
import { applyWeightsToNetwork, compileNetwork, paramsFromNetwork } from '../../src-shared/engine/compile';
import { initialise } from '../../src-shared/engine/init';
import { createRng } from '../../src-shared/engine/rng';
import { createTrainer } from '../../src-shared/engine/trainer';
import { encodedNpy, networkSpec } from '../../src-shared/export/pytorch-export';
import { MODEL_PY, TRAIN_PY } from '../../src-shared/export/pytorch-files';
import { stopwatch } from './engine-peers';
import { WORKLOADS, workloadData, type Workload } from './engine-workloads';

export const name = 'export';

const PYTHON = process.env.BENCH_PYTHON ?? '/usr/bin/python3';
const BATCH = 256;
/** The workloads and their batch sizes; only those with `bar` are held to the 0.7× goal. */
const CASES = [
  { id: 'W2', batch: BATCH, bar: true },
  { id: 'W3', batch: BATCH, bar: true },
  { id: 'W1', batch: 32, bar: false },
];
const REPS = Number(process.env.BENCH_EXPORT_REPS ?? 3);
const THREADS = Number(process.env.BENCH_TORCH_THREADS ?? 1);
const BAR = 0.7;
const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'export-bench.py');

interface TorchRun {
  device: string;
  clock: string;
  samplesPerSec: Record<'exported' | 'nn.Sequential', number>;
  lastEpochLoss: Record<string, number>;
}
interface TorchResult {
  torch: string;
  threads: number;
  rows: number;
  batch: number;
  gpu?: string;
  runs: TorchRun[];
}

const fmt = (v: number, digits = 0) => v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** The workload's network with Glorot weights, as the export writes it, and its data as an all-training dataset. */
function exportFolder(w: Workload, dir: string) {
  const acts = w.sizes.slice(1).map((_, l) => (l === w.sizes.length - 2 ? (w.loss === 'bce' ? 'sigmoid' : 'identity') : w.hidden));
  const net0 = layeredNetwork(w.sizes, { activations: acts, softmax: w.loss === 'cce' });
  const program = compileNetwork(net0);
  const params = paramsFromNetwork(program, net0);
  initialise(program, params, 'glorot_uniform', createRng(1));
  const net = applyWeightsToNetwork(net0, program, params);
  const d = workloadData(w);
  const rows = w.rows;
  const meta = {
    id: 'bench',
    name: w.id,
    rowCount: rows,
    features: Array.from({ length: w.sizes[0] }, (_, i) => ({ name: `x${i}` })),
    outputs: Array.from({ length: w.sizes.at(-1)! }, (_, i) => ({ name: `class=${i}` })),
    columns: [],
  };
  const dataset = { meta, x: d.X, y: d.Y, split: new Uint8Array(rows) } as unknown as EncodedDataset;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'model.py'), MODEL_PY);
  writeFileSync(join(dir, 'train.py'), TRAIN_PY);
  writeFileSync(join(dir, 'network.json'), JSON.stringify(networkSpec(net, dataset.meta, w.loss)));
  writeFileSync(join(dir, 'data.npy'), encodedNpy(dataset));
  return { net, d };
}

function engineRate(w: Workload, net: ReturnType<typeof exportFolder>['net'], d: ReturnType<typeof workloadData>): { samplesPerSec: number; loss: number } {
  const program = compileNetwork(net);
  const tr = createTrainer(program, paramsFromNetwork(program, net), { loss: w.loss, optimizer: { kind: 'adam', lr: w.lr }, batchSize: w.batch, seed: 1 });
  tr.epoch(d.X, d.Y, w.rows); // warm-up (the JIT)
  const stop = stopwatch();
  let epochs = 0;
  let loss = NaN;
  let spent = 0;
  // Whole epochs until a second of CPU time has passed, so fast workloads are not timed on a few milliseconds.
  while (epochs < 3 || (spent < 1 && epochs < 50)) {
    loss = tr.epoch(d.X, d.Y, w.rows);
    epochs++;
    spent = stop().cpuSeconds;
  }
  return { samplesPerSec: (epochs * w.rows) / spent, loss };
}

function torchRates(w: Workload, dir: string): TorchResult {
  const r = spawnSync(PYTHON, [SCRIPT, dir, String(w.batch), String(REPS), String(THREADS), String(w.lr)], { encoding: 'utf8', timeout: 1_200_000, maxBuffer: 64 << 20 });
  if (r.error || r.status !== 0) throw new Error(`export-bench.py failed (${r.error?.message ?? `exit ${r.status}`}): ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as TorchResult;
}

export async function run(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'neurite-export-bench-'));
  const report: Record<string, unknown> = { date: new Date().toISOString(), node: process.version, cpu: `${cpus()[0]?.model ?? '?'} × ${cpus().length}`, batch: BATCH, loadAverageAtStart: loadavg(), workloads: {} };
  console.log(`${report.cpu}; load average ${loadavg().map((v) => v.toFixed(2)).join(' ')}${loadavg()[0] > cpus().length ? ' — the machine is busy: ratios are noisy' : ''}`);
  console.log(`Adam; PyTorch with ${THREADS} thread(s) (BENCH_TORCH_THREADS), ${REPS} epochs after a warm-up, the two loops taking turns every 16 batches; CPU rates per CPU second of the process, GPU rates per wall second.`);
  const bars: Record<string, boolean> = {};
  try {
    for (const c of CASES) {
      const w = { ...WORKLOADS.find((x) => x.id === c.id)!, batch: c.batch };
      const dir = join(root, w.id);
      const { net, d } = exportFolder(w, dir);
      const torch = torchRates(w, dir);
      const engine = engineRate(w, net, d);
      const lossName = w.loss === 'cce' ? 'softmax + cross-entropy' : 'sigmoid + binary cross-entropy';
      console.log(`\n${w.id}: ${w.sizes.join(' → ')} (${w.hidden}, ${lossName}), ${fmt(w.rows)} rows, batch ${w.batch}, PyTorch ${torch.torch}${torch.gpu ? `, ${torch.gpu}` : ''}${c.bar ? '' : ' (for reference, no bar)'}`);
      for (const t of torch.runs) {
        const ours = t.samplesPerSec.exported;
        const peer = t.samplesPerSec['nn.Sequential'];
        const ratio = ours / peer;
        console.log(`  ${t.device.padEnd(10)} exported train.py ${fmt(ours).padStart(10)} samples/s   nn.Sequential ${fmt(peer).padStart(10)} samples/s   ×${fmt(ratio, 2)}   (last epoch loss ${fmt(t.lastEpochLoss.exported, 4)} vs ${fmt(t.lastEpochLoss['nn.Sequential'], 4)})`);
        if (c.bar) bars[`${w.id} ${t.device}: exported ≥ ${BAR}× nn.Sequential at batch ${w.batch}`] = ratio >= BAR;
      }
      const cpu = torch.runs[0].samplesPerSec.exported;
      console.log(`  engine     Neurite            ${fmt(engine.samplesPerSec).padStart(10)} samples/s   (1 thread; the exported CPU loop is ×${fmt(cpu / engine.samplesPerSec, 2)} the engine)`);
      (report.workloads as Record<string, unknown>)[w.id] = { spec: w, torch, engine };
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  report.bars = bars;
  report.loadAverageAtEnd = loadavg();
  console.log('\nBars:');
  for (const [k, v] of Object.entries(bars)) console.log(`  ${v ? 'PASS' : 'FAIL'}  ${k}`);
  mkdirSync('out/bench', { recursive: true });
  writeFileSync('out/bench/export.json', JSON.stringify(report, null, 2));
  console.log('\nWrote out/bench/export.json');
}
