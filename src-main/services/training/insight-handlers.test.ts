import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyWeightsToNetwork, compileNetwork, forwardSample, paramsFromNetwork } from '../../../src-shared/engine/index';
import { parseTrainingConfig } from '../../../src-shared/training/config';
import { TrainingRun } from '../../../src-shared/training/runner';
import { loadDataset } from '../dataset/store';
import { workingDatabase } from '../project/service';
import { createRng } from '../../../src-shared/engine/rng';
import type { Network } from '../../../src-shared/model/network';
import type { Boundary } from '../../../src-shared/training/contract';
import type { PredictionRow } from '../../../src-shared/training/predictions';
import { createDispatcher } from '../dispatch';
import { datasetHandlers } from '../dataset/handlers';
import { inferenceHost } from '../inference/inference-host';
import { overlayHandlers } from '../overlay/handlers';
import { projectHandlers } from '../project/handlers';
import { createSession } from '../session';
import { insightHandlers } from './insight-handlers';

const dir = mkdtempSync(join(tmpdir(), 'neurite-insight-'));
const closers: (() => void)[] = [];
afterAll(async () => {
  closers.forEach((c) => c());
  await inferenceHost().close();
  rmSync(dir, { recursive: true, force: true });
});

let currentSession: ReturnType<typeof createSession>['session'] | null = null;

function setup() {
  const { session, close } = createSession({ mode: 'electron', projectsDir: null, stateDir: mkdtempSync(join(dir, 'state-')), emit: () => {} });
  closers.push(close);
  currentSession = session;
  const dispatch = createDispatcher({ ...projectHandlers, ...datasetHandlers, ...overlayHandlers, ...insightHandlers }, () => {});
  return async <T>(channel: string, payload: unknown): Promise<T> => {
    const r = await dispatch(channel, payload, session);
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
    return r.result as T;
  };
}

type Call = ReturnType<typeof setup>;

async function example(call: Call, request: object) {
  await call('project.new', {});
  const { meta, network } = await call<{ meta: { id: string }; network: Network }>('dataset.example', request);
  const { next: rng } = createRng(5);
  const net: Network = { ...network, synapses: network.synapses.map((s) => ({ ...s, weight: 2 * rng() - 1 })), neurons: network.neurons.map((n) => ({ ...n, bias: rng() - 0.5 })) };
  return { datasetId: meta.id, net };
}

/** A split's rows as the overlay reads them (inputs and class label), independent of the predictions code. */
async function rowsOf(call: Call, net: Network, datasetId: string, split: string) {
  const first = await call<{ total: number }>('overlay.datasetRow', { network: net, datasetId, split, position: 0 });
  const out: { row: number; inputs: number[]; label: string | null }[] = [];
  for (let p = 0; p < first.total; p++) out.push(await call('overlay.datasetRow', { network: net, datasetId, split, position: p }));
  return out;
}

const outputsOf = (net: Network, o: Float64Array) => net.neurons.flatMap((n, i) => (n.role === 'output' ? [o[i]] : []));

