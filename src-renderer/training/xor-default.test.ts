/**
 * The default training setup on a network built by hand on the canvas: 2 inputs → 3 tanh → 1 sigmoid,
 * every synapse made by `connect` with the canvas's own starting weight, trained on XOR's four rows
 * (inputs ±1, as an import standardises 0/1 columns) with `parseTrainingConfig({})`.
 */
import { describe, expect, it } from 'vitest';
import { emptyNetwork, type Network } from '../../src-shared/model/network';
import { parseTrainingConfig } from '../../src-shared/training/config';
import { TrainingRun } from '../../src-shared/training/runner';
import { addNeuron, connect, randomWeight, updateNeurons } from '../state/network-edits';

function handBuilt(seed: number): Network {
  let s = seed;
  const rng = () => (s = (s * 16807) % 2147483647) / 2147483647;
  let net = emptyNetwork();
  const ids: string[] = [];
  for (const role of ['input', 'input', 'hidden', 'hidden', 'hidden', 'output'] as const) {
    const r = addNeuron(net, role, { x: 0, y: 0 });
    net = r.network;
    ids.push(r.id);
  }
  net = updateNeurons(net, [ids[5]], { activation: 'sigmoid' });
  const link = (a: number, b: number) => {
    const r = connect(net, ids[a], ids[b], randomWeight(rng));
    if (!r.ok) throw new Error(r.reason);
    net = r.network;
  };
  for (const i of [0, 1]) for (const h of [2, 3, 4]) link(i, h);
  for (const h of [2, 3, 4]) link(h, 5);
  return net;
}

describe('the default setup on a hand-built 2-3-1 tanh XOR', () => {
  it('reaches 100% from most starting weights; the rest sit in a local minimum more epochs do not leave', () => {
    const x = Float64Array.from([-1, -1, -1, 1, 1, -1, 1, 1]);
    const y = Float64Array.from([0, 1, 1, 0]);
    const split = new Uint8Array(4);
    const results = Array.from({ length: 20 }, (_, k) => {
      const network = handBuilt((k + 1) * 7919);
      expect(network.neurons.filter((n) => n.role === 'hidden').every((n) => n.activation === 'tanh')).toBe(true);
      const run = new TrainingRun({ network, x, y, split, config: parseTrainingConfig({}) });
      expect(run.loss).toBe('bce');
      while (!run.finished) run.runEpoch();
      return run.evaluateAll().train.classification!.accuracy;
    });
    expect(results.filter((a) => a === 1).length).toBeGreaterThanOrEqual(16);
    expect(Math.min(...results)).toBeGreaterThanOrEqual(0.75);
  });
});
