// The exported train.py run by Debian's PyTorch 1.13: step-for-step agreement with the engine, 4 gloo processes
// against 1, --resume continuing the curve, and the one-GPU-per-process check.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EncodedDataset } from '../../../src-shared/data/schema';
import { applyWeightsToNetwork, compileNetwork, createTrainer, paramsFromNetwork } from '../../../src-shared/engine/index';
import { initialise } from '../../../src-shared/engine/init';
import { layeredNetwork } from '../../../src-shared/engine/build';
import { createRng } from '../../../src-shared/engine/rng';
import { pytorchExport } from '../../../src-shared/export/pytorch-export';
import { randomDagNetwork } from '../../../src-shared/export/test-network';
import type { WeightsFile } from '../../../src-shared/export/weights-file';
import type { Network } from '../../../src-shared/model/network';

const PYTHON = '/usr/bin/python3';
const TORCHRUN = '/usr/bin/torchrun';
const dir = mkdtempSync(join(tmpdir(), 'neurite-train-script-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function exportTo(name: string, net: Network, d: EncodedDataset, loss: 'mse' | 'bce' | 'cce'): string {
  const folder = join(dir, name);
  execFileSync('mkdir', ['-p', folder]);
  for (const [file, content] of Object.entries(pytorchExport(net, d, loss, name))) writeFileSync(join(folder, file), content);
  return folder;
}

function dataset(rows: number, features: number, outputs: number, x: Float64Array, y: Float64Array, split: Uint8Array): EncodedDataset {
  const meta = { id: 'd', name: 'synthetic', rowCount: rows, features: Array.from({ length: features }, (_, i) => ({ name: `f${i}` })), outputs: Array.from({ length: outputs }, (_, i) => ({ name: `t${i}` })), columns: [] };
  return { meta, x, y, split } as unknown as EncodedDataset;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

interface LogLine {
  epoch: number;
  loss: number;
  valLoss: number;
  valAccuracy: number;
  processes: number;
}
const readLog = (path: string) => readFileSync(path, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as LogLine);

describe('the exported train.py (Debian PyTorch)', () => {
  it('takes the same Adam steps as the engine on a sparse graph with mixed activations, Dale signs and every loss; refuses more processes than GPUs', () => {
    const ROWS = 64;
    const BATCH = 16;
    const PASSES = 3;
    const driver = join(dir, 'steps.py');
    // train.py's own epoch loop, in float64, over rows in file order; one Python process for every folder.
    writeFileSync(
      driver,
      `import json, sys
sys.path.insert(0, sys.argv[3])
import torch
import train
from model import NeuriteNet, load_spec
out = []
for folder in sys.argv[3:]:
    spec = load_spec(folder)
    model = NeuriteNet(spec, dtype=torch.float64)
    x, y, split = train.load_data(spec, folder)
    x, y = x.double(), y.double()
    objective = train.Objective(model, spec["loss"])
    train.first_epoch_setup(model)
    opt = torch.optim.Adam(model.parameters(), lr=0.01)
    order = torch.arange(x.shape[0])
    for _ in range(int(sys.argv[2])):
        train.train_epoch(model, model, opt, objective, x, y, objective.labels(y), order, int(sys.argv[1]))
    out.append(model.weights_file())
print(json.dumps({"weights": out, "gpu": [train.gpu_problem(4, 1), train.gpu_problem(1, 1), train.gpu_problem(2, 0)]}))
`,
    );
    const LOSSES = ['mse', 'bce', 'cce'] as const;
    const cases = LOSSES.map((loss) => {
      const net = randomDagNetwork(4, loss);
      expect(net.neurons.some((n) => n.dale === 'E') && net.neurons.some((n) => n.dale === 'I')).toBe(true);
      const { next: rng } = createRng(11);
      // float32 data, as data.npy stores it, so both sides see the same numbers.
      const x = Float64Array.from({ length: ROWS * 5 }, () => Math.fround(4 * rng() - 2));
      const y = new Float64Array(ROWS * 4);
      for (let r = 0; r < ROWS; r++) {
        if (loss === 'cce') {
          y[r * 4 + (r % 2 ? 3 : 1)] = 1; // group [y1, y3]
          y[r * 4 + ((r >> 1) % 2 ? 2 : 0)] = 1; // group [y0, y2]
        } else for (let k = 0; k < 4; k++) y[r * 4 + k] = loss === 'bce' ? Number(rng() > 0.5) : Math.fround(rng());
      }
      return { loss, net, x, y, folder: exportTo(`steps-${loss}`, net, dataset(ROWS, 5, 4, x, y, new Uint8Array(ROWS)), loss) };
    });
    const out = JSON.parse(execFileSync(PYTHON, [driver, String(BATCH), String(PASSES), ...cases.map((c) => c.folder)], { encoding: 'utf8', timeout: 120_000 })) as { weights: WeightsFile[]; gpu: (string | null)[] };

    cases.forEach(({ loss, net, x, y }, k) => {
      const program = compileNetwork(net);
      const trainer = createTrainer(program, paramsFromNetwork(program, net), { loss, optimizer: { kind: 'adam', lr: 0.01 }, batchSize: BATCH, seed: 1 });
      for (let p = 0; p < PASSES; p++) for (let s = 0; s < ROWS; s += BATCH) trainer.step(x, y, null, s, BATCH);
      const params = trainer.params;
      const moved = Math.max(...net.synapses.map((s, i) => Math.abs(params[program.synParam[i]] - s.weight)));
      expect(moved).toBeGreaterThan(0.02);
      const file = out.weights[k];
      const wDiff = Math.max(...file.synapses.map((s) => Math.abs(s.weight - params[program.synParam[program.synapseIndex.get(s.id)!]])));
      const bDiff = Math.max(...file.neurons.map((n) => Math.abs(n.bias - params[program.nWeights + program.neuronIndex.get(n.id)!])));
      expect(wDiff, `${loss} weights`).toBeLessThan(1e-9);
      expect(bDiff, `${loss} biases`).toBeLessThan(1e-9);
      // Dale's signs held: weights leaving E neurons are >= 0, leaving I neurons <= 0.
      const dale = new Map(net.neurons.map((n) => [n.id, n.dale]));
      for (const s of file.synapses) {
        if (dale.get(s.source) === 'E') expect(s.weight).toBeGreaterThanOrEqual(0);
        if (dale.get(s.source) === 'I') expect(s.weight).toBeLessThanOrEqual(0);
      }
    });
    expect(out.gpu[0]).toContain('torchrun started 4 processes on this machine but it has 1 GPU(s)');
    expect(out.gpu[0]).toContain('--nproc_per_node=1');
    expect(out.gpu[1]).toBeNull();
    expect(out.gpu[2]).toContain('--cpu');
  }, 240_000);

  it('4 gloo processes reach the 1-process validation accuracy, and --resume continues the loss curve', async () => {
    // Three Gaussian blobs in 4-D, a 4 → 8 → 3 softmax network with Glorot weights; 1,200 training rows.
    const ROWS = 1500;
    const x = new Float64Array(ROWS * 4);
    const y = new Float64Array(ROWS * 3);
    const split = new Uint8Array(ROWS);
    const { normal } = createRng(5);
    for (let r = 0; r < ROWS; r++) {
      const c = r % 3;
      for (let k = 0; k < 4; k++) x[r * 4 + k] = (k === c ? 2 : 0) + normal();
      y[r * 3 + c] = 1;
      split[r] = r % 5 === 4 ? 1 : 0;
    }
    const net0 = layeredNetwork([4, 8, 3], { activations: ['tanh', 'identity'], softmax: true });
    const program = compileNetwork(net0);
    const params = paramsFromNetwork(program, net0);
    initialise(program, params, 'glorot_uniform', createRng(3));
    const net = applyWeightsToNetwork(net0, program, params);
    const d = dataset(ROWS, 4, 3, x, y, split);
    const one = exportTo('one', net, d, 'cce');
    const four = exportTo('four', net, d, 'cce');
    const env = { ...process.env, OMP_NUM_THREADS: '1' };

    // One process: 3 epochs, then --resume up to 6 (with --compile and --amp, which 1.13 on a CPU declines with a note).
    const run = (args: string[]) => execFileSync(PYTHON, ['train.py', '--cpu', '--lr', '0.02', ...args], { cwd: one, encoding: 'utf8', timeout: 120_000, env });
    const first = run(['--epochs', '3']);
    expect(first).toMatch(/epoch 3\/3 {2}train loss [\d.]+ {2}val loss [\d.]+ {2}val accuracy [\d.]+%/);
    const second = run(['--epochs', '6', '--resume', '--compile', '--amp']);
    expect(second).toContain('resuming after epoch 3 from');
    expect(second).toContain('note: --amp applies on a GPU');
    expect(second).not.toContain('epoch 3/6');
    const resumed = readLog(join(one, 'train-log.jsonl'));
    expect(resumed.map((e) => e.epoch)).toEqual([1, 2, 3, 4, 5, 6]);

    // Four processes with a quarter of the batch each: every step averages the same 32 rows' gradients.
    execFileSync(
      TORCHRUN,
      ['--redirects', '1', '--tee', '1', '--log_dir', mkdtempSync(join(dir, 'torchrun-')), '--nnodes=1', '--nproc_per_node=4', '--master_addr=127.0.0.1', `--master_port=${await freePort()}`, 'train.py', '--cpu', '--lr', '0.02', '--epochs', '6', '--batch', '8'],
      { cwd: four, encoding: 'utf8', timeout: 180_000, env },
    );
    const parallel = readLog(join(four, 'train-log.jsonl'));
    expect(parallel.map((e) => [e.epoch, e.processes])).toEqual([1, 2, 3, 4, 5, 6].map((e) => [e, 4]));

    expect(parallel[5].valAccuracy).toBeGreaterThan(0.8);
    for (let e = 0; e < 6; e++) {
      expect(Math.abs(resumed[e].valAccuracy - parallel[e].valAccuracy), `epoch ${e + 1} accuracy`).toBeLessThanOrEqual(0.01);
      // The resumed epochs 4-6 follow the uninterrupted 4-process run, not a restart from the exported weights.
      expect(Math.abs(resumed[e].loss - parallel[e].loss), `epoch ${e + 1} loss`).toBeLessThan(1e-4);
    }
    expect(resumed[3].loss).toBeLessThan(resumed[0].loss);
    // weights.json carries the whole history, validation included.
    const file = JSON.parse(readFileSync(join(one, 'weights.json'), 'utf8')) as WeightsFile;
    expect(file.history!.map((h) => [h.epoch, h.loss, h.valLoss, h.valAccuracy])).toEqual(resumed.map((e) => [e.epoch, e.loss, e.valLoss, e.valAccuracy]));
  }, 300_000);
});
