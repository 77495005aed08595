// Engine benchmark (issue 3): training throughput on W1–W3, inference on W2 and single-sample latency on W1,
// against a naive plain-JS MLP, tfjs (cpu, wasm) and brain.js. Prints a table and writes out/bench/engine.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { layeredNetwork } from '../../src-shared/engine/build';
import { compileNetwork, paramsFromNetwork } from '../../src-shared/engine/compile';
import { forwardBatch } from '../../src-shared/engine/forward';
import { createSampleResult, forwardSample } from '../../src-shared/engine/sample';
import { createTrainer } from '../../src-shared/engine/trainer';
import { initialise } from '../../src-shared/engine/init';
import { createRng } from '../../src-shared/engine/rng';
import { createWorkspace, loadInputs } from '../../src-shared/engine/workspace';
import { NaiveMlp, stopwatch, inferTf, trainBrain, trainNaive, trainTf, useTfBackend, type TrainMeasure } from './engine-peers';
import { WORKLOADS, macsPerSample, workloadData, type Workload, type WorkloadData } from './engine-workloads';

export const name = 'engine';

const CAP = Number(process.env.BENCH_PEER_CAP ?? 10);
const now = () => performance.now() / 1000;

interface Row {
  impl: string;
  /** Samples per CPU second of this process (the ratios use this; see the header note). */
  samplesPerSec: number;
  wallSamplesPerSec: number;
  cpuSeconds: number;
  gflops: number;
  seconds: number;
  samples: number;
  totalSamples: number;
  extrapolated: boolean;
  note?: string;
}

function row(impl: string, m: TrainMeasure, flopsPerSample: number): Row {
  const sps = m.samples / m.cpuSeconds;
  return { impl, samplesPerSec: sps, wallSamplesPerSec: m.samples / m.seconds, cpuSeconds: m.cpuSeconds, gflops: (sps * flopsPerSample) / 1e9, seconds: m.seconds, samples: m.samples, totalSamples: m.totalSamples, extrapolated: m.samples < m.totalSamples, note: m.note };
}

function engineNetwork(w: Workload) {
  const acts = w.sizes.slice(1).map((_, l) => (l === w.sizes.length - 2 ? (w.loss === 'bce' ? 'sigmoid' : 'identity') : w.hidden));
  return layeredNetwork(w.sizes, { activations: acts, softmax: w.loss === 'cce' });
}

function trainEngine(w: Workload, d: WorkloadData): TrainMeasure & { accuracy: number } {
  const net = engineNetwork(w);
  const program = compileNetwork(net);
  const tr = createTrainer(program, paramsFromNetwork(program, net), { loss: w.loss, optimizer: { kind: 'adam', lr: w.lr }, batchSize: w.batch, seed: 1, init: 'glorot_uniform' });
  const stop = stopwatch();
  for (let e = 0; e < w.epochs; e++) tr.epoch(d.X, d.Y, w.rows);
  const time = stop();
  // Training accuracy as a sanity check that the measured work is real learning.
  const B = 1000;
  const ws = createWorkspace(program, B);
  let ok = 0;
  for (let s = 0; s < w.rows; s += B) {
    loadInputs(program, ws, d.X, null, s, B);
    forwardBatch(program, tr.params, ws, B);
    for (let b = 0; b < B; b++) {
      let best = 0;
      for (let k = 1; k < program.outputs.length; k++) if (ws.O[program.outputs[k] * B + b] > ws.O[program.outputs[best] * B + b]) best = k;
      const pred = w.loss === 'bce' ? (ws.O[program.outputs[0] * B + b] > 0.5 ? 1 : 0) : best;
      if (pred === d.labels[s + b]) ok++;
    }
  }
  return { samples: w.rows * w.epochs, totalSamples: w.rows * w.epochs, ...time, accuracy: ok / w.rows };
}

function inferEngine(w: Workload, d: WorkloadData, batch: number, cap: number): TrainMeasure {
  const net = engineNetwork(w);
  const program = compileNetwork(net);
  const params = paramsFromNetwork(program, net);
  initialise(program, params, 'glorot_uniform', createRng(1));
  const ws = createWorkspace(program, batch);
  let samples = 0;
  const t0 = now();
  const stop = stopwatch();
  while (now() - t0 < cap) {
    for (let s = 0; s + batch <= w.rows && now() - t0 < cap; s += batch) {
      loadInputs(program, ws, d.X, null, s, batch);
      forwardBatch(program, params, ws, batch);
      samples += batch;
    }
  }
  return { samples, totalSamples: samples, ...stop() };
}

