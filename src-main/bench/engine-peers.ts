// The peers the engine is measured against: a plain-JS dense MLP (the naive reference), tfjs (cpu and wasm) and brain.js.
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { Workload, WorkloadData } from './engine-workloads';

/** What one training run measured; when capped, only `samples` of `totalSamples` ran and the rate is extrapolated. */
export interface TrainMeasure {
  samples: number;
  totalSamples: number;
  /** Wall-clock seconds. */
  seconds: number;
  /** CPU seconds of this process (user + system): robust to other processes sharing the cores. */
  cpuSeconds: number;
  note?: string;
}

const now = () => performance.now() / 1000;
/** CPU seconds this process has used: caps count them, so a busy machine does not cut a peer's measurement short. */
export const cpuNow = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1e6;
};

/** Starts a wall + CPU stopwatch. */
export function stopwatch(): () => { seconds: number; cpuSeconds: number } {
  const t0 = now();
  const c0 = process.cpuUsage();
  return () => {
    const c = process.cpuUsage(c0);
    return { seconds: now() - t0, cpuSeconds: (c.user + c.system) / 1e6 };
  };
}

/** The middle value (the upper one of an even count). */
export const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];

/** A seeded row order per epoch, shared by every implementation so they do the same work. */
function epochOrder(rows: number, epoch: number): Int32Array {
  const o = Int32Array.from({ length: rows }, (_, i) => i);
  let s = (epoch + 1) * 2654435761;
  for (let i = rows - 1; i > 0; i--) {
    s = (Math.imul(s ^ (s >>> 15), 2246822507) + i) >>> 0;
    const j = s % (i + 1);
    const t = o[i];
    o[i] = o[j];
    o[j] = t;
  }
  return o;
}

/** The naive reference: a straightforward per-sample dense MLP on plain arrays with Adam, written the obvious way. */
export class NaiveMlp {
  W: number[][][] = [];
  b: number[][] = [];
  private mW: number[][][] = [];
  private vW: number[][][] = [];
  private mb: number[][] = [];
  private vb: number[][] = [];
  private gW: number[][][] = [];
  private gb: number[][] = [];
  private t = 0;

  constructor(
    readonly sizes: number[],
    readonly hidden: 'tanh' | 'relu',
    readonly loss: 'bce' | 'cce',
    readonly lr: number,
  ) {
    let seed = 1;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1;
    for (let l = 1; l < sizes.length; l++) {
      const lim = Math.sqrt(6 / (sizes[l - 1] + sizes[l]));
      const mk = (f: () => number) => Array.from({ length: sizes[l] }, () => Array.from({ length: sizes[l - 1] }, f));
      this.W.push(mk(() => rnd() * lim));
      for (const arr of [this.mW, this.vW, this.gW]) arr.push(mk(() => 0));
      for (const arr of [this.b, this.mb, this.vb, this.gb]) arr.push(new Array(sizes[l]).fill(0));
    }
  }

  /** Activations of every layer for one sample (the last layer holds probabilities). */
  forward(x: number[]): number[][] {
    const acts = [x];
    const L = this.W.length;
    for (let l = 0; l < L; l++) {
      const prev = acts[l];
      const out: number[] = [];
      for (let i = 0; i < this.W[l].length; i++) {
        let z = this.b[l][i];
        const row = this.W[l][i];
        for (let k = 0; k < prev.length; k++) z += row[k] * prev[k];
        out.push(l < L - 1 ? (this.hidden === 'tanh' ? Math.tanh(z) : Math.max(0, z)) : z);
      }
      if (l === L - 1) {
        if (this.loss === 'bce') out[0] = 1 / (1 + Math.exp(-out[0]));
        else {
          const m = Math.max(...out);
          let s = 0;
          for (let i = 0; i < out.length; i++) s += out[i] = Math.exp(out[i] - m);
          for (let i = 0; i < out.length; i++) out[i] /= s;
        }
      }
      acts.push(out);
    }
    return acts;
  }

