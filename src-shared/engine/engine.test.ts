import { describe, expect, it } from 'vitest';
import { activationScalar, erf, tanhFast } from './activations';
import { layeredNetwork } from './build';
import { CompileError, applyWeightsToNetwork, compileNetwork, paramsFromNetwork, programFor, structureKey } from './compile';
import { skipData, skipNetwork } from './fixtures';
import { forwardSample } from './sample';
import { contributionStats } from './stats';
import { learningRate } from './schedule';
import { DivergenceError, createTrainer } from './trainer';
import { createRng } from './rng';
import { initialise } from './init';
import { createWorkspace, loadInputs } from './workspace';
import { forwardBatch } from './forward';

describe('compile', () => {
  it('groups neurons with identical sources at one level into dense blocks, others stay sparse', () => {
    const p = compileNetwork(skipNetwork('tanh', 'relu', 'mse', 1));
    const shapes = p.blocks.map((b) => `${b.level}:${b.targets.length}x${b.sources.length}`);
    expect(shapes).toEqual(['1:2x3', '2:1x3', '3:1x3', '3:1x3']); // h1,h2 dense; h3; y0 (h3,h1,x1); y1 (h3,h1,x2)
    const mlp = compileNetwork(layeredNetwork([30, 64, 32, 3], { activations: ['relu', 'relu', 'identity'], softmax: true }));
    expect(mlp.blocks.map((b) => `${b.targets.length}x${b.sources.length}`)).toEqual(['64x30', '32x64', '3x32']);
  });
  it('refuses cycles and reports the structure key only when the structure changes', () => {
    const net = skipNetwork('tanh', 'relu', 'mse', 1);
    const moved = { ...net, synapses: net.synapses.map((s) => ({ ...s, weight: s.weight + 1 })) };
    expect(structureKey(moved)).toBe(structureKey(net));
    const rewired = { ...net, synapses: [...net.synapses, { id: 'back', source: 'h3', target: 'h1', weight: 1 }] };
    expect(structureKey(rewired)).not.toBe(structureKey(net));
    expect(() => compileNetwork(rewired)).toThrow(CompileError);
    expect(() => compileNetwork(rewired)).toThrow(/cycle/);
    const p = compileNetwork(net);
    expect(programFor(p, moved)).toBe(p);
    const relabelled = { ...net, neurons: net.neurons.map((n) => (n.id === 'h1' ? { ...n, activation: 'gelu' as const } : n)) };
    expect(programFor(p, relabelled)).not.toBe(p);
  });
  it('binds data columns to chosen neurons and refuses non-inputs', () => {
    const net = skipNetwork('tanh', 'relu', 'mse', 1);
    const p = compileNetwork(net, { inputs: ['x2', 'x0', 'x1'], outputs: ['y1', 'y0'] });
    expect(Array.from(p.inputs, (i) => p.neuronIds[i])).toEqual(['x2', 'x0', 'x1']);
    expect(Array.from(p.outputs, (i) => p.neuronIds[i])).toEqual(['y1', 'y0']);
    expect(() => compileNetwork(net, { inputs: ['h1'] })).toThrow(/not an input/);
  });
  it('round-trips weights and biases through params and back into the document', () => {
    const net = skipNetwork('tanh', 'relu', 'mse', 3);
    const p = compileNetwork(net);
    const params = paramsFromNetwork(p, net);
    params[p.synParam[4]] = 42;
    const back = applyWeightsToNetwork(net, p, params);
    expect(back.synapses[4].weight).toBe(42);
    expect(back.synapses[3].weight).toBe(net.synapses[3].weight);
    expect(back.neurons.map((n) => n.bias)).toEqual(net.neurons.map((n) => n.bias));
  });
});

