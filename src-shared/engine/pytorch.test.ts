import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ActivationKind } from '../model/activation-kind';
import type { Network } from '../model/network';
import { compileNetwork, type Program } from './compile';
import { applyWeightsToNetwork, paramsFromNetwork } from './compile';
import { layeredNetwork } from './build';
import { initialise } from './init';
import { skipData, skipNetwork } from './fixtures';
import { forwardBatch } from './forward';
import type { LossKind } from './loss';
import type { OptimizerConfig } from './optimizer';
import { createRng, shuffle } from './rng';
import type { Schedule } from './schedule';
import { createTrainer } from './trainer';
import { createWorkspace, loadInputs } from './workspace';

interface Case {
  name: string;
  a: ActivationKind;
  b: ActivationKind;
  loss: LossKind;
  optimizer: OptimizerConfig;
  schedule?: Schedule;
  l1?: number;
  l2?: number;
  mseSoftmax?: boolean;
  dale?: boolean;
  /** Use a fully connected 9 → 8 → 5 → 3 network instead of the skip graph (exercises the blocked dense kernels). */
  layered?: boolean;
}

const CASES: Case[] = [
  { name: 'MSE, tanh/gelu, Adam', a: 'tanh', b: 'gelu', loss: 'mse', optimizer: { kind: 'adam', lr: 0.01 } },
  { name: 'BCE, relu/silu, Adam', a: 'relu', b: 'silu', loss: 'bce', optimizer: { kind: 'adam', lr: 0.01 } },
  { name: 'CCE, elu/softplus, Adam', a: 'elu', b: 'softplus', loss: 'cce', optimizer: { kind: 'adam', lr: 0.01 } },
  { name: 'MSE through softmax, sigmoid/sine, Adam + L2', a: 'sigmoid', b: 'sine', loss: 'mse', mseSoftmax: true, l2: 0.01, optimizer: { kind: 'adam', lr: 0.02 } },
  { name: 'CCE, leaky_relu/gaussian, Nesterov momentum + step schedule', a: 'leaky_relu', b: 'gaussian', loss: 'cce', optimizer: { kind: 'momentum', lr: 0.05, momentum: 0.9, nesterov: true }, schedule: { kind: 'step', every: 30, gamma: 0.5 } },
  { name: 'BCE, tanh/identity, AdamW + cosine + L1 + Dale', a: 'tanh', b: 'identity', loss: 'bce', l1: 0.001, dale: true, optimizer: { kind: 'adamw', lr: 0.02, weightDecay: 0.05 }, schedule: { kind: 'cosine', totalSteps: 100, minLr: 0.001 } },
  { name: 'MSE, gelu/elu, plain SGD with momentum', a: 'gelu', b: 'elu', loss: 'mse', optimizer: { kind: 'momentum', lr: 0.05, momentum: 0.5 } },
  { name: 'CCE, dense 9→8→5→3 relu/tanh, Adam', a: 'relu', b: 'tanh', loss: 'cce', layered: true, optimizer: { kind: 'adam', lr: 0.01 } },
  { name: 'BCE, dense 9→8→5→3 gelu/silu, AdamW', a: 'gelu', b: 'silu', loss: 'bce', layered: true, optimizer: { kind: 'adamw', lr: 0.01 } },
  { name: 'MSE, silu/softplus, SGD', a: 'silu', b: 'softplus', loss: 'mse', optimizer: { kind: 'sgd', lr: 0.1 } },
];

const ROWS = 64;
const BATCH = 8;
const STEPS = 100;

function batches(seed: number): number[][] {
  const rng = createRng(seed);
  const order = Int32Array.from({ length: ROWS }, (_, i) => i);
  const out: number[][] = [];
  while (out.length < STEPS) {
    shuffle(order, rng);
    for (let s = 0; s < ROWS && out.length < STEPS; s += BATCH) out.push(Array.from(order.subarray(s, s + BATCH)));
  }
  return out;
}