  /** One Adam step on a batch of samples. */
  trainBatch(xs: number[][], ys: number[][]): void {
    const L = this.W.length;
    for (let l = 0; l < L; l++) {
      for (const row of this.gW[l]) row.fill(0);
      this.gb[l].fill(0);
    }
    for (let s = 0; s < xs.length; s++) {
      const acts = this.forward(xs[s]);
      let delta = acts[L].map((p, i) => (p - ys[s][i]) / xs.length);
      for (let l = L - 1; l >= 0; l--) {
        const prev = acts[l];
        const next = new Array(prev.length).fill(0);
        for (let i = 0; i < delta.length; i++) {
          this.gb[l][i] += delta[i];
          for (let k = 0; k < prev.length; k++) {
            this.gW[l][i][k] += delta[i] * prev[k];
            next[k] += this.W[l][i][k] * delta[i];
          }
        }
        if (l > 0) delta = next.map((g, k) => (this.hidden === 'tanh' ? g * (1 - prev[k] * prev[k]) : prev[k] > 0 ? g : 0));
      }
    }
    this.t++;
    const c1 = 1 - 0.9 ** this.t;
    const c2 = 1 - 0.999 ** this.t;
    const upd = (w: number[], g: number[], m: number[], v: number[]) => {
      for (let k = 0; k < w.length; k++) {
        m[k] = 0.9 * m[k] + 0.1 * g[k];
        v[k] = 0.999 * v[k] + 0.001 * g[k] * g[k];
        w[k] -= (this.lr * (m[k] / c1)) / (Math.sqrt(v[k] / c2) + 1e-8);
      }
    };
    for (let l = 0; l < L; l++) {
      for (let i = 0; i < this.W[l].length; i++) upd(this.W[l][i], this.gW[l][i], this.mW[l][i], this.vW[l][i]);
      upd(this.b[l], this.gb[l], this.mb[l], this.vb[l]);
    }
  }
}

function rowsOf(d: WorkloadData, w: Workload): { xs: number[][]; ys: number[][] } {
  const nIn = w.sizes[0];
  const nOut = w.sizes[w.sizes.length - 1];
  return {
    xs: Array.from({ length: w.rows }, (_, r) => Array.from(d.X.subarray(r * nIn, r * nIn + nIn))),
    ys: Array.from({ length: w.rows }, (_, r) => Array.from(d.Y.subarray(r * nOut, r * nOut + nOut))),
  };
}

/** Trains the naive MLP on the workload, stopping after `capSeconds` (the rate is then extrapolated). */
export function trainNaive(w: Workload, d: WorkloadData, capSeconds: number): TrainMeasure {
  const net = new NaiveMlp(w.sizes, w.hidden as 'tanh' | 'relu', w.loss, w.lr);
  const { xs, ys } = rowsOf(d, w);
  const total = w.rows * w.epochs;
  let samples = 0;
  const t0 = cpuNow();
  const stop = stopwatch();
  outer: for (let e = 0; e < w.epochs; e++) {
    const order = epochOrder(w.rows, e);
    for (let s = 0; s < w.rows; s += w.batch) {
      const idx = Array.from(order.subarray(s, Math.min(w.rows, s + w.batch)));
      net.trainBatch(idx.map((i) => xs[i]), idx.map((i) => ys[i]));
      samples += idx.length;
      if (cpuNow() - t0 > capSeconds) break outer;
    }
  }
  return { samples, totalSamples: total, ...stop() };
}

let gradientsReady = false;
/**
 * tfjs-core's Node bundle ships no gradient registrations (the tfjs umbrella package adds them from ESM sources Node
 * cannot load directly), so they are bundled once with esbuild (already present under vite/tsx) into out/bench and
 * imported; they register into tfjs' global gradient registry.
 */
async function registerTfGradients(): Promise<void> {
  if (gradientsReady) return;
  const require = createRequire(import.meta.url);
  const { buildSync } = (await import('esbuild')) as typeof import('esbuild');
  const outfile = resolve('out/bench/tfjs-gradients.mjs');
  buildSync({ entryPoints: [require.resolve('@tensorflow/tfjs-core/dist/register_all_gradients.js')], bundle: true, format: 'esm', platform: 'node', outfile, logLevel: 'error' });
  await import(pathToFileURL(outfile).href);
  gradientsReady = true;
}

