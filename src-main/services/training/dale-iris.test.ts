import { describe, expect, it } from 'vitest';
import { applyWeightsToNetwork } from '../../../src-shared/engine/index';
import { parseTrainingConfig } from '../../../src-shared/training/config';
import { TrainingRun } from '../../../src-shared/training/runner';
import { loadIrisExample } from '../dataset/examples';

describe("Dale's constraint on a real dataset (Iris)", () => {
  it('keeps every outgoing weight of E neurons ≥ 0 and of I neurons ≤ 0 through training, and still learns; without it the signs drift', async () => {
    const iris = await loadIrisExample(1);
    // Half of the hidden neurons excitatory, half inhibitory; inputs unmarked.
    const hidden = iris.network.neurons.filter((n) => n.role === 'hidden');
    const marked = { ...iris.network, neurons: iris.network.neurons.map((n) => (n.role === 'hidden' ? { ...n, dale: hidden.indexOf(n) % 2 ? ('I' as const) : ('E' as const) } : n)) };
    const broken = (dale: boolean) => {
      const run = new TrainingRun({ network: marked, x: iris.dataset.x, y: iris.dataset.y, split: iris.dataset.split, config: parseTrainingConfig({ epochs: 150, seed: 2, reinitialise: false, dale }) });
      while (!run.finished) run.runEpoch();
      const trained = applyWeightsToNetwork(marked, run.program, run.params);
      const sign = new Map(trained.neurons.map((n) => [n.id, n.dale]));
      const constrained = trained.synapses.filter((s) => sign.get(s.source));
      return {
        constrained: constrained.length,
        broken: constrained.filter((s) => (sign.get(s.source) === 'E' ? s.weight < 0 : s.weight > 0)).length,
        accuracy: run.evaluateAll().val!.classification!.accuracy,
      };
    };
    const withDale = broken(true);
    const without = broken(false);
    expect(withDale.constrained).toBeGreaterThan(20);
    expect(withDale.broken).toBe(0);
    expect(withDale.accuracy).toBeGreaterThanOrEqual(0.9);
    // The start weights are random in sign, so unconstrained training leaves many "wrong" signs: the constraint did the work.
    expect(without.broken).toBeGreaterThan(5);
  }, 60_000);
});