describe('activations', () => {
  it('tanhFast (the single-sample forward) is within 5e-16 relative of Math.tanh, special values included', () => {
    const rng = createRng(5);
    let worst = 0;
    for (let i = 0; i < 200_000; i++) {
      const x = (rng.next() < 0.5 ? -1 : 1) * (i % 2 ? 25 * rng.next() : 10 ** (-12 * rng.next()));
      worst = Math.max(worst, Math.abs(tanhFast(x) - Math.tanh(x)) / Math.abs(Math.tanh(x)));
    }
    expect(worst).toBeLessThan(5e-16);
    for (const x of [0, -0, 5e-324, -5e-324, 22, -40, Infinity, -Infinity, NaN]) expect(Object.is(tanhFast(x), Math.tanh(x))).toBe(true);
    for (const x of [0.3, -0.7, 1.5, -3, 10]) expect(tanhFast(x)).toBeCloseTo(Math.tanh(x), 15);
  });
  it('erf matches reference values to ~1e-15', () => {
    // Values from Abramowitz & Stegun / mpmath.
    const ref: [number, number][] = [
      [0.1, 0.1124629160182849],
      [0.5, 0.5204998778130465],
      [1, 0.8427007929497149],
      [2, 0.9953222650189527],
      [3, 0.9999779095030014],
      [-1.5, -0.9661051464753108],
    ];
    for (const [x, v] of ref) expect(Math.abs(erf(x) - v)).toBeLessThan(2e-15);
  });
  it('GELU is the exact erf form and softplus follows PyTorch above 20', () => {
    expect(activationScalar('gelu', 1)).toBeCloseTo(0.8413447460685429, 15);
    expect(activationScalar('softplus', 30)).toBe(30);
    expect(activationScalar('sigmoid', -800)).toBe(0);
  });
});

describe('single-sample forward and contributions', () => {
  const net = skipNetwork('tanh', 'elu', 'cce', 4);
  const p = compileNetwork(net);
  const params = paramsFromNetwork(p, net);
  const x = [0.3, -1.2, 0.8];
  it('Σ_j c_ij + b_i = z_i for every non-input neuron and c = w·o', () => {
    const r = forwardSample(p, params, x);
    for (let i = 0; i < net.neurons.length; i++) {
      if (net.neurons[i].role === 'input') continue;
      let sum = params[p.nWeights + i];
      net.synapses.forEach((s, k) => {
        if (p.synTarget[k] === i) {
          expect(r.contributions[k]).toBe(s.weight * r.o[p.synSource[k]]);
          sum += r.contributions[k];
        }
      });
      expect(Math.abs(sum - r.z[i])).toBeLessThan(1e-12);
    }
    const outs = Array.from(p.outputs, (o) => r.o[o]);
    expect(outs.reduce((a, b) => a + b)).toBeCloseTo(1, 14);
  });
  it('the one-pass path (no lesions) equals the general path bit for bit, on a skip graph and a layered MLP', () => {
    const mlp = layeredNetwork([3, 5, 4, 2], { activations: ['tanh', 'relu', 'sigmoid'], softmax: false });
    for (const n of [net, mlp]) {
      const q = compileNetwork(n);
      const w = new Float64Array(q.nParams);
      initialise(q, w, 'glorot_normal', createRng(3));
      for (let i = q.nWeights; i < q.nParams; i++) w[i] = 0.1 * (i % 5) - 0.2;
      const fast = forwardSample(q, w, x);
      const general = forwardSample(q, w, x, {});
      expect(Array.from(fast.z)).toEqual(Array.from(general.z));
      expect(Array.from(fast.o)).toEqual(Array.from(general.o));
      expect(Array.from(fast.contributions)).toEqual(Array.from(general.contributions));
    }
  });
  it('a lesioned synapse gives exactly a fresh forward pass of the network without that edge', () => {
    const sid = 'h1-h3';
    const lesioned = forwardSample(p, params, x, { synapses: [sid] });
    const without = { ...net, synapses: net.synapses.filter((s) => s.id !== sid) };
    const p2 = compileNetwork(without);
    const fresh = forwardSample(p2, paramsFromNetwork(p2, without), x);
    for (let i = 0; i < net.neurons.length; i++) {
      expect(lesioned.z[i]).toBeCloseTo(fresh.z[i], 14);
      expect(lesioned.o[i]).toBeCloseTo(fresh.o[i], 14);
    }
    expect(lesioned.contributions[p.synapseIndex.get(sid)!]).toBe(0);
    const intact = forwardSample(p, params, x);
    expect(intact.o[p.neuronIndex.get('h3')!]).not.toBeCloseTo(lesioned.o[p.neuronIndex.get('h3')!], 6);
  });
  it('a lesioned neuron outputs 0, like removing all its outgoing synapses', () => {
    const lesioned = forwardSample(p, params, x, { neurons: ['h2'] });
    const without = { ...net, synapses: net.synapses.filter((s) => s.source !== 'h2') };
    const p2 = compileNetwork(without);
    const fresh = forwardSample(p2, paramsFromNetwork(p2, without), x);
    expect(lesioned.o[p.neuronIndex.get('h2')!]).toBe(0);
    for (const o of p.outputs) expect(lesioned.o[o]).toBeCloseTo(fresh.o[o], 14);
  });
});

