import { describe, expect, it } from 'vitest';
import { compileNetwork, paramsFromNetwork } from './compile';
import { layeredNetwork } from './build';
import { createTrainer } from './trainer';
import { createWorkspace, loadInputs } from './workspace';
import { forwardBatch } from './forward';
import { circlesSet, twoSpiralsSet, xorSet, type GeneratedSet } from '../data/generators';
import type { ActivationKind } from '../model/activation-kind';
import type { KernelKind } from './simd/module';

function accuracy(kernel: KernelKind, set: GeneratedSet, test: GeneratedSet, hidden: number[], acts: ActivationKind[], epochs: number, lr: number, seed: number): number {
  const net = layeredNetwork([2, ...hidden, 1], { activations: [...acts, 'sigmoid'] });
  const program = compileNetwork(net);
  const trainer = createTrainer(program, paramsFromNetwork(program, net), {
    loss: 'bce',
    optimizer: { kind: 'adam', lr },
    batchSize: 32,
    seed,
    init: 'glorot_uniform',
    kernel,
  });
  for (let e = 0; e < epochs; e++) trainer.epoch(set.X, set.labels, set.nRows);
  // Accuracy on a held-out set drawn with another seed.
  const ws = createWorkspace(program, test.nRows, { kernel });
  expect(ws.kernel).toBe(kernel);
  loadInputs(program, ws, test.X, null, 0, test.nRows);
  forwardBatch(program, trainer.params, ws, test.nRows);
  const out = program.outputs[0] * test.nRows;
  let ok = 0;
  for (let r = 0; r < test.nRows; r++) if ((ws.O[out + r] > 0.5 ? 1 : 0) === test.labels[r]) ok++;
  return ok / test.nRows;
}

// Both dense-block kernels: WebAssembly SIMD (the default) and the JavaScript fallback.
for (const kernel of ['simd', 'js'] as const) describe(`the engine learns the classic toy problems (fixed seeds), ${kernel} kernel`, () => {
  it('XOR reaches ≥ 99% accuracy on held-out points', () => {
    const t0 = Date.now();
    const acc = accuracy(kernel, xorSet(1000, 1), xorSet(1000, 101), [8], ['tanh'], 40, 0.02, 7);
    expect(acc).toBeGreaterThanOrEqual(0.99);
    expect(Date.now() - t0).toBeLessThan(30_000);
  });
  it('circles reaches ≥ 99% on held-out points', () => {
    const t0 = Date.now();
    const acc = accuracy(kernel, circlesSet(1000, 2), circlesSet(1000, 102), [8], ['tanh'], 40, 0.02, 7);
    expect(acc).toBeGreaterThanOrEqual(0.99);
    expect(Date.now() - t0).toBeLessThan(30_000);
  });
  it('two spirals reaches ≥ 95% on held-out points', () => {
    const t0 = Date.now();
    const acc = accuracy(kernel, twoSpiralsSet(1000, 3), twoSpiralsSet(1000, 103), [24, 24], ['tanh', 'tanh'], 300, 0.01, 7);
    expect(acc).toBeGreaterThanOrEqual(0.95);
    expect(Date.now() - t0).toBeLessThan(30_000);
  });
});
