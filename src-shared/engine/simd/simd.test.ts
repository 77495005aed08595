import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ACTIVATION_KINDS, type ActivationKind } from '../../model/activation-kind';
import { layeredNetwork } from '../build';
import { compileNetwork, paramsFromNetwork } from '../compile';
import { skipData, skipNetwork } from '../fixtures';
import { forwardBatch } from '../forward';
import { initialise } from '../init';
import { createRng } from '../rng';
import { createTrainer } from '../trainer';
import { createWorkspace, loadInputs } from '../workspace';
import { defaultKernel, kernelVariant, relaxedSimdAvailable, setDefaultKernel, setKernelVariant, type KernelVariant } from './module';
import { KERNELS_RELAXED_WASM_BASE64, KERNELS_WASM_BASE64 } from './kernels-wasm';
// @ts-expect-error: a plain .mjs build script without types
import { assembleKernels } from '../../../.config/wasm-assemble.mjs';

// As src-main/wasm-features.ts does for the app: relaxed SIMD where Node 20 keeps it behind a flag (engines that ship
// it need nothing), so both builds of the kernels run here.
if (!relaxedSimdAvailable()) setFlagsFromString('--experimental-wasm-relaxed-simd');
const VARIANTS: KernelVariant[] = ['relaxed', 'plain'];

const maxRel = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let d = 0;
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    d = Math.max(d, Math.abs(a[i] - b[i]));
    m = Math.max(m, Math.abs(a[i]), Math.abs(b[i]));
  }
  return d / Math.max(m, 1e-300);
};

function dense(sizes: number[], acts: ActivationKind[], softmax: boolean, seed: number) {
  const net = layeredNetwork(sizes, { activations: acts, softmax });
  const program = compileNetwork(net);
  const params = paramsFromNetwork(program, net);
  const rng = createRng(seed);
  initialise(program, params, 'he_uniform', rng);
  for (let i = program.nWeights; i < program.nParams; i++) params[i] = rng.next() - 0.5;
  return { program, params, rng };
}