function denseNetwork(c: Case, seed: number): Network {
  const net = layeredNetwork([9, 8, 5, 3], { activations: [c.a, c.b, c.loss === 'bce' ? 'sigmoid' : 'identity'], softmax: c.loss === 'cce' });
  const p = compileNetwork(net);
  const params = new Float64Array(p.nParams);
  const rng = createRng(seed);
  initialise(p, params, 'glorot_uniform', rng);
  for (let i = p.nWeights; i < p.nParams; i++) params[i] = (rng.next() - 0.5) * 0.2;
  return applyWeightsToNetwork(net, p, params);
}

function denseData(loss: LossKind, seed: number): { X: Float64Array; Y: Float64Array } {
  const rng = createRng(seed);
  const X = Float64Array.from({ length: ROWS * 9 }, () => rng.normal());
  const Y = new Float64Array(ROWS * 3);
  for (let r = 0; r < ROWS; r++) {
    if (loss === 'cce') Y[r * 3 + rng.int(3)] = 1;
    else for (let k = 0; k < 3; k++) Y[r * 3 + k] = rng.int(2);
  }
  return { X, Y };
}

function exportCase(net: Network, program: Program, params: Float64Array, c: Case, X: Float64Array, Y: Float64Array, order: number[][]) {
  return {
    neurons: net.neurons.map((n, i) => ({ act: n.activation, bias: params[program.nWeights + i] })),
    synapses: net.synapses.map((_s, i) => ({ src: program.synSource[i], tgt: program.synTarget[i], w: params[program.synParam[i]] })),
    daleSign: net.synapses.map((_, i) => program.weightSign[program.synParam[i]]),
    inputs: Array.from(program.inputs),
    outputs: Array.from(program.outputs),
    groups: program.softmaxGroups.map((g) => Array.from(g)),
    loss: c.loss,
    l1: c.l1 ?? 0,
    l2: c.l2 ?? 0,
    optimizer: c.optimizer,
    schedule: c.schedule ?? null,
    X: Array.from(X),
    Y: Array.from(Y),
    batches: order,
  };
}

/** |a − b| within rel·max(|a|, |b|) (plus a tiny floor for values that are 0 in both). */
function expectClose(a: number, b: number, rel: number, what: string): void {
  const tol = rel * Math.max(Math.abs(a), Math.abs(b)) + 1e-12;
  if (!(Math.abs(a - b) <= tol)) throw new Error(`${what}: engine ${a} vs PyTorch ${b} (|diff| ${Math.abs(a - b)} > ${tol})`);
}

function runTorch(cases: unknown[]): { torch: string; results: Record<string, number[] & number[][] & number>[] } {
  const dir = mkdtempSync(join(tmpdir(), 'neurite-torch-'));
  const inPath = join(dir, 'in.json');
  const outPath = join(dir, 'out.json');
  writeFileSync(inPath, JSON.stringify({ cases }));
  const script = new URL('./pytorch-reference.py', import.meta.url).pathname;
  const r = spawnSync('/usr/bin/python3', [script, inPath, outPath], { encoding: 'utf8', timeout: 120_000 });
  if (r.error) throw new Error(`Could not run /usr/bin/python3 (${r.error.message}); install Python and PyTorch: apt-get install python3-torch`);
  if (r.status !== 0) {
    const missing = r.status === 3 || /No module named 'torch'/.test(r.stderr);
    throw new Error(missing ? 'PyTorch is missing for /usr/bin/python3: apt-get install python3-torch' : `pytorch-reference.py failed (${r.status}): ${r.stderr}`);
  }
  return JSON.parse(readFileSync(outPath, 'utf8'));
}

