import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileNetwork, forwardSample, paramsFromNetwork } from '../../../src-shared/engine/index';
import { layeredNetwork } from '../../../src-shared/engine/build';
import { createRng } from '../../../src-shared/engine/rng';
import type { Network } from '../../../src-shared/model/network';
import { createDispatcher } from '../dispatch';
import { datasetHandlers } from '../dataset/handlers';
import { projectHandlers } from '../project/handlers';
import { createSession } from '../session';
import { overlayHandlers } from './handlers';
import { inferenceHost } from '../inference/inference-host';

const dir = mkdtempSync(join(tmpdir(), 'neurite-overlay-'));
const closers: (() => void)[] = [];
afterAll(async () => {
  closers.forEach((c) => c());
  await inferenceHost().close();
  rmSync(dir, { recursive: true, force: true });
});

function setup() {
  const { session, close } = createSession({ mode: 'electron', projectsDir: null, stateDir: mkdtempSync(join(dir, 'state-')), emit: () => {} });
  closers.push(close);
  const dispatch = createDispatcher({ ...projectHandlers, ...datasetHandlers, ...overlayHandlers }, () => {});
  return async <T>(channel: string, payload: unknown): Promise<T> => {
    const r = await dispatch(channel, payload, session);
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
    return r.result as T;
  };
}

/** A layered network with seeded random weights and biases. */
function randomNetwork(sizes: number[], acts: Network['neurons'][number]['activation'][], seed: number): Network {
  const net = layeredNetwork(sizes, { activations: acts });
  const { next: rng } = createRng(seed);
  return {
    ...net,
    neurons: net.neurons.map((n) => ({ ...n, bias: rng() - 0.5 })),
    synapses: net.synapses.map((s) => ({ ...s, weight: 2 * rng() - 1 })),
  };
}

interface Fwd {
  neuronIds: string[];
  synapseIds: string[];
  z: number[];
  o: number[];
  contributions: number[];
}