function inferNaive(w: Workload, d: WorkloadData, cap: number): TrainMeasure {
  const net = new NaiveMlp(w.sizes, w.hidden as 'relu', w.loss, w.lr);
  const nIn = w.sizes[0];
  const xs = Array.from({ length: 10_000 }, (_, r) => Array.from(d.X.subarray(r * nIn, r * nIn + nIn)));
  let samples = 0;
  const t0 = now();
  const stop = stopwatch();
  while (now() - t0 < cap) for (let r = 0; r < xs.length; r++, samples++) net.forward(xs[r]);
  return { samples, totalSamples: samples, ...stop() };
}

/** Nanoseconds per single-sample forward on W1: the engine with all z, o and contributions; the naive MLP without. */
function latency(w: Workload, d: WorkloadData): { engineNs: number; naiveNs: number; tfjsCpuUs?: number } {
  const net = engineNetwork(w);
  const program = compileNetwork(net);
  const params = paramsFromNetwork(program, net);
  initialise(program, params, 'glorot_uniform', createRng(1));
  const res = createSampleResult(program);
  const n = 1000;
  const xs = Array.from({ length: n }, (_, r) => d.X.subarray(r * 2, r * 2 + 2));
  let sink = 0;
  const bestOf = (f: () => void, reps: number, per: number) => {
    let best = Infinity;
    for (let k = 0; k < reps; k++) {
      const t0 = process.hrtime.bigint();
      f();
      best = Math.min(best, Number(process.hrtime.bigint() - t0) / per);
    }
    return best;
  };
  const engineNs = bestOf(() => {
    for (let it = 0; it < 200; it++) for (let r = 0; r < n; r++) sink += forwardSample(program, params, xs[r], null, res).contributions[5];
  }, 7, 200 * n);
  const naive = new NaiveMlp(w.sizes, 'tanh', 'bce', 0.01);
  const nx = xs.map((x) => Array.from(x));
  const naiveNs = bestOf(() => {
    for (let it = 0; it < 200; it++) for (let r = 0; r < n; r++) sink += naive.forward(nx[r])[3][0];
  }, 7, 200 * n);
  if (sink === 42) console.log('');
  return { engineNs, naiveNs };
}