let wasmReady = false;
/** Switches tfjs to 'cpu' or 'wasm' (the wasm binaries load offline from node_modules). */
export async function useTfBackend(name: 'cpu' | 'wasm'): Promise<string> {
  await registerTfGradients();
  if (name === 'wasm' && !wasmReady) {
    const require = createRequire(import.meta.url);
    setWasmPaths(`${dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm'))}/`);
    wasmReady = true;
  }
  await tf.setBackend(name);
  await tf.ready();
  if (name === 'cpu') return 'tfjs-cpu';
  return `tfjs-wasm (SIMD ${tf.env().getBool('WASM_HAS_SIMD_SUPPORT') ? 'on' : 'off'}, threads ${tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT') ? 'on' : 'off'})`;
}

interface TfModel {
  vars: tf.Variable[];
  logits: (x: tf.Tensor2D) => tf.Tensor2D;
}

function tfModel(w: Workload): TfModel {
  const vars: tf.Variable[] = [];
  for (let l = 1; l < w.sizes.length; l++) {
    const lim = Math.sqrt(6 / (w.sizes[l - 1] + w.sizes[l]));
    vars.push(tf.variable(tf.randomUniform([w.sizes[l - 1], w.sizes[l]], -lim, lim, 'float32', l)), tf.variable(tf.zeros([w.sizes[l]])));
  }
  const L = w.sizes.length - 1;
  return {
    vars,
    logits: (x) => {
      let h: tf.Tensor2D = x;
      for (let l = 0; l < L; l++) {
        const z = tf.add(tf.matMul(h, vars[2 * l] as tf.Tensor2D), vars[2 * l + 1]) as tf.Tensor2D;
        h = l < L - 1 ? (w.hidden === 'tanh' ? tf.tanh(z) : tf.relu(z)) : z;
      }
      return h;
    },
  };
}

/**
 * How tfjs gets each training batch: 'gather' takes the rows out of one big tensor with tf.gather; 'fresh' copies them
 * in JavaScript into a new tf.tensor2d per batch (faster on the wasm backend). The bench measures both and keeps the best.
 */
export type TfBatchFeed = 'gather' | 'fresh';

/** Trains the same MLP with tfjs (Adam, float32) on the current backend, capped at `capSeconds`. */
export function trainTf(w: Workload, d: WorkloadData, capSeconds: number, feed: TfBatchFeed = 'gather'): TrainMeasure {
  const nIn = w.sizes[0];
  const nOut = w.sizes[w.sizes.length - 1];
  const X32 = Float32Array.from(d.X);
  const Y32 = Float32Array.from(d.Y);
  const X = tf.tensor2d(X32, [w.rows, nIn]);
  const Y = tf.tensor2d(Y32, [w.rows, nOut]);
  const xb = new Float32Array(w.batch * nIn);
  const yb = new Float32Array(w.batch * nOut);
  const model = tfModel(w);
  const opt = tf.train.adam(w.lr);
  const lossFn = (xb: tf.Tensor2D, yb: tf.Tensor2D) => () =>
    (w.loss === 'bce' ? tf.losses.sigmoidCrossEntropy(yb, model.logits(xb)) : tf.losses.softmaxCrossEntropy(yb, model.logits(xb))) as tf.Scalar;
  let samples = 0;
  const t0 = cpuNow();
  const stop = stopwatch();
  outer: for (let e = 0; e < w.epochs; e++) {
    const order = epochOrder(w.rows, e);
    for (let s = 0; s < w.rows; s += w.batch) {
      const idx = order.subarray(s, Math.min(w.rows, s + w.batch));
      tf.tidy(() => {
        let bx: tf.Tensor2D;
        let by: tf.Tensor2D;
        if (feed === 'gather') {
          const it = tf.tensor1d(idx, 'int32');
          bx = tf.gather(X, it) as tf.Tensor2D;
          by = tf.gather(Y, it) as tf.Tensor2D;
        } else {
          for (let r = 0; r < idx.length; r++) {
            xb.set(X32.subarray(idx[r] * nIn, idx[r] * nIn + nIn), r * nIn);
            yb.set(Y32.subarray(idx[r] * nOut, idx[r] * nOut + nOut), r * nOut);
          }
          bx = tf.tensor2d(xb.subarray(0, idx.length * nIn), [idx.length, nIn]);
          by = tf.tensor2d(yb.subarray(0, idx.length * nOut), [idx.length, nOut]);
        }
        const l = opt.minimize(lossFn(bx, by), true, model.vars);
        l?.dataSync();
      });
      samples += idx.length;
      if (cpuNow() - t0 > capSeconds) break outer;
    }
  }
  const time = stop();
  tf.dispose([X, Y, ...model.vars]);
  opt.dispose();
  return { samples, totalSamples: w.rows * w.epochs, ...time, note: `batches by ${feed === 'gather' ? 'tf.gather' : 'a fresh tf.tensor2d'}` };
}