describe('batch forward', () => {
  it('equals per-sample forwards for a big tiled batch (300 rows, dense 4-row kernels, softmax)', () => {
    const net = layeredNetwork([9, 7, 6, 3], { activations: ['gelu', 'relu', 'identity'], softmax: true });
    const p = compileNetwork(net);
    const params = new Float64Array(p.nParams);
    const rng = createRng(9);
    initialise(p, params, 'he_normal', rng);
    for (let i = p.nWeights; i < p.nParams; i++) params[i] = rng.next() - 0.5;
    const n = 300;
    const X = Float64Array.from({ length: n * 9 }, () => rng.normal());
    const ws = createWorkspace(p, n);
    loadInputs(p, ws, X, null, 0, n);
    forwardBatch(p, params, ws, n);
    for (let r = 0; r < n; r++) {
      const one = forwardSample(p, params, X.subarray(r * 9, r * 9 + 9));
      for (let i = 0; i < p.neuronIds.length; i++) {
        expect(ws.Z[i * n + r]).toBeCloseTo(one.z[i], 12);
        expect(ws.O[i * n + r]).toBeCloseTo(one.o[i], 12);
      }
    }
  });
});

describe('contribution statistics over a dataset', () => {
  it('match per-sample forwards, overall and per class', () => {
    const net = skipNetwork('relu', 'tanh', 'mse', 5);
    const p = compileNetwork(net);
    const params = paramsFromNetwork(p, net);
    const { X } = skipData('mse', 300, 6);
    const labels = Array.from({ length: 300 }, (_, r) => r % 3);
    const stats = contributionStats(p, params, X, 300, { labels, nClasses: 3 }, 64);
    const S = net.synapses.length;
    const sum = new Float64Array(S), abs = new Float64Array(S), pos = new Float64Array(S), cls1 = new Float64Array(S);
    for (let r = 0; r < 300; r++) {
      const res = forwardSample(p, params, X.subarray(r * 3, r * 3 + 3));
      for (let s = 0; s < S; s++) {
        const c = res.contributions[s];
        sum[s] += c;
        abs[s] += Math.abs(c);
        if (c > 0) pos[s]++;
        if (labels[r] === 1) cls1[s] += c;
      }
    }
    for (let s = 0; s < S; s++) {
      expect(stats.mean[s]).toBeCloseTo(sum[s] / 300, 12);
      expect(stats.meanAbs[s]).toBeCloseTo(abs[s] / 300, 12);
      expect(stats.excitatoryShare[s]).toBeCloseTo(pos[s] / 300, 12);
      expect(stats.perClass![1].mean[s]).toBeCloseTo(cls1[s] / 100, 12);
    }
    expect(stats.perClass!.map((c) => c.count)).toEqual([100, 100, 100]);
    // ReLU h1 is silent on some rows: its outgoing contributions are not excitatory everywhere.
    expect(Math.min(...stats.excitatoryShare)).toBeLessThan(1);
  });
});

