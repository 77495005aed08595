import { describe, expect, it } from 'vitest';
import { ACTIVATION_KINDS } from '../model/activation-kind';
import { compileNetwork, paramsFromNetwork } from './compile';
import { createTrainer } from './trainer';
import { skipData, skipNetwork } from './fixtures';
import type { LossKind } from './loss';
import type { Network } from '../model/network';
import { layeredNetwork } from './build';
import { initialise } from './init';
import { createRng } from './rng';
import type { KernelKind } from './simd/module';

/** Central finite differences of the trainer's loss against its analytic gradient, over every parameter. */
function checkGradient(kernel: KernelKind, net: Network, loss: LossKind, data: { X: Float64Array; Y: Float64Array }, l2 = 0, init?: Float64Array): number {
  const program = compileNetwork(net);
  const params = init ?? paramsFromNetwork(program, net);
  const n = data.X.length / program.inputs.length;
  const cfg = { loss, optimizer: { kind: 'sgd' as const, lr: 0 }, batchSize: n, seed: 1, l2, kernel };
  const tr = createTrainer(program, params, cfg);
  const { grad } = tr.gradient(data.X, data.Y, null, 0, n);
  let worst = 0;
  const inputSet = new Set(program.inputs);
  for (let i = 0; i < program.nParams; i++) {
    if (i >= program.nWeights && inputSet.has(i - program.nWeights)) continue; // input biases are unused
    const h = 1e-6 * Math.max(1, Math.abs(params[i]));
    const plus = Float64Array.from(params);
    plus[i] += h;
    const minus = Float64Array.from(params);
    minus[i] -= h;
    const lp = createTrainer(program, plus, cfg).gradient(data.X, data.Y, null, 0, n).loss;
    const lm = createTrainer(program, minus, cfg).gradient(data.X, data.Y, null, 0, n).loss;
    const fd = (lp - lm) / (2 * h);
    worst = Math.max(worst, Math.abs(fd - grad[i]) / Math.max(1e-3, Math.abs(fd), Math.abs(grad[i])));
  }
  return worst;
}

// Both dense-block kernels: WebAssembly SIMD (the default) and the JavaScript fallback.
for (const kernel of ['simd', 'js'] as const) describe(`analytic gradients match finite differences (skip connections, mixed activations), ${kernel} kernel`, () => {
  const kinds = ACTIVATION_KINDS;
  for (const loss of ['mse', 'bce', 'cce'] as const) {
    for (const [i, a] of kinds.entries()) {
      const b = kinds[(i + 3) % kinds.length];
      it(`${a} + ${b} hidden, ${loss}${loss === 'mse' ? ` (outputs ${a})` : ''}`, () => {
        const worst = checkGradient(kernel, skipNetwork(a, b, loss, 10 + i), loss, skipData(loss, 16, 20 + i));
        expect(worst).toBeLessThan(1e-6);
      });
    }
  }
  it('MSE through a softmax group, with an L2 penalty', () => {
    const worst = checkGradient(kernel, skipNetwork('tanh', 'gelu', 'mse', 5, true), 'mse', skipData('mse', 16, 6, true), 0.05);
    expect(worst).toBeLessThan(1e-6);
  });
  it('BCE and CCE with an L2 penalty', () => {
    expect(checkGradient(kernel, skipNetwork('elu', 'silu', 'bce', 7), 'bce', skipData('bce', 16, 8), 0.1)).toBeLessThan(1e-6);
    expect(checkGradient(kernel, skipNetwork('softplus', 'sine', 'cce', 7), 'cce', skipData('cce', 16, 8), 0.1)).toBeLessThan(1e-6);
  });
  it('dense layers wide enough for the blocked kernels (4 and 2 rows × 4 sources, odd rows, fused ReLU and identity)', () => {
    for (const [loss, acts] of [['cce', ['tanh', 'elu', 'sigmoid']], ['mse', ['tanh', 'elu', 'sigmoid']], ['cce', ['relu', 'relu', 'identity']], ['mse', ['relu', 'identity', 'identity']]] as const) {
      const net = layeredNetwork([9, 7, 6, 3], { activations: [...acts], softmax: loss === 'cce' });
      const program = compileNetwork(net);
      const params = new Float64Array(program.nParams);
      const rng = createRng(4);
      initialise(program, params, 'he_normal', rng);
      for (let i = program.nWeights; i < program.nParams; i++) params[i] = rng.next() - 0.5;
      const n = 12;
      const X = Float64Array.from({ length: n * 9 }, () => rng.normal());
      const Y = new Float64Array(n * 3);
      for (let r = 0; r < n; r++) Y[r * 3 + (r % 3)] = 1;
      expect(checkGradient(kernel, net, loss, { X, Y }, 0, params)).toBeLessThan(1e-6);
    }
  });
});