/**
 * Inference throughput of tfjs on the current backend at the given batch size, softmax and dataSync included.
 * 'slice' cuts each batch out of one big tensor (slow on the wasm backend); 'fresh' makes a new tf.tensor2d per batch.
 */
export function inferTf(w: Workload, d: WorkloadData, batch: number, capSeconds: number, feed: 'slice' | 'fresh' = 'fresh'): TrainMeasure {
  const nIn = w.sizes[0];
  const model = tfModel(w);
  const X32 = Float32Array.from(d.X);
  const X = tf.tensor2d(X32, [w.rows, nIn]);
  let samples = 0;
  const t0 = cpuNow();
  const stop = stopwatch();
  while (cpuNow() - t0 < capSeconds) {
    for (let s = 0; s + batch <= w.rows && cpuNow() - t0 < capSeconds; s += batch) {
      tf.tidy(() => {
        const xb = feed === 'slice' ? (tf.slice(X, [s, 0], [batch, nIn]) as tf.Tensor2D) : tf.tensor2d(X32.subarray(s * nIn, (s + batch) * nIn), [batch, nIn]);
        tf.softmax(model.logits(xb)).dataSync();
      });
      samples += batch;
    }
  }
  const time = stop();
  tf.dispose([X, ...model.vars]);
  return { samples, totalSamples: samples, ...time, note: feed === 'slice' ? 'batches by tf.slice' : 'a fresh tf.tensor2d per batch' };
}

/**
 * brain.js 1.6.1 has neither Adam nor softmax nor mini-batches: its closest configuration is per-sample SGD with
 * momentum 0.1, the same hidden sizes and activation, sigmoid outputs and MSE. It runs whole epochs, so it trains on
 * a prefix of the rows sized from a probe to fit `capSeconds`, and the rate is extrapolated.
 */
export function trainBrain(w: Workload, d: WorkloadData, capSeconds: number): TrainMeasure {
  const require = createRequire(import.meta.url);
  const brain = require('brain.js') as { NeuralNetwork: new (o: object) => { train(data: object[], o: object): unknown } };
  const nIn = w.sizes[0];
  const nOut = w.sizes[w.sizes.length - 1];
  const data = (n: number) =>
    Array.from({ length: n }, (_, r) => ({ input: Array.from(d.X.subarray(r * nIn, r * nIn + nIn)), output: Array.from(d.Y.subarray(r * nOut, r * nOut + nOut)) }));
  const make = () => new brain.NeuralNetwork({ hiddenLayers: w.sizes.slice(1, -1), activation: w.hidden, learningRate: w.lr });
  const probeRows = Math.min(w.rows, 500);
  const probe = data(probeRows);
  const t0 = cpuNow();
  make().train(probe, { iterations: 1, errorThresh: 1e-9, learningRate: w.lr });
  const rate = probeRows / (cpuNow() - t0);
  const rows = Math.max(probeRows, Math.min(w.rows, Math.floor((rate * capSeconds) / w.epochs)));
  const set = data(rows);
  const stop = stopwatch();
  make().train(set, { iterations: w.epochs, errorThresh: 1e-9, learningRate: w.lr });
  return { samples: rows * w.epochs, totalSamples: w.rows * w.epochs, ...stop(), note: 'per-sample SGD+momentum, sigmoid outputs, MSE (no Adam/softmax in brain.js)' };
}
