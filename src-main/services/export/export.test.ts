import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { afterAll, describe, expect, it } from 'vitest';
import { applyWeightsToNetwork, compileNetwork, forwardSample, paramsFromNetwork } from '../../../src-shared/engine/index';
import type { Network } from '../../../src-shared/model/network';
import { parseTrainingConfig } from '../../../src-shared/training/config';
import { TrainingRun } from '../../../src-shared/training/runner';
import type { WeightsFile } from '../../../src-shared/export/weights-file';
import { createDispatcher } from '../dispatch';
import { datasetHandlers } from '../dataset/handlers';
import { loadDataset } from '../dataset/store';
import { projectHandlers } from '../project/handlers';
import { workingDatabase } from '../project/service';
import { createSession } from '../session';
import { trainingHandlers } from '../training/handlers';
import { readCheckpoint } from '../training/store';
import { exportHandlers } from './handlers';
import { pytorchExport } from '../../../src-shared/export/pytorch-export';
import { everyActivationNetwork, randomDagNetwork } from '../../../src-shared/export/test-network';
import { createRng } from '../../../src-shared/engine/rng';
import type { EncodedDataset } from '../../../src-shared/data/schema';

const PYTHON = '/usr/bin/python3';
const TORCHRUN = '/usr/bin/torchrun';
const dir = mkdtempSync(join(tmpdir(), 'neurite-export-'));
const closers: (() => void)[] = [];
afterAll(() => {
  closers.forEach((c) => c());
  rmSync(dir, { recursive: true, force: true });
});

/** A browser-mode session on a fresh projects folder with the Iris example trained for a few epochs in the engine. */
async function trainedIris() {
  const projects = mkdtempSync(join(dir, 'projects-'));
  const { session, close } = createSession({ mode: 'browser', projectsDir: projects, stateDir: join(projects, '.state'), emit: () => {} });
  closers.push(close);
  const dispatch = createDispatcher({ ...projectHandlers, ...datasetHandlers, ...trainingHandlers, ...exportHandlers }, () => {});
  const call = async <T>(channel: string, payload: unknown): Promise<T> => {
    const r = await dispatch(channel, payload, session);
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
    return r.result as T;
  };
  await call('project.new', {});
  const { meta, network } = await call<{ meta: { id: string }; network: Network }>('dataset.example', { kind: 'iris' });
  const d = loadDataset(workingDatabase(session), meta.id)!;
  const run = new TrainingRun({ network, x: d.x, y: d.y, split: d.split, config: parseTrainingConfig({ epochs: 3 }) });
  while (!run.step().finished);
  return { call, session, projects, datasetId: meta.id, dataset: d, trained: applyWeightsToNetwork(network, run.program, run.params) };
}

/** The exported module's forward (float64) on every data.npy row, optionally with a weights file loaded first. */
function torchForward(folder: string, weights?: string): number[][] {
  const script = join(dir, 'forward.py');
  writeFileSync(
    script,
    `import json, sys
sys.path.insert(0, sys.argv[1])
import numpy as np
import torch
from model import NeuriteNet, load_spec
spec = load_spec(sys.argv[1])
if len(sys.argv) > 2:
    w = json.load(open(sys.argv[2]))
    b = {n["id"]: n["bias"] for n in w["neurons"]}
    s = {x["id"]: x["weight"] for x in w["synapses"]}
    for n in spec["neurons"]: n["bias"] = b[n["id"]]
    for x in spec["synapses"]: x["weight"] = s[x["id"]]
model = NeuriteNet(spec, dtype=torch.float64)
x = torch.from_numpy(np.load(sys.argv[1] + "/data.npy")[:, : len(spec["encoding"]["features"])].astype(np.float64))
print(json.dumps(model(x).detach().tolist()))
`,
  );
  return JSON.parse(execFileSync(PYTHON, [script, folder, ...(weights ? [weights] : [])], { encoding: 'utf8' })) as number[][];
}

/** The engine's outputs on every row, from the float32 features data.npy holds. */
function engineOutputs(net: Network, x: Float64Array, rows: number): number[][] {
  const program = compileNetwork(net);
  const params = paramsFromNetwork(program, net);
  const F = program.inputs.length;
  const outs = Array.from(program.outputs);
  return Array.from({ length: rows }, (_, r) => {
    const o = forwardSample(program, params, Array.from(x.subarray(r * F, r * F + F), Math.fround)).o;
    return outs.map((k) => o[k]);
  });
}

