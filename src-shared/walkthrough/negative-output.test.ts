import { daleViolations } from '../model/dale-check';
import { describe, expect, it } from 'vitest';
import { compileNetwork, contributionStats, forwardSample, paramsFromNetwork } from '../engine';
import { validateNetwork } from '../model/validate';
import { markDaleByMajority, withExampleWeights, negativeOutputExample, negativeOutputNetwork, num, STEPS, WALKTHROUGH_SAMPLE, WS, WT, type Claim, type Live } from './negative-output';
import type { Network } from '../model/network';

/** The engine's forward pass of the sample (and, for the dataset step, its contribution statistics over every row). */
function liveOf(net: Network, withDataset = false): Live {
  const program = compileNetwork(net);
  const params = paramsFromNetwork(program, net);
  const inputs = net.neurons.filter((x) => x.role === 'input').map((x) => WALKTHROUGH_SAMPLE[x.id] ?? 0);
  const r = forwardSample(program, params, inputs);
  const live: Live = {
    net,
    o: new Map(program.neuronIds.map((id, i) => [id, r.o[i]])),
    z: new Map(program.neuronIds.map((id, i) => [id, r.z[i]])),
    c: new Map(program.synapseIds.map((id, i) => [id, r.contributions[i]])),
    share: null,
    rows: null,
  };
  if (withDataset) {
    const { dataset } = negativeOutputExample();
    const nRows = dataset.meta.rowCount;
    const stats = contributionStats(program, params, dataset.x, nRows);
    live.share = new Map(program.synapseIds.map((id, i) => [id, stats.excitatoryShare[i]]));
    live.c = new Map(program.synapseIds.map((id, i) => [id, stats.mean[i]]));
    live.rows = stats.count;
  }
  return live;
}

const sign = (v: number) => (v > 0 ? 'positive' : v < 0 ? 'negative' : 'zero');

function check(claim: Claim, live: Live) {
  if (claim.synapse) {
    const s = live.net.synapses.find((x) => x.id === claim.synapse)!;
    const c = live.c.get(s.id)!;
    const o = live.o.get(s.source)!;
    // c = w·o, independently of the engine's own bookkeeping.
    if (live.share === null) expect(c).toBeCloseTo(s.weight * o, 12);
    if (claim.weight) expect(sign(s.weight)).toBe(claim.weight);
    if (claim.effect) expect(c > 0 ? 'excitatory' : c < 0 ? 'inhibitory' : 'none').toBe(claim.effect);
    if (claim.signFlip !== undefined) expect(c !== 0 && Math.sign(c) !== Math.sign(s.weight)).toBe(claim.signFlip);
    if (claim.mixed) {
      const share = live.share!.get(s.id)!;
      expect(share).toBeGreaterThan(0.05);
      expect(share).toBeLessThan(0.95);
    }
  }
  if (claim.neuron) {
    if (claim.output) expect(sign(live.o.get(claim.neuron)!)).toBe(claim.output);
    if (claim.sum) expect(sign(live.z.get(claim.neuron)!)).toBe(claim.sum);
  }
}

