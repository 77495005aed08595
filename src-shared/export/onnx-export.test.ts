import { InferenceSession, Tensor } from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { compileNetwork, forwardSample, paramsFromNetwork } from '../engine/index';
import { createRng } from '../engine/rng';
import { exportOnnx } from './onnx-export';
import { everyActivationNetwork } from './test-network';

describe('exportOnnx (checked with onnxruntime)', () => {
  it('gives the engine outputs to 1e-5 on 1,000 rows for skip connections, every activation and a softmax group', async () => {
    const net = everyActivationNetwork();
    const inputNames = ['bill length', 'island=Biscoe', 'x3'];
    const outputNames = ['species=Adelie', 'species=Gentoo', 'mass'];
    const bytes = exportOnnx(net, { inputNames, outputNames, metadata: { 'neurite.encoding': '{"columns":[]}' } });
    const session = await InferenceSession.create(bytes);
    expect(session.inputNames).toEqual(inputNames);
    expect(session.outputNames).toEqual(outputNames);

    const rows = 1000;
    const { next: rng } = createRng(9);
    const X = Array.from({ length: rows * 3 }, () => 6 * rng() - 3);
    const feeds = Object.fromEntries(inputNames.map((name, k) => [name, new Tensor('float32', Float32Array.from({ length: rows }, (_, r) => X[r * 3 + k]), [rows, 1])]));
    const result = await session.run(feeds);
    const program = compileNetwork(net);
    const params = paramsFromNetwork(program, net);
    const outIdx = net.neurons.flatMap((n, i) => (n.role === 'output' ? [i] : []));
    let worst = 0;
    for (let r = 0; r < rows; r++) {
      // The reference sees the same float32-rounded inputs the model gets.
      const o = forwardSample(program, params, [0, 1, 2].map((k) => Math.fround(X[r * 3 + k]))).o;
      outputNames.forEach((name, j) => {
        worst = Math.max(worst, Math.abs((result[name].data as Float32Array)[r] - o[outIdx[j]]));
      });
    }
    expect(worst).toBeLessThan(1e-5);
    // Softmax members sum to one; the linear output is not squashed.
    const a = result['species=Adelie'].data as Float32Array;
    const b = result['species=Gentoo'].data as Float32Array;
    expect(a[0] + b[0]).toBeCloseTo(1, 6);
  });
});