const maxDiff = (a: number[][], b: number[][]) => Math.max(...a.flatMap((row, r) => row.map((v, j) => Math.abs(v - b[r][j]))));

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

describe('exports (real files, PyTorch, onnxruntime)', () => {
  it('PyTorch folder: same forward as the engine, torchrun with 2 processes lowers the loss, the weights come back as a run', async () => {
    const { call, session, projects, datasetId, dataset, trained } = await trainedIris();
    const { path: folder } = await call<{ path: string }>('export.pytorch', { network: trained, datasetId, name: 'iris-torch' });
    expect(folder).toBe(join(projects, 'iris-torch'));
    expect(readdirSync(folder!).sort()).toEqual(['README.txt', 'data.csv', 'data.npy', 'model.py', 'network.json', 'train.py']);
    const rows = dataset.meta.rowCount;
    expect(maxDiff(torchForward(folder!), engineOutputs(trained, dataset.x, rows))).toBeLessThan(1e-12);

    const log = join(folder!, 'train-log.jsonl');
    // Debian's torchrun 1.13 needs a log dir for its worker output (it fails on a None log spec without one).
    execFileSync(TORCHRUN, ['--redirects', '1', '--tee', '1', '--log_dir', mkdtempSync(join(dir, 'torchrun-')), '--nnodes=1', '--nproc_per_node=2', '--master_addr=127.0.0.1', `--master_port=${await freePort()}`, 'train.py', '--epochs', '2', '--cpu', '--lr', '0.02'], {
      cwd: folder!,
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, OMP_NUM_THREADS: '1' },
    });
    const epochs = readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { epoch: number; loss: number; valLoss: number; valAccuracy: number; processes: number });
    expect(epochs.map((e) => [e.epoch, e.processes])).toEqual([
      [1, 2],
      [2, 2],
    ]);
    expect(epochs[1].loss).toBeLessThan(epochs[0].loss);

    const text = readFileSync(join(folder!, 'weights.json'), 'utf8');
    const file = JSON.parse(text) as WeightsFile;
    const before = await call<{ runs: unknown[] }>('training.runs', {});
    const { runId, network } = await call<{ runId: string; network: Network }>('export.importWeights', { network: trained, datasetId, fileName: 'weights.json', text });
    expect(network.synapses.map((s) => s.weight)).toEqual(file.synapses.map((s) => s.weight));
    const { runs } = await call<{ runs: { id: string; status: string; message: string; epochs: number; result: unknown }[] }>('training.runs', {});
    expect(runs).toHaveLength(before.runs.length + 1);
    const run = runs.find((r) => r.id === runId)!;
    expect(run.status).toBe('completed');
    expect(run.message).toMatch(/^Imported from weights\.json \(PyTorch .*2 process\(es\), 2 epochs\)\.$/);
    expect(run.result).not.toBeNull();
    const { history } = await call<{ history: Record<string, [number, number][]> }>('training.run', { runId });
    expect(history['train.loss']).toEqual(epochs.map((e) => [e.epoch, e.loss]));
    // The script's validation loss and accuracy become the run's validation curves.
    expect(epochs.every((e) => e.valLoss > 0 && e.valAccuracy > 0)).toBe(true);
    expect(history['val.loss']).toEqual(epochs.map((e) => [e.epoch, e.valLoss]));
    expect(history['val.score']).toEqual(epochs.map((e) => [e.epoch, e.valAccuracy]));
    const loaded = await call<{ network: Network }>('training.loadWeights', { runId, which: 'final' });
    expect(loaded.network.synapses.map((s) => s.weight)).toEqual(file.synapses.map((s) => s.weight));
    // The imported run computes what torch computes with the trained weights: the overlays read the real network.
    expect(maxDiff(torchForward(folder!, join(folder!, 'weights.json')), engineOutputs(network, dataset.x, rows))).toBeLessThan(1e-12);
    const checkpoint = readCheckpoint(workingDatabase(session), runId, 'final')!;
    expect(Array.from(checkpoint.params)).toEqual(Array.from(paramsFromNetwork(compileNetwork(network), network)));
  }, 180_000);

  it('a weights file that does not fit is refused naming the first mismatch, and no run is added', async () => {
    const { call, datasetId, trained } = await trainedIris();
    const good = JSON.stringify({
      format: 'neurite-weights',
      version: 1,
      structure: 'x',
      neurons: trained.neurons.map((n) => ({ id: n.id, bias: n.bias })),
      synapses: trained.synapses.map((s) => ({ id: s.id, source: s.source, target: s.target, weight: s.weight })),
    });
    const s0 = trained.synapses[0];
    const label = (id: string) => trained.neurons.find((n) => n.id === id)!.label;
    const edit = (f: (w: WeightsFile) => void) => {
      const w = JSON.parse(good) as WeightsFile;
      f(w);
      return JSON.stringify(w);
    };
    const cases: [string, string][] = [
      ['{"format": "neurite-weights", "version"', 'w.json is not JSON'],
      [JSON.stringify({ format: 'other' }), 'w.json is not a Neurite weights file (its "format" should be "neurite-weights").'],
      [edit((w) => (w.version = 2 as 1)), 'w.json has weights format version 2; this Neurite reads version 1.'],
      [edit((w) => w.synapses.shift()), `Synapse ${s0.id} (${label(s0.source)} → ${label(s0.target)}) of the network is missing from w.json.`],
      [edit((w) => (w.synapses[0].target = 'elsewhere')), `Synapse ${s0.id} connects ${label(s0.source)} → ${label(s0.target)} in the network but ${s0.source} → elsewhere in w.json.`],
      [edit((w) => (w.synapses[0].weight = 'big' as unknown as number)), `Synapse ${s0.id} (${label(s0.source)} → ${label(s0.target)}) in w.json has no numeric weight.`],
      [edit((w) => w.synapses.push({ id: 'zz', source: 'a', target: 'b', weight: 1 })), 'w.json has synapse zz (a → b), which the network does not have.'],
      [edit((w) => w.neurons.pop()), `Neuron ${trained.neurons.at(-1)!.label} (${trained.neurons.at(-1)!.id}) of the network is missing from w.json.`],
    ];
    for (const [text, message] of cases) {
      await expect(call('export.importWeights', { network: trained, datasetId, fileName: 'w.json', text })).rejects.toThrow(message);
    }
    expect((await call<{ runs: unknown[] }>('training.runs', {})).runs).toHaveLength(0);
    // The untouched file imports.
    await call('export.importWeights', { network: trained, datasetId, fileName: 'w.json', text: good });
    expect((await call<{ runs: unknown[] }>('training.runs', {})).runs).toHaveLength(1);
  });

  it('ONNX export names inputs and outputs after the dataset, documents the encoding, and matches the engine', async () => {
    const { call, projects, datasetId, dataset, trained } = await trainedIris();
    const { path } = await call<{ path: string }>('export.onnx', { network: trained, datasetId, name: 'iris.onnx' });
    expect(path).toBe(join(projects, 'iris.onnx'));
    const session = await InferenceSession.create(path!);
    expect(session.inputNames).toEqual(dataset.meta.features.map((f) => f.name));
    expect(session.outputNames).toEqual(dataset.meta.outputs.map((o) => o.name));
    const rows = dataset.meta.rowCount;
    const F = dataset.meta.features.length;
    const feeds = Object.fromEntries(session.inputNames.map((name, k) => [name, new Tensor('float32', Float32Array.from({ length: rows }, (_, r) => dataset.x[r * F + k]), [rows, 1])]));
    const result = await session.run(feeds);
    const got = Array.from({ length: rows }, (_, r) => session.outputNames.map((n) => (result[n].data as Float32Array)[r]));
    const x32 = Float64Array.from(dataset.x, (v) => Math.fround(v));
    expect(maxDiff(got, engineOutputs(trained, x32, rows))).toBeLessThan(1e-5);
    await expect(call('export.onnx', { network: trained, datasetId, name: 'iris.onnx' })).rejects.toThrow('iris.onnx already exists in the projects folder; choose another name.');
    await expect(call('export.networkJson', { network: trained, name: '../escape.json' })).rejects.toThrow('must be a plain file name');
    const { path: jsonPath } = await call<{ path: string }>('export.networkJson', { network: trained, name: 'iris.json' });
    expect(JSON.parse(readFileSync(jsonPath!, 'utf8'))).toEqual(trained);
    expect(existsSync(join(projects, 'escape.json'))).toBe(false);
  });

  it('the PyTorch module computes the engine function for skip connections, every activation and a softmax group', () => {
    const net = everyActivationNetwork(5);
    const rows = 200;
    const { next: rng } = createRng(2);
    const x = Float64Array.from({ length: rows * 3 }, () => 6 * rng() - 3);
    const meta = { name: 'synthetic', rowCount: rows, features: ['a', 'b', 'c'].map((name) => ({ name })), outputs: ['p', 'q', 'v'].map((name) => ({ name })), columns: [] };
    const d = { meta, x, y: new Float64Array(rows * 3), split: new Uint8Array(rows) } as unknown as EncodedDataset;
    const folder = mkdtempSync(join(dir, 'every-'));
    for (const [name, text] of Object.entries(pytorchExport(net, d, 'mse', 'every'))) writeFileSync(join(folder, name), text);
    expect(maxDiff(torchForward(folder), engineOutputs(net, x, rows))).toBeLessThan(1e-12);
  });

  it('the PyTorch module computes the engine function on sparse levels that mix activations, read scattered sources and feed outputs at several depths', () => {
    const rows = 200;
    const { next: rng } = createRng(8);
    const x = Float64Array.from({ length: rows * 5 }, () => 6 * rng() - 3);
    // CCE: two interleaved softmax groups (the other losses' outputs are covered by the step-for-step test of train.py).
    for (const loss of ['cce'] as const) {
      const net = randomDagNetwork(6, loss);
      const meta = { name: 'synthetic', rowCount: rows, features: ['a', 'b', 'c', 'd', 'e'].map((name) => ({ name })), outputs: ['p', 'q', 'r', 's'].map((name) => ({ name })), columns: [] };
      const d = { meta, x, y: new Float64Array(rows * 4), split: new Uint8Array(rows) } as unknown as EncodedDataset;
      const folder = mkdtempSync(join(dir, `dag-${loss}-`));
      for (const [name, content] of Object.entries(pytorchExport(net, d, loss, 'dag'))) writeFileSync(join(folder, name), content);
      expect(maxDiff(torchForward(folder), engineOutputs(net, x, rows)), loss).toBeLessThan(1e-12);
    }
  });

  it('data.csv is inert in a spreadsheet (formula-like names neutralised, negative numbers kept) and train.py still trains on it', () => {
    const net = everyActivationNetwork(5);
    const rows = 60;
    const { next: rng } = createRng(3);
    const x = Float64Array.from({ length: rows * 3 }, () => 2 * rng() - 1.5);
    const names = ["=cmd|' /C calc'!A0", '-x', '@sum'];
    const outs = ['+p', '\tq', 'v'];
    const meta = { name: 'formulas', rowCount: rows, features: names.map((name) => ({ name })), outputs: outs.map((name) => ({ name })), columns: [] };
    const split = Uint8Array.from({ length: rows }, (_, i) => (i % 5 === 0 ? 1 : 0));
    const d = { meta, x, y: Float64Array.from({ length: rows * 3 }, () => rng()), split } as unknown as EncodedDataset;
    const folder = mkdtempSync(join(dir, 'formulas-'));
    for (const [name, text] of Object.entries(pytorchExport(net, d, 'mse', 'formulas'))) writeFileSync(join(folder, name), text);
    // Read back with Python's csv module, as a spreadsheet import would split it.
    const parsed = JSON.parse(execFileSync(PYTHON, ['-c', 'import csv, json, sys; print(json.dumps(list(csv.reader(open(sys.argv[1], newline="")))))', join(folder, 'data.csv')], { encoding: 'utf8' })) as string[][];
    expect(parsed[0]).toEqual(["'=cmd|' /C calc'!A0", "'-x", "'@sum", "'+p", "'\tq", 'v', 'split']);
    // No cell a spreadsheet would evaluate, and every number is still a number (negative ones too).
    for (const row of parsed.slice(1)) {
      for (const cell of row.slice(0, 6)) expect(Number.isFinite(Number(cell)), cell).toBe(true);
      expect(['train', 'validation']).toContain(row[6]);
    }
    expect(parsed.slice(1).some((row) => row[0].startsWith('-'))).toBe(true);
    expect(Number(parsed[1][0])).toBe(x[0]);
    execFileSync(PYTHON, ['train.py', '--epochs', '1', '--cpu'], { cwd: folder, encoding: 'utf8', timeout: 120_000, env: { ...process.env, OMP_NUM_THREADS: '1' } });
    const log = readFileSync(join(folder, 'train-log.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { epoch: number; loss: number });
    expect(log).toHaveLength(1);
    expect(Number.isFinite(log[0].loss)).toBe(true);
    expect(existsSync(join(folder, 'weights.json'))).toBe(true);
  }, 120_000);
});