describe('overlay channels (real inference worker)', () => {
  it('overlay.forward equals the engine forwardSample, with and without lesions, in document order', async () => {
    const call = setup();
    const net = randomNetwork([3, 5, 4, 2], ['tanh', 'relu', 'identity'], 7);
    const program = compileNetwork(net);
    const params = paramsFromNetwork(program, net);
    const inputs = [0.4, -1.3, 2];
    const lesions = { synapses: [net.synapses[3].id], neurons: [net.neurons[4].id] };
    for (const l of [undefined, lesions]) {
      const r = await call<Fwd>('overlay.forward', { network: net, inputs, lesions: l });
      const ref = forwardSample(program, params, inputs, l ?? null);
      expect(r.neuronIds).toEqual(net.neurons.map((n) => n.id));
      expect(r.synapseIds).toEqual(net.synapses.map((s) => s.id));
      expect(r.z).toEqual(Array.from(ref.z));
      expect(r.o).toEqual(Array.from(ref.o));
      expect(r.contributions).toEqual(Array.from(ref.contributions));
    }
    // A weight edit reuses the cached program and still answers with the new weights.
    const edited = { ...net, synapses: net.synapses.map((s, i) => (i === 0 ? { ...s, weight: 5 } : s)) };
    const r2 = await call<Fwd>('overlay.forward', { network: edited, inputs });
    expect(r2.contributions[0]).toBeCloseTo(5 * 0.4, 12);
  });

  it('refuses a wrong number of inputs with a message', async () => {
    const call = setup();
    const net = randomNetwork([2, 1], ['tanh'], 1);
    await expect(call('overlay.forward', { network: net, inputs: [1] })).rejects.toThrow(/2 input neurons but 1/);
  });

  it('overlay.datasetStats and overlay.datasetRow agree with a direct per-row computation (split and class)', async () => {
    const call = setup();
    await call('project.new', {});
    const { meta, network } = await call<{ meta: { id: string; features: { name: string }[]; rowCount: number }; network: Network }>('dataset.example', { kind: 'blobs', classes: 3, size: 120, seed: 3 });
    const { next: rng } = createRng(11);
    const net: Network = { ...network, synapses: network.synapses.map((s) => ({ ...s, weight: 2 * rng() - 1 })), neurons: network.neurons.map((n) => ({ ...n, bias: rng() - 0.5 })) };
    const program = compileNetwork(net);
    const params = paramsFromNetwork(program, net);
    for (const [split, classIndex] of [['train', null], ['test', 1], ['all', 2]] as const) {
      const stats = await call<{ count: number; mean: number[]; meanAbs: number[]; excitatoryShare: number[]; classes: string[] | null }>('overlay.datasetStats', { network: net, datasetId: meta.id, split, classIndex });
      expect(stats.classes).toHaveLength(3);
      // The reference: step through the split's rows with datasetRow, one forward pass each.
      const S = net.synapses.length;
      const mean = new Float64Array(S), abs = new Float64Array(S), pos = new Float64Array(S);
      let count = 0;
      for (let p = 0; ; p++) {
        const row = await call<{ total: number; inputs: number[]; label: string | null }>('overlay.datasetRow', { network: net, datasetId: meta.id, split, position: p });
        if (classIndex === null || row.label === stats.classes![classIndex]) {
          const f = forwardSample(program, params, row.inputs);
          for (let s = 0; s < S; s++) {
            const c = f.contributions[s];
            mean[s] += c;
            abs[s] += Math.abs(c);
            if (c > 0) pos[s]++;
          }
          count++;
        }
        if (p + 1 >= row.total) break;
      }
      expect(stats.count).toBe(count);
      expect(count).toBeGreaterThan(0);
      for (let s = 0; s < S; s++) {
        expect(stats.mean[s]).toBeCloseTo(mean[s] / count, 12);
        expect(stats.meanAbs[s]).toBeCloseTo(abs[s] / count, 12);
        expect(stats.excitatoryShare[s]).toBeCloseTo(pos[s] / count, 12);
      }
    }
  });

  it('overlay.datasetRow with forward brings the forward pass of the row, equal to overlay.forward on its inputs', async () => {
    const call = setup();
    await call('project.new', {});
    const { meta, network } = await call<{ meta: { id: string }; network: Network }>('dataset.example', { kind: 'blobs', classes: 3, size: 60, seed: 4 });
    const { networkKey } = await call<{ networkKey: string }>('overlay.network', { network });
    type Forward = { neuronIds: string[]; synapseIds: string[]; z: number[]; o: number[]; contributions: number[] };
    const plain = await call<{ inputs: number[]; forward?: Forward }>('overlay.datasetRow', { networkKey, datasetId: meta.id, split: 'test', position: 2 });
    expect(plain.forward).toBeUndefined();
    const row = await call<{ inputs: number[]; forward: Forward }>('overlay.datasetRow', { networkKey, datasetId: meta.id, split: 'test', position: 2, forward: true });
    expect(row.inputs).toEqual(plain.inputs);
    expect(row.forward).toEqual(await call<Forward>('overlay.forward', { networkKey, inputs: row.inputs }));
    expect(row.forward.synapseIds).toEqual(network.synapses.map((s) => s.id));
  });

  it('prints the round trip of overlay.forward for a 200-neuron network', async () => {
    const call = setup();
    const net = randomNetwork([20, 60, 60, 60], ['tanh', 'relu', 'sigmoid'], 5);
    expect(net.neurons).toHaveLength(200);
    const inputs = Array.from({ length: 20 }, (_, k) => Math.sin(k));
    await call('overlay.forward', { network: net, inputs }); // start the worker, compile
    const times: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t0 = performance.now();
      const r = await call<Fwd>('overlay.forward', { network: net, inputs: inputs.map((v) => v + i * 0.01) });
      times.push(performance.now() - t0);
      expect(r.o).toHaveLength(200);
    }
    times.sort((a, b) => a - b);
    console.log(`overlay.forward round trip, 200 neurons / ${net.synapses.length} synapses (dispatch + schema + worker): median ${times[15].toFixed(2)} ms, max ${times[29].toFixed(2)} ms`);
  });
});