describe('training guards, Dale, state and schedules', () => {
  const net = skipNetwork('tanh', 'sigmoid', 'bce', 8);
  const data = skipData('bce', 64, 9);
  it('keeps outgoing weights of E neurons ≥ 0 and of I neurons ≤ 0 while training', () => {
    const dnet = { ...net, neurons: net.neurons.map((n) => (n.id === 'h1' ? { ...n, dale: 'E' as const } : n.id === 'h2' || n.id === 'x0' ? { ...n, dale: 'I' as const } : n)) };
    const p = compileNetwork(dnet);
    const tr = createTrainer(p, paramsFromNetwork(p, dnet), { loss: 'bce', optimizer: { kind: 'adam', lr: 0.1 }, batchSize: 16, seed: 2, init: 'glorot_uniform' });
    const signs = dnet.synapses.map((s) => dnet.neurons.find((n) => n.id === s.source)!.dale);
    const check = () =>
      dnet.synapses.forEach((_, i) => {
        const w = tr.params[p.synParam[i]];
        if (signs[i] === 'E') expect(w).toBeGreaterThanOrEqual(0);
        if (signs[i] === 'I') expect(w).toBeLessThanOrEqual(0);
      });
    check();
    let clamped = 0;
    for (let e = 0; e < 30; e++) {
      tr.epoch(data.X, data.Y, 64);
      check();
      clamped += dnet.synapses.filter((_, i) => signs[i] && tr.params[p.synParam[i]] === 0).length;
    }
    // Free synapses do change sign sometimes; the Dale ones would have too without projection.
    expect(clamped).toBeGreaterThan(0);
  });
  it('stops on NaN with the epoch and step, keeping the last good weights', () => {
    const p = compileNetwork(net);
    const tr = createTrainer(p, paramsFromNetwork(p, net), { loss: 'bce', optimizer: { kind: 'sgd', lr: 0.1 }, batchSize: 16, seed: 2 });
    tr.epoch(data.X, data.Y, 64);
    const before = tr.getWeights();
    const bad = Float64Array.from(data.X);
    bad[3 * 40] = NaN;
    let err: unknown;
    try {
      tr.step(bad, data.Y, null, 32, 16);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DivergenceError);
    expect((err as DivergenceError).message).toMatch(/epoch 2, step 1:/);
    expect((err as DivergenceError).epoch).toBe(1);
    expect(tr.getWeights()).toEqual(before);
    // Every optimiser reports the non-finite weight its own update made.
    for (const kind of ['sgd', 'momentum', 'adam', 'adamw'] as const) {
      const huge = createTrainer(p, paramsFromNetwork(p, net), { loss: 'bce', optimizer: { kind, lr: Infinity }, batchSize: 16, seed: 2 });
      const start = huge.getWeights();
      expect(() => huge.step(data.X, data.Y, null, 0, 16)).toThrow(/weight is NaN or infinite/);
      expect(huge.getWeights()).toEqual(start);
    }
  });
  it('resumes exactly from a serialised state (Adam moments, counters, shuffle RNG)', () => {
    const p = compileNetwork(net);
    const cfg = { loss: 'bce' as const, optimizer: { kind: 'adam' as const, lr: 0.01 }, batchSize: 16, seed: 5, init: 'he_normal' as const };
    const a = createTrainer(p, paramsFromNetwork(p, net), cfg);
    for (let e = 0; e < 3; e++) a.epoch(data.X, data.Y, 64);
    const saved = JSON.parse(JSON.stringify(a.getState(), (_, v) => (v instanceof Float64Array ? { f64: Array.from(v) } : v)), (_, v) =>
      v && typeof v === 'object' && 'f64' in v ? Float64Array.from(v.f64) : v,
    );
    for (let e = 0; e < 3; e++) a.epoch(data.X, data.Y, 64);
    const b = createTrainer(p, new Float64Array(p.nParams), { ...cfg, seed: 999, init: 'zeros' });
    b.setState(saved);
    for (let e = 0; e < 3; e++) b.epoch(data.X, data.Y, 64);
    expect(b.getWeights()).toEqual(a.getWeights());
  });
  it('learning-rate schedules: constant, step, cosine', () => {
    expect(learningRate(0.1, { kind: 'constant' }, 50)).toBe(0.1);
    expect(learningRate(0.1, { kind: 'step', every: 10, gamma: 0.5 }, 25)).toBeCloseTo(0.025, 15);
    expect(learningRate(0.1, { kind: 'cosine', totalSteps: 100, minLr: 0 }, 50)).toBeCloseTo(0.05, 15);
    expect(learningRate(0.1, { kind: 'cosine', totalSteps: 100, minLr: 0.01 }, 500)).toBeCloseTo(0.01, 15);
  });
  it('initialisers follow their scale and the seed', () => {
    const p = compileNetwork(layeredNetwork([200, 100, 2], { activations: ['relu', 'sigmoid'] }));
    const a = new Float64Array(p.nParams);
    initialise(p, a, 'he_uniform', createRng(1));
    const b = new Float64Array(p.nParams);
    initialise(p, b, 'he_uniform', createRng(1));
    expect(b).toEqual(a);
    const first = a.subarray(0, 200 * 100);
    const lim = Math.sqrt(6 / 200);
    expect(Math.max(...first.map(Math.abs))).toBeLessThanOrEqual(lim);
    expect(Math.max(...first.map(Math.abs))).toBeGreaterThan(0.99 * lim);
    const g = new Float64Array(p.nParams);
    initialise(p, g, 'glorot_normal', createRng(2));
    const w = g.subarray(0, 20000);
    const std = Math.sqrt(w.reduce((s, v) => s + v * v, 0) / w.length);
    expect(std).toBeCloseTo(Math.sqrt(2 / (200 + 2 + 0)), 1);
  });
});