describe('the negative-output walkthrough', () => {
  it('is a valid network bound to its dataset by feature names', () => {
    const { dataset, network } = negativeOutputExample();
    expect(validateNetwork(network)).toEqual([]);
    const inputs = network.neurons.filter((x) => x.role === 'input').map((x) => x.label);
    expect(inputs).toEqual(dataset.meta.features.map((f) => f.name));
    expect(network.neurons.filter((x) => x.role === 'output').map((x) => x.label)).toEqual(dataset.meta.outputs.map((o) => o.name));
  });

  it.each(STEPS.map((s, i) => [i + 1, s.id, s] as const))('step %i (%s): every claim holds in a forward pass of the example', (_n, _id, step) => {
    const live = liveOf(negativeOutputNetwork(), step.mode === 'dataset');
    for (const claim of step.claims) check(claim, live);
    // Everything highlighted exists in the network.
    for (const id of step.synapses) expect(live.net.synapses.some((s) => s.id === id)).toBe(true);
    for (const id of step.neurons) expect(live.net.neurons.some((s) => s.id === id)).toBe(true);
  });

  it('says the live numbers and the right verb in each step', () => {
    const net = negativeOutputNetwork();
    const live = liveOf(net);
    const text = (id: string, l = live) => STEPS.find((s) => s.id === id)!.text(l);
    expect(text('sum')).toContain(`= ${num(live.z.get(WT.a))}`);
    expect(text('excite')).toContain(`c = w·o = ${num(live.c.get(WS.ta))}: it excites a`);
    expect(text('excite')).toContain(`o = ${num(live.o.get(WT.t))}`);
    expect(text('inhibit')).toContain(`c = w·o = ${num(live.c.get(WS.tb))}: it inhibits b`);
    expect(text('silent')).toContain('o = 0');
    expect(text('receivers')).toMatch(/b \(ReLU\): z = −[\d.]+ → o = 0 — ReLU silences it/);
    expect(text('receivers')).toMatch(/c \(tanh\): z = −[\d.]+ → o = −[\d.]+ — tanh passes it on towards −1/);
    expect(text('dag')).toContain('it inhibits label');
    const ds = liveOf(net, true);
    expect(text('dataset', ds)).toMatch(/Over 200 rows, t → a excites in \d+% of them/);
    expect(text('dataset', ds)).toContain(`${Math.round(ds.share!.get(WS.ta)! * 100)}%`);
  });

  it('follows an edit: a positive weight at step 2 turns the text to inhibits', () => {
    const net = negativeOutputNetwork();
    const edited = { ...net, synapses: net.synapses.map((s) => (s.id === WS.ta ? { ...s, weight: 0.9 } : s)) };
    const live = liveOf(edited);
    const t = STEPS[1].text(live);
    expect(t).toContain('w = 0.9');
    expect(t).toContain('it inhibits a');
    expect(live.c.get(WS.ta)!).toBeLessThan(0);
  });

  it('never says what the live numbers no longer show: a positive t, an awake r, a ReLU neuron a', () => {
    const net = negativeOutputNetwork();
    const edited = {
      ...net,
      neurons: net.neurons.map((n) => (n.id === WT.t ? { ...n, bias: 3 } : n.id === WT.r ? { ...n, bias: 2 } : n.id === WT.a ? { ...n, activation: 'relu' as const } : n)),
    };
    const live = liveOf(edited);
    expect(live.o.get(WT.t)!).toBeGreaterThan(0);
    expect(STEPS[1].text(live)).toContain('its output is positive');
    expect(STEPS[1].text(live)).toContain('it inhibits a');
    expect(STEPS[3].text(live)).toContain('it is not silent now');
    expect(STEPS[3].text(live)).not.toContain('neither excites nor inhibits');
    expect(STEPS[0].text(live)).toContain('o = ReLU(z)');
  });

  it('counts broken Dale signs: marking by majority leaves some weights against their neuron’s sign', () => {
    const net = negativeOutputNetwork();
    expect(daleViolations(net)).toEqual({ constrained: 0, broken: 0 });
    const marked = markDaleByMajority(net);
    const hidden = marked.neurons.filter((x) => x.role === 'hidden');
    expect(hidden.every((x) => x.dale === 'E' || x.dale === 'I')).toBe(true);
    // t's outgoing weights sum to −1.5 + 1.4 + 1.1 > 0: E, and its −1.5 into a breaks it.
    expect(marked.neurons.find((x) => x.id === WT.t)!.dale).toBe('E');
    const { constrained, broken } = daleViolations(marked);
    expect(constrained).toBe(9);
    expect(broken).toBeGreaterThan(0);
    expect(STEPS[7].text(liveOf(marked))).toContain(`${broken} of ${constrained} outgoing weights`);
    const runs = [{ dale: false, accuracy: 0.925 }, { dale: true, accuracy: 0.81 }];
    expect(STEPS[7].text({ ...liveOf(marked), runs })).toContain('Accuracy without the constraint: 93%; with Dale: 81%.');
    expect(STEPS[7].text({ ...liveOf(marked), runs: runs.slice(0, 1) })).toContain('with Dale: not trained yet');
  });

  it('puts the example weights back, keeping the E/I marks and anything added', () => {
    const marked = markDaleByMajority(negativeOutputNetwork());
    const trained = { ...marked, synapses: [...marked.synapses.map((s) => ({ ...s, weight: s.weight * 3 })), { id: 'extra', source: WT.x1, target: WT.c, weight: 5 }] };
    const back = withExampleWeights(trained);
    expect(back.synapses.find((s) => s.id === WS.ta)!.weight).toBe(-1.5);
    expect(back.synapses.find((s) => s.id === 'extra')!.weight).toBe(5);
    expect(back.neurons.map((n) => n.dale)).toEqual(marked.neurons.map((n) => n.dale));
  });
});