describe('the engine agrees with PyTorch (float64): forward, gradients, and 100 optimiser steps', () => {
  const prepared = CASES.map((c, k) => {
    const net = c.layered ? denseNetwork(c, 100 + k) : skipNetwork(c.a, c.b, c.loss, 100 + k, c.mseSoftmax);
    if (c.dale) {
      net.neurons.find((n) => n.id === 'h1')!.dale = 'E';
      net.neurons.find((n) => n.id === 'h2')!.dale = 'I';
      net.neurons.find((n) => n.id === 'x1')!.dale = 'I';
    }
    const data = c.layered ? denseData(c.loss, 200 + k) : skipData(c.loss, ROWS, 200 + k, c.mseSoftmax);
    const program = compileNetwork(net);
    // The trainer's starting weights (with Dale, initialisation puts every weight on its neuron's side).
    const initial = createTrainer(program, paramsFromNetwork(program, net), { loss: c.loss, optimizer: c.optimizer, batchSize: BATCH, seed: 1, kernel: 'js' }).getWeights();
    const order = batches(300 + k);
    return { c, net, data, program, initial, order, exported: exportCase(net, program, initial, c, data.X, data.Y, order) };
  });
  const torch = runTorch(prepared.map((p) => p.exported));

  // Both dense-block kernels: WebAssembly SIMD (the default) and the JavaScript fallback.
  for (const kernel of ['simd', 'js'] as const) describe(`${kernel} kernel`, () => prepared.forEach(({ c, net, data, program, initial, order }, k) => {
    it(c.name, () => {
      const trainer = createTrainer(program, initial, {
        loss: c.loss,
        optimizer: c.optimizer,
        schedule: c.schedule,
        l1: c.l1,
        l2: c.l2,
        batchSize: BATCH,
        seed: 1,
        kernel,
      });
      const ref = torch.results[k];
      const first = order[0];
      // Forward: every neuron's z and o on the first batch.
      const ws = createWorkspace(program, BATCH, { kernel });
      expect(ws.kernel).toBe(kernel);
      loadInputs(program, ws, data.X, first, 0, BATCH);
      forwardBatch(program, trainer.params, ws, BATCH);
      const inputSet = new Set(program.inputs);
      for (let i = 0; i < net.neurons.length; i++) {
        if (inputSet.has(i)) continue;
        for (let b = 0; b < BATCH; b++) {
          expectClose(ws.Z[i * BATCH + b], ref.z[i][b], 1e-5, `z of ${net.neurons[i].id}, row ${b}`);
          expectClose(ws.O[i * BATCH + b], ref.o[i][b], 1e-5, `o of ${net.neurons[i].id}, row ${b}`);
        }
      }
      // Loss and gradients on the first batch.
      const { loss, grad } = trainer.gradient(data.X, data.Y, first, 0, BATCH);
      expectClose(loss, ref.loss, 1e-5, 'loss');
      net.synapses.forEach((s, i) => expectClose(grad[program.synParam[i]], ref.gradW[i], 1e-5, `dL/dw of ${s.id}`));
      net.neurons.forEach((n, i) => {
        if (!inputSet.has(i)) expectClose(grad[program.nWeights + i], ref.gradB[i], 1e-5, `dL/db of ${n.id}`);
      });
      // 100 optimiser steps over the same batch order.
      const flat = order.flat();
      for (let t = 0; t < STEPS; t++) {
        const l = trainer.step(data.X, data.Y, flat, t * BATCH, BATCH);
        expectClose(l, ref.losses[t], 1e-4, `loss at step ${t}`);
      }
      const p = trainer.params;
      net.synapses.forEach((s, i) => expectClose(p[program.synParam[i]], ref.finalW[i], 1e-4, `weight of ${s.id} after ${STEPS} steps`));
      net.neurons.forEach((n, i) => {
        if (!inputSet.has(i)) expectClose(p[program.nWeights + i], ref.finalB[i], 1e-4, `bias of ${n.id} after ${STEPS} steps`);
      });
      if (c.dale) {
        for (let w = 0; w < program.nWeights; w++) {
          if (program.weightSign[w] === 1) expect(p[w]).toBeGreaterThanOrEqual(0);
          if (program.weightSign[w] === -1) expect(p[w]).toBeLessThanOrEqual(0);
        }
      }
      // The weights really moved: a comparison of two untrained copies would prove nothing.
      const moved = net.synapses.some((_, i) => Math.abs(p[program.synParam[i]] - (prepared[k].exported.synapses[i].w as number)) > 1e-3);
      expect(moved).toBe(true);
    });
  }));
});