const fmt = (v: number, digits = 0) => v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export async function run(): Promise<void> {
  const report: Record<string, unknown> = {
    date: new Date().toISOString(),
    node: process.version,
    cpu: `${cpus()[0]?.model ?? '?'} × ${cpus().length}`,
    peerCapSeconds: CAP,
    loadAverageAtStart: loadavg(),
    flopsNote: 'training FLOPs/sample = 6 × MACs (forward, input-gradient, weight-gradient); inference = 2 × MACs',
    timingNote: 'samples/s, GFLOP/s and ratios use this process\'s CPU time (user + system), so other processes on a shared machine do not skew them; wallSamplesPerSec is wall-clock. All peers are single-threaded here (tfjs-wasm without threads).',
    workloads: {} as Record<string, unknown>,
  };
  const results = report.workloads as Record<string, unknown>;
  console.log(`${report.cpu}, Node ${process.version}; load average ${loadavg().map((v) => v.toFixed(2)).join(' ')}` + (loadavg()[0] > cpus().length ? ' — the machine is busy: ratios are noisy' : ''));
  console.log('Rates are per CPU second of this process (robust to other load on the machine); wall-clock rates are in the JSON.');
  console.log(`Peers stop after ${CAP} s (BENCH_PEER_CAP) and their rate is extrapolated; the engine always runs the full workload.`);
  const ratios: Record<string, Record<string, number>> = {};
  for (const w of WORKLOADS) {
    const d = workloadData(w);
    const flops = 6 * macsPerSample(w);
    console.log(`\n${w.id}: ${w.sizes.join(' → ')} (${w.hidden}, ${w.loss}), ${fmt(w.rows)} rows, batch ${w.batch}, ${w.epochs} epochs, Adam lr ${w.lr}`);
    const e = trainEngine(w, d);
    const rows: Row[] = [row('engine', e, flops)];
    rows.push(row('naive', trainNaive(w, d, CAP), flops));
    for (const b of ['cpu', 'wasm'] as const) {
      const label = await useTfBackend(b);
      rows.push(row(b === 'cpu' ? 'tfjs-cpu' : 'tfjs-wasm', trainTf(w, d, CAP), flops));
      rows[rows.length - 1].note = label;
    }
    rows.push(row('brain.js', trainBrain(w, d, CAP), flops));
    ratios[w.id] = {};
    for (const r of rows) {
      const ratio = rows[0].samplesPerSec / r.samplesPerSec;
      if (r.impl !== 'engine') ratios[w.id][r.impl] = ratio;
      console.log(
        `  ${r.impl.padEnd(10)} ${fmt(r.samplesPerSec).padStart(12)} samples/s ${fmt(r.gflops, 3).padStart(8)} GFLOP/s  engine ×${fmt(ratio, 2).padStart(7)}` +
          `  ${r.extrapolated ? `(ran ${fmt((100 * r.samples) / r.totalSamples, 1)}% of the workload, extrapolated)` : `(full workload, ${fmt(r.seconds, 2)} s)`}${r.note ? ` — ${r.note}` : ''}`,
      );
    }
    console.log(`  engine training accuracy after the run: ${fmt(100 * e.accuracy, 1)}%`);
    results[w.id] = { spec: w, engineTrainAccuracy: e.accuracy, rows, ratios: ratios[w.id] };
  }

  const w2 = WORKLOADS[1];
  const d2 = workloadData(w2);
  const iflops = 2 * macsPerSample(w2);
  console.log(`\nInference, W2 at batch 1024:`);
  const inf: Row[] = [row('engine', inferEngine(w2, d2, 1024, 3), iflops), row('naive', inferNaive(w2, d2, 3), iflops)];
  for (const b of ['cpu', 'wasm'] as const) {
    await useTfBackend(b);
    inf.push(row(b === 'cpu' ? 'tfjs-cpu' : 'tfjs-wasm', inferTf(w2, d2, 1024, 3), iflops));
  }
  ratios.inferenceW2 = {};
  for (const r of inf) {
    r.extrapolated = false;
    const ratio = inf[0].samplesPerSec / r.samplesPerSec;
    if (r.impl !== 'engine') ratios.inferenceW2[r.impl] = ratio;
    console.log(`  ${r.impl.padEnd(10)} ${fmt(r.samplesPerSec).padStart(12)} samples/s ${fmt(r.gflops, 3).padStart(8)} GFLOP/s  engine ×${fmt(ratio, 2).padStart(7)}`);
  }
  results.inferenceW2 = { batch: 1024, rows: inf, ratios: ratios.inferenceW2 };

  const lat = latency(WORKLOADS[0], workloadData(WORKLOADS[0]));
  console.log(`\nSingle-sample forward on W1: engine ${fmt(lat.engineNs / 1000, 3)} µs with every z, o and contribution; naive ${fmt(lat.naiveNs / 1000, 3)} µs (outputs only)`);
  results.latencyW1 = { engineMicros: lat.engineNs / 1000, naiveMicros: lat.naiveNs / 1000 };

  const bars = {
    'W1 ≥ 1.0× naive': ratios.W1.naive >= 1,
    'W1 ≥ 20× tfjs-cpu': ratios.W1['tfjs-cpu'] >= 20,
    'W2 ≥ 1.0× tfjs-wasm': ratios.W2['tfjs-wasm'] >= 1,
    'W3 ≥ 0.5× tfjs-wasm': ratios.W3['tfjs-wasm'] >= 0.5,
    'W1 single-sample forward ≤ 2 µs': lat.engineNs <= 2000,
    'stretch: W1 ≥ 2× naive': ratios.W1.naive >= 2,
    'stretch: W2 ≥ 2× tfjs-wasm': ratios.W2['tfjs-wasm'] >= 2,
  };
  report.bars = bars;
  report.loadAverageAtEnd = loadavg();
  console.log('\nBars:');
  for (const [k, v] of Object.entries(bars)) console.log(`  ${v ? 'PASS' : 'FAIL'}  ${k}`);
  mkdirSync('out/bench', { recursive: true });
  writeFileSync('out/bench/engine.json', JSON.stringify(report, null, 2));
  console.log('\nWrote out/bench/engine.json');
}