describe('the WebAssembly SIMD kernels', () => {
  afterEach(() => {
    setDefaultKernel('simd');
    setKernelVariant('relaxed');
  });

  it('ship as the modules assembled from kernels.wat (the committed bytes are current)', async () => {
    const wat = readFileSync(new URL('./kernels.wat', import.meta.url), 'utf8');
    const bytes: Uint8Array = await assembleKernels(wat);
    expect(Buffer.from(bytes).toString('base64')).toBe(KERNELS_WASM_BASE64);
    const relaxed: Uint8Array = await assembleKernels(wat, true);
    expect(Buffer.from(relaxed).toString('base64')).toBe(KERNELS_RELAXED_WASM_BASE64);
    expect(WebAssembly.validate(Uint8Array.from(relaxed))).toBe(true);
  });

  it('use the relaxed-SIMD build where the engine validates it, and the plain one when told to', () => {
    const { program } = dense([4, 6, 2], ['relu', 'identity'], true, 1);
    expect(relaxedSimdAvailable()).toBe(true);
    expect(kernelVariant()).toBe('relaxed');
    expect(createWorkspace(program, 8, { precision: 'float32' }).simd?.variant).toBe('relaxed');
    setKernelVariant('plain');
    expect(kernelVariant()).toBe('plain');
    expect(createWorkspace(program, 8, { precision: 'float32' }).simd?.variant).toBe('plain');
  });

  it('compute float64 to the same bits in either build (only float32 multiply-adds are fused)', () => {
    const { program, params, rng } = dense([30, 64, 32, 3], ['relu', 'relu', 'identity'], true, 9);
    const n = 37;
    const X = Float64Array.from({ length: n * 30 }, () => rng.normal());
    const Y = new Float64Array(n * 3);
    for (let r = 0; r < n; r++) Y[r * 3 + rng.int(3)] = 1;
    const run = (variant: KernelVariant) => {
      setKernelVariant(variant);
      const ws = createWorkspace(program, n);
      expect(ws.simd?.variant).toBe(variant);
      loadInputs(program, ws, X, null, 0, n);
      forwardBatch(program, params, ws, n);
      const tr = createTrainer(program, params, { loss: 'cce', optimizer: { kind: 'adam', lr: 0.01 }, batchSize: n, seed: 1 });
      for (let t = 0; t < 5; t++) tr.step(X, Y, null, 0, n);
      return { O: Float64Array.from(ws.O), params: tr.getWeights() };
    };
    const a = run('relaxed');
    const b = run('plain');
    expect(a.O).toEqual(b.O);
    expect(a.params).toEqual(b.params);
  });

  it('are the default where WebAssembly SIMD runs, with the buffers in WebAssembly memory', () => {
    const { program } = dense([4, 6, 2], ['relu', 'identity'], true, 1);
    expect(defaultKernel()).toBe('simd');
    const ws = createWorkspace(program, 8);
    expect(ws.kernel).toBe('simd');
    expect(ws.simd).not.toBeNull();
    expect(ws.Z.buffer).toBe(ws.O.buffer);
    expect(ws.grad.buffer).toBe(ws.Z.buffer);
    setDefaultKernel('js');
    expect(createWorkspace(program, 8).kernel).toBe('js');
  });

  it('agree with the JavaScript kernels to 1e-13 on every block shape and batch remainder', () => {
    // Widths 1..9 cover the 4-row and single-row paths; batches 1..37 cover two-vector, one-vector and scalar tails.
    for (const [sizes, acts, loss] of [
      [[3, 9, 5, 1], ['relu', 'tanh', 'sigmoid'], 'bce'],
      [[7, 6, 7, 2], ['identity', 'relu', 'identity'], 'mse'],
      [[1, 1, 4], ['elu', 'relu'], 'mse'],
      [[13, 8, 3], ['gelu', 'identity'], 'cce'],
    ] as [number[], ActivationKind[], 'bce' | 'mse' | 'cce'][]) {
      const { program, params, rng } = dense(sizes, acts, loss === 'cce', sizes.length);
      for (const n of [1, 2, 3, 4, 5, 7, 8, 9, 16, 17, 37]) {
        const X = Float64Array.from({ length: n * sizes[0] }, () => rng.normal());
        const nOut = sizes.at(-1)!;
        const Y = new Float64Array(n * nOut);
        for (let r = 0; r < n; r++) {
          if (loss === 'cce') Y[r * nOut + rng.int(nOut)] = 1;
          else for (let k = 0; k < nOut; k++) Y[r * nOut + k] = rng.int(2);
        }
        const run = (kernel: 'simd' | 'js') => {
          const tr = createTrainer(program, params, { loss, optimizer: { kind: 'sgd', lr: 0 }, batchSize: n, seed: 1, kernel });
          const ws = createWorkspace(program, n, { kernel });
          loadInputs(program, ws, X, null, 0, n);
          forwardBatch(program, params, ws, n);
          return { ...tr.gradient(X, Y, null, 0, n), O: Float64Array.from(ws.O) };
        };
        const a = run('simd');
        const b = run('js');
        expect(Math.abs(a.loss - b.loss)).toBeLessThan(1e-13 * Math.max(1, Math.abs(b.loss)));
        expect(maxRel(a.grad, b.grad)).toBeLessThan(1e-13);
        expect(maxRel(a.O, b.O)).toBeLessThan(1e-13);
      }
    }
  });

  it('fall back to the JavaScript kernels where WebAssembly is missing, with the same results', async () => {
    const { program, params, rng } = dense([5, 8, 3], ['relu', 'identity'], true, 3);
    const X = Float64Array.from({ length: 20 * 5 }, () => rng.normal());
    const Y = new Float64Array(20 * 3);
    for (let r = 0; r < 20; r++) Y[r * 3 + (r % 3)] = 1;
    const cfg = { loss: 'cce' as const, optimizer: { kind: 'adam' as const, lr: 0.01 }, batchSize: 8, seed: 4 };
    const withSimd = createTrainer(program, params, cfg);
    for (let e = 0; e < 5; e++) withSimd.epoch(X, Y, 20);

    vi.resetModules();
    vi.stubGlobal('WebAssembly', undefined);
    try {
      const fresh = await import('../index');
      expect(fresh.defaultKernel()).toBe('js');
      expect(fresh.simdUnavailableReason()).toMatch(/WebAssembly/);
      const ws = fresh.createWorkspace(program, 8, { kernel: 'simd' });
      expect(ws.kernel).toBe('js');
      expect(ws.simd).toBeNull();
      const fallback = fresh.createTrainer(program, params, cfg);
      for (let e = 0; e < 5; e++) fallback.epoch(X, Y, 20);
      expect(maxRel(fallback.params, withSimd.params)).toBeLessThan(1e-12);
    } finally {
      vi.unstubAllGlobals();
      vi.resetModules();
    }
  });

  it.each(VARIANTS)('in float32 (%s build) stay within 1e-4 (relative) of float64: outputs, gradients and 50 Adam steps', (variant) => {
    setKernelVariant(variant);
    const nets = [
      { ...dense([30, 64, 32, 3], ['relu', 'relu', 'identity'], true, 5), loss: 'cce' as const, nIn: 30, nOut: 3 },
      { ...dense([9, 7, 6, 2], ['tanh', 'gelu', 'sigmoid'], false, 6), loss: 'bce' as const, nIn: 9, nOut: 2 },
    ];
    for (const { program, params, rng, loss, nIn, nOut } of nets) {
      const n = 96;
      const X = Float64Array.from({ length: n * nIn }, () => rng.normal());
      const Y = new Float64Array(n * nOut);
      for (let r = 0; r < n; r++) {
        if (loss === 'cce') Y[r * nOut + rng.int(nOut)] = 1;
        else for (let k = 0; k < nOut; k++) Y[r * nOut + k] = rng.int(2);
      }
      const run = (precision: 'float64' | 'float32') => {
        const ws = createWorkspace(program, n, { precision });
        expect(ws.precision).toBe(precision);
        expect(ws.simd?.variant).toBe(variant);
        loadInputs(program, ws, X, null, 0, n);
        forwardBatch(program, params, ws, n);
        const tr = createTrainer(program, params, { loss, optimizer: { kind: 'adam', lr: 0.003 }, batchSize: 32, seed: 2, precision });
        const g = tr.gradient(X, Y, null, 0, 32);
        const losses: number[] = [];
        for (let t = 0; t < 50; t++) losses.push(tr.step(X, Y, null, (t % 3) * 32, 32));
        return { O: Float64Array.from(ws.O), grad: g.grad, loss: g.loss, losses, params: tr.getWeights() };
      };
      const a = run('float32');
      const b = run('float64');
      expect(maxRel(a.O, b.O)).toBeLessThan(1e-4);
      expect(maxRel(a.grad, b.grad)).toBeLessThan(1e-4);
      expect(Math.abs(a.loss - b.loss) / b.loss).toBeLessThan(1e-4);
      expect(maxRel(a.losses, b.losses)).toBeLessThan(1e-4);
      expect(maxRel(a.params, b.params)).toBeLessThan(1e-4);
      // ...and float32 really is another computation.
      expect(maxRel(a.grad, b.grad)).toBeGreaterThan(0);
    }
  });

  it.each(VARIANTS)('in float32 (%s build) train the skip-connection graph with every activation to 1e-4 of float64', (variant) => {
    setKernelVariant(variant);
    for (const [i, a] of ACTIVATION_KINDS.entries()) {
      const b = ACTIVATION_KINDS[(i + 3) % ACTIVATION_KINDS.length];
      const net = skipNetwork(a, b, 'cce', 40 + i);
      const program = compileNetwork(net);
      const data = skipData('cce', 16, 60 + i);
      const grads = (['float32', 'float64'] as const).map((precision) =>
        createTrainer(program, paramsFromNetwork(program, net), { loss: 'cce', optimizer: { kind: 'sgd', lr: 0 }, batchSize: 16, seed: 1, precision }).gradient(data.X, data.Y, null, 0, 16).grad,
      );
      expect(maxRel(grads[0], grads[1])).toBeLessThan(1e-4);
    }
  });

  it.each(VARIANTS)('in float32 (%s build) run dense layers, softmax and inputs in WebAssembly to 1e-4 of the JavaScript float64 pass', (variant) => {
    setKernelVariant(variant);
    // Target counts with and without a remainder of 4, odd source counts, more sources than the scratch tile takes
    // (300), batches that are not whole vectors or tiles, and 1024 rows (neuron rows 4 KiB apart: the scratch copy).
    for (const [sizes, acts, softmax] of [
      [[5, 9, 7, 3], ['relu', 'relu', 'identity'], true],
      [[13, 4, 2], ['identity', 'relu'], false],
      [[300, 12, 5], ['relu', 'identity'], true],
      [[30, 64, 32, 3], ['relu', 'relu', 'identity'], true],
      [[3, 6, 1], ['tanh', 'sigmoid'], false],
    ] as [number[], ActivationKind[], boolean][]) {
      const { program, params, rng } = dense(sizes, acts, softmax, sizes[0]);
      for (const n of [1, 3, 7, 8, 13, 29, 130, 1024]) {
        const X = Float64Array.from({ length: n * sizes[0] }, () => rng.normal());
        const pass = (precision: 'float32' | 'float64', kernel: 'simd' | 'js', rows: Int32Array | null) => {
          const ws = createWorkspace(program, n, { precision, kernel });
          loadInputs(program, ws, X, rows, 0, n);
          forwardBatch(program, params, ws, n);
          return { ws, O: Float64Array.from(ws.O), Z: Float64Array.from(ws.Z) };
        };
        const f32 = pass('float32', 'simd', null);
        // The dense-layer path is the one under test: every block of these layered networks qualifies.
        expect(Array.from(f32.ws.simd!.packed).every((a) => a > 0)).toBe(true);
        const ref = pass('float64', 'js', null);
        expect(maxRel(f32.O, ref.O)).toBeLessThan(1e-4);
        expect(maxRel(f32.Z, ref.Z)).toBeLessThan(1e-4);
        // Per output row too, so a small softmax probability or output is held to the same relative bar.
        for (const o of program.outputs) expect(maxRel(f32.O.subarray(o * n, o * n + n), ref.O.subarray(o * n, o * n + n))).toBeLessThan(1e-4);
        // The inputs converted in WebAssembly are the ones JavaScript writes.
        const viaRows = pass('float32', 'simd', Int32Array.from({ length: n }, (_, r) => r));
        expect(viaRows.O).toEqual(f32.O);
      }
    }
  });
});