describe('predictions and boundary channels (real inference worker)', () => {
  it('training.predictions gives each row its true class and the argmax of a fresh forward pass, paged and filtered to mistakes', async () => {
    const call = setup();
    const { datasetId, net } = await example(call, { kind: 'blobs', classes: 3, size: 150, seed: 4 });
    const program = compileNetwork(net);
    const params = paramsFromNetwork(program, net);
    const reference = await rowsOf(call, net, datasetId, 'validation');
    const all = await call<{ total: number; rows: PredictionRow[] }>('training.predictions', { datasetId, network: net, split: 'validation', offset: 0, limit: 1000 });
    expect(all.total).toBe(reference.length);
    let wrong = 0;
    reference.forEach((r, i) => {
      const p = all.rows[i];
      const probs = outputsOf(net, forwardSample(program, params, r.inputs).o);
      const k = probs.indexOf(Math.max(...probs));
      expect(p.row).toBe(r.row);
      expect(p.truth).toBe(r.label);
      expect(p.probability).toBeCloseTo(probs[k], 12);
      expect(p.correct).toBe(p.predicted === r.label);
      if (!p.correct) wrong += 1;
    });
    expect(wrong).toBeGreaterThan(0);
    const page = await call<{ total: number; rows: PredictionRow[] }>('training.predictions', { datasetId, network: net, split: 'validation', offset: 5, limit: 3 });
    expect(page.rows).toEqual(all.rows.slice(5, 8));
    const mistakes = await call<{ total: number; rows: PredictionRow[] }>('training.predictions', { datasetId, network: net, split: 'validation', offset: 0, limit: 1000, mistakesOnly: true });
    expect(mistakes.total).toBe(wrong);
    expect(mistakes.rows).toEqual(all.rows.filter((r) => !r.correct));
  });

  it('training.predictions on numbers gives the output and its error against the target', async () => {
    const call = setup();
    const { datasetId, net } = await example(call, { kind: 'surface', size: 80, seed: 2 });
    const program = compileNetwork(net);
    const params = paramsFromNetwork(program, net);
    const reference = await rowsOf(call, net, datasetId, 'test');
    const { rows } = await call<{ rows: PredictionRow[] }>('training.predictions', { datasetId, network: net, split: 'test', offset: 0, limit: 1000 });
    reference.forEach((r, i) => {
      const y = outputsOf(net, forwardSample(program, params, r.inputs).o)[0];
      expect(rows[i].predicted).toBeCloseTo(y, 12);
      expect(rows[i].error).toBeCloseTo(y - (rows[i].truth as number), 12);
      expect(rows[i].correct).toBeNull();
    });
  });

  it('training.boundary: each cell holds every neuron output at that point with the other inputs at their training means', async () => {
    const call = setup();
    const { datasetId, net } = await example(call, { kind: 'iris' });
    const program = compileNetwork(net);
    const params = paramsFromNetwork(program, net);
    const train = await rowsOf(call, net, datasetId, 'train');
    const F = train[0].inputs.length;
    const means = Array.from({ length: F }, (_, c) => train.reduce((s, r) => s + r.inputs[c], 0) / train.length);
    const b = await call<Boundary>('training.boundary', { datasetId, network: net, xFeature: 2, yFeature: 0, resolution: 8, maxPoints: 40 });
    expect(b.features).toHaveLength(4);
    expect(b.points).toHaveLength(40);
    const xs = train.map((r) => r.inputs[2]);
    expect(b.xRange[0]).toBeLessThan(Math.min(...xs));
    expect(b.xRange[1]).toBeGreaterThan(Math.max(...xs));
    for (const [i, j] of [[0, 0], [3, 5], [7, 7]]) {
      const input = means.slice();
      input[2] = b.xRange[0] + ((i + 0.5) / 8) * (b.xRange[1] - b.xRange[0]);
      input[0] = b.yRange[0] + ((j + 0.5) / 8) * (b.yRange[1] - b.yRange[0]);
      const o = forwardSample(program, params, input).o;
      // Grids are drawn, so they carry five significant digits of their largest value.
      net.neurons.forEach((_, n) => expect(Math.abs(b.grids[n][j * 8 + i] - o[n])).toBeLessThanOrEqual(5e-5 * Math.max(...b.grids[n].map(Math.abs))));
      const probs = outputsOf(net, o);
      expect(b.classGrid![j * 8 + i]).toBe(probs.indexOf(Math.max(...probs)));
    }
    expect(b.classes).toEqual(['setosa', 'versicolor', 'virginica']);
  });

  it('training.boundary gives a network of thousands of neurons coarser grids, so its reply stays bounded', async () => {
    const call = setup();
    const { datasetId, net } = await example(call, { kind: 'iris' });
    const first = net.neurons.find((n) => n.role === 'input')!;
    // 4,000 more hidden neurons, each fed by one input: 4,000 × 64² values would be a 100 MB reply.
    const wide = {
      ...net,
      neurons: [...net.neurons, ...Array.from({ length: 4000 }, (_, i) => ({ id: `w${i}`, role: 'hidden' as const, label: `w${i}`, activation: 'tanh' as const, bias: 0, position: { x: 0, y: i }, dale: null }))],
      synapses: [...net.synapses, ...Array.from({ length: 4000 }, (_, i) => ({ id: `ws${i}`, source: first.id, target: `w${i}`, weight: 0.1 }))],
    };
    const b = await call<Boundary>('training.boundary', { datasetId, network: wide, xFeature: 0, yFeature: 1, resolution: 64, maxPoints: 10 });
    expect(b.resolution).toBe(22);
    expect(b.grids).toHaveLength(wide.neurons.length);
    expect(b.grids.every((g) => g.length === 22 * 22)).toBe(true);
  });

  it('training.predictions counts exactly the mistakes the run evaluation counts, after real training', async () => {
    const call = setup();
    await call('project.new', {});
    const { meta, network } = await call<{ meta: { id: string }; network: Network }>('dataset.example', { kind: 'xor' });
    const d = loadDataset(workingDatabase(currentSession!), meta.id)!;
    const run = new TrainingRun({ network, x: d.x, y: d.y, split: d.split, config: parseTrainingConfig({ epochs: 4 }) });
    while (!run.step().finished);
    const trained = applyWeightsToNetwork(network, run.program, run.params);
    for (const [split, e] of [['validation', run.evaluateAll().val!], ['train', run.evaluateAll().train]] as const) {
      const mistakes = await call<{ total: number }>('training.predictions', { datasetId: meta.id, network: trained, split, offset: 0, limit: 10, mistakesOnly: true });
      // A 0/1 number target is scored as two classes: a half-trained run still gets some rows wrong.
      expect(e.classification!.accuracy).toBeLessThan(1);
      expect(mistakes.total).toBe(Math.round(e.rows * (1 - e.classification!.accuracy)));
    }
  });
});

