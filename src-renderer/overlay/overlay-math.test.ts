import { describe, expect, it } from 'vitest';
import { compileNetwork, forwardSample, paramsFromNetwork } from '../../src-shared/engine/index';
import type { Network, Neuron } from '../../src-shared/model/network';
import { SIGN_COLORS } from '../ui/sign-colors';
import { budgetEquation, budgets, contributionsInto, contributionText, daleCounts, daleNote, edgeViews, isSignFlip, lesionDeltas, lesionExplanation, logSumExp, sameDetail, sampleView, softmaxMember, type SampleView } from './overlay-math';
import { formatShort as fmtShort } from '../../src-shared/format-number';

const neuron = (id: string, role: Neuron['role'], activation: Neuron['activation'], bias = 0, dale: Neuron['dale'] = null): Neuron => ({ id, role, label: id, activation, bias, position: { x: 0, y: 0 }, dale });

/** x1, x2 → t (tanh), r (relu) → y (identity) and x1 → y directly. */
function net(): Network {
  return {
    version: 1,
    neurons: [neuron('x1', 'input', 'identity', 0, 'E'), neuron('x2', 'input', 'identity'), neuron('t', 'hidden', 'tanh', 0.1, 'I'), neuron('r', 'hidden', 'relu', -0.2), neuron('y', 'output', 'identity', 0.3)],
    synapses: [
      { id: 'x1t', source: 'x1', target: 't', weight: -1.5 },
      { id: 'x2t', source: 'x2', target: 't', weight: 0.5 },
      { id: 'x1r', source: 'x1', target: 'r', weight: 1 },
      { id: 'ty', source: 't', target: 'y', weight: -2 },
      { id: 'ry', source: 'r', target: 'y', weight: 3 },
      { id: 'x1y', source: 'x1', target: 'y', weight: 0.25 },
    ],
    softmaxGroups: [],
    viewport: null,
  };
}

function run(n: Network, inputs: number[], lesions?: { synapses?: string[]; neurons?: string[] }): SampleView {
  const p = compileNetwork(n);
  const r = forwardSample(p, paramsFromNetwork(p, n), inputs, lesions ?? null);
  return sampleView({ neuronIds: p.neuronIds, synapseIds: p.synapseIds, z: Array.from(r.z), o: Array.from(r.o), contributions: Array.from(r.contributions) });
}

describe('overlay math', () => {
  const n = net();
  // x1 = 1: t's z = -1.5 + 0.5·0.4 + 0.1 = -1.2 → tanh ≈ -0.834; r's z = 1 - 0.2 = 0.8.
  const s = run(n, [1, 0.4]);

  it('draws a negative output through a negative weight as excitatory and flags the sign flip', () => {
    const v = edgeViews(n, 'contributions', s, null, new Set());
    const ty = v.get('ty')!;
    expect(s.o.get('t')!).toBeCloseTo(Math.tanh(-1.2), 12);
    expect(ty.value).toBeCloseTo(-2 * Math.tanh(-1.2), 12);
    expect(ty.effect).toBe('excitatory');
    expect(ty.color).toBe(SIGN_COLORS.positive);
    expect(ty.signFlip).toBe(true);
    expect(v.get('x1t')!.effect).toBe('inhibitory');
    expect(v.get('x1t')!.signFlip).toBe(false);
    // Width is relative to the receiving neuron's Σ|c|: the largest share is the widest.
    const total = Math.abs(ty.value) + Math.abs(v.get('ry')!.value) + Math.abs(v.get('x1y')!.value);
    expect(ty.width).toBeCloseTo(1 + (5 * Math.abs(ty.value)) / total, 12);
  });

  it('writes the hover text from the numbers it shows, and tells two views apart by those numbers', () => {
    const v = edgeViews(n, 'contributions', s, null, new Set());
    const x1y = v.get('x1y')!;
    const total = Math.abs(v.get('ty')!.value) + Math.abs(v.get('ry')!.value) + 0.25;
    expect(x1y.detail).toBe(`w 0.25 × o 1 = c 0.25 (${Math.round((0.25 / total) * 100)}% of |input|)`);
    const again = edgeViews(n, 'contributions', s, null, new Set());
    expect(sameDetail(again.get('ty')!, v.get('ty')!)).toBe(true);
    const other = edgeViews(n, 'contributions', run(n, [0.5, 0.4]), null, new Set());
    expect(sameDetail(other.get('ty')!, v.get('ty')!)).toBe(false);
    expect(other.get('ty')!.detail).not.toBe(v.get('ty')!.detail);
  });

  it('draws a silent ReLU’s outgoing synapse as zero whatever its weight', () => {
    const quiet = run(n, [-1, 0.4]); // r's z = -1.2 → 0
    const ry = edgeViews(n, 'contributions', quiet, null, new Set()).get('ry')!;
    expect(ry.value).toBe(0);
    expect(ry.effect).toBe('none');
    expect(ry.color).toBe(SIGN_COLORS.zero);
    expect(ry.width).toBe(1);
  });

  it('weights mode colours by w; dataset mode by the mean contribution', () => {
    const w = edgeViews(n, 'weights', null, null, new Set());
    expect(w.get('ty')!.effect).toBe('inhibitory');
    expect(w.get('ry')!.effect).toBe('excitatory');
    const stats = { count: 10, mean: new Map([['ty', 0.5]]), meanAbs: new Map([['ty', 0.7]]), excitatoryShare: new Map([['ty', 0.8]]) };
    const d = edgeViews(n, 'dataset', null, stats, new Set());
    expect(d.get('ty')!.effect).toBe('excitatory');
    expect(d.get('ty')!.detail).toContain('80% of 10 rows');
    expect(edgeViews(n, 'off', s, null, new Set()).size).toBe(0);
  });

  it('budgets: Σ excitatory + Σ inhibitory + bias = z for every neuron', () => {
    const b = budgets(n, s);
    for (const [id, x] of b) expect(x.excitatory + x.inhibitory + x.bias).toBeCloseTo(s.z.get(id)!, 12);
    const y = b.get('y')!;
    expect(y.excitatory).toBeCloseTo(-2 * Math.tanh(-1.2) + 3 * 0.8 + 0.25, 12);
    expect(y.inhibitory).toBe(0);
    expect(b.get('t')!.inhibitory).toBeCloseTo(-1.5, 12);
    expect(b.has('x1')).toBe(false);
  });

  it("a softmax member's budget curve is σ(z − ln Σ exp(z_others)): at its z it gives the softmax probability", () => {
    const g: Network = {
      ...n,
      neurons: [...n.neurons, neuron('y2', 'output', 'identity', -0.4), neuron('y3', 'output', 'identity', 1.1)],
      synapses: [...n.synapses, { id: 'ty2', source: 't', target: 'y2', weight: 0.7 }, { id: 'ry3', source: 'r', target: 'y3', weight: -1.2 }],
      softmaxGroups: [{ id: 'g', label: 'class', members: ['y', 'y2', 'y3'] }],
    };
    const sv = run(g, [0.8, -0.3]);
    const b = budgets(g, sv);
    const zs = ['y', 'y2', 'y3'].map((id) => sv.z.get(id)!);
    const denom = zs.reduce((a, z) => a + Math.exp(z), 0);
    ['y', 'y2', 'y3'].forEach((id, k) => {
      const x = b.get(id)!;
      expect(softmaxMember(x.z, x.softmaxShift!)).toBeCloseTo(Math.exp(zs[k]) / denom, 12);
      expect(x.o).toBeCloseTo(Math.exp(zs[k]) / denom, 12);
    });
    expect(b.get('t')!.softmaxShift).toBeNull();
    expect(logSumExp([1000, 1000])).toBeCloseTo(1000 + Math.log(2), 9);
  });

  it('sign flip needs a non-zero weight and contribution of opposite signs', () => {
    expect(isSignFlip(-1, 0.5)).toBe(true);
    expect(isSignFlip(1, -0.5)).toBe(true);
    expect(isSignFlip(1, 0)).toBe(false);
    expect(isSignFlip(-1, -2)).toBe(false);
  });

  it('lesion deltas equal a fresh forward pass without the synapse; the estimate is σ′(z)·(−c) for a direct edge', () => {
    const without = { ...n, synapses: n.synapses.filter((x) => x.id !== 'ty') };
    const fresh = run(without, [1, 0.4]);
    const cut = run(n, [1, 0.4], { synapses: ['ty'] });
    const [d] = lesionDeltas(n, s, cut, { synapses: new Set(['ty']), neurons: new Set() });
    expect(d.real).toBeCloseTo(fresh.o.get('y')! - s.o.get('y')!, 12);
    expect(d.estimate).toBeCloseTo(-s.c.get('ty')!, 12); // identity output: exact
    // A deeper lesion (x1 → t) acts through t: real change only.
    const deep = run(n, [1, 0.4], { synapses: ['x1t'] });
    const freshDeep = run({ ...n, synapses: n.synapses.filter((x) => x.id !== 'x1t') }, [1, 0.4]);
    const [e] = lesionDeltas(n, s, deep, { synapses: new Set(['x1t']), neurons: new Set() });
    expect(e.real).toBeCloseTo(freshDeep.o.get('y')! - s.o.get('y')!, 12);
    expect(e.estimate).toBeNull();
  });

  it('a lesioned neuron removes every synapse it feeds: real change and estimate match a fresh pass without it', () => {
    const cut = run(n, [1, 0.4], { neurons: ['t'] });
    const fresh = run({ ...n, synapses: n.synapses.filter((x) => x.source !== 't') }, [1, 0.4]);
    const [d] = lesionDeltas(n, s, cut, { synapses: new Set(), neurons: new Set(['t']) });
    expect(d.real).toBeCloseTo(fresh.o.get('y')! - s.o.get('y')!, 12);
    expect(d.estimate).toBeCloseTo(-s.c.get('ty')!, 12);
  });

  it('lists contributions into a neuron by |c| as text, and counts Dale marks', () => {
    const lines = contributionsInto(n, s, 'y');
    expect(lines.map((l) => l.source)).toEqual(['r', 't', 'x1']);
    const text = contributionText(lines);
    expect(text.split('\n')[1]).toMatch(/^t: w -2 × o -0\.8337 = c 1\.6673 \(excitatory, sign flip\)$/);
    expect(daleCounts(n)).toEqual({ e: 1, i: 1, free: 2 });
  });
});

describe('overlay texts', () => {
  it('says the budget as one equation, with real minus signs and a sign on E, I and bias', () => {
    const b = { excitatory: 0.0342, inhibitory: -0.000957, bias: 1.0806, z: 1.1138, o: Math.tanh(1.1138), softmaxShift: null };
    expect(budgetEquation(b, 'tanh')).toBe('E +0.03, I −0.001, bias +1.08 → z = 1.11 → tanh → o = 0.81');
    expect(fmtShort(0)).toBe('0');
    expect(fmtShort(-12345)).toBe('−1.2e+4');
  });

  it('explains why an E neuron with a negative output inhibits, and says nothing when its output is positive', () => {
    expect(daleNote('E', 'h3', -0.42)).toContain('c = w·o < 0, so its synapses inhibit');
    expect(daleNote('I', 'h4', -0.42)).toContain('c = w·o > 0, so its synapses excite');
    expect(daleNote('E', 'h3', 0.42)).toBeNull();
  });

  it('a lesion on a saturated tanh output: the first-order estimate misses, and the text says σ′ changed over the step', () => {
    // y = tanh(t·2 + 1.5): removing t → y (c = 2·tanh(1)) moves z from 3.02 to 1.5, across the bend of tanh.
    const n: Network = {
      version: 1,
      neurons: [neuron('x', 'input', 'identity'), neuron('t', 'hidden', 'tanh'), neuron('y', 'output', 'tanh', 1.5)],
      synapses: [
        { id: 'xt', source: 'x', target: 't', weight: 1 },
        { id: 'ty', source: 't', target: 'y', weight: 2 },
      ],
      softmaxGroups: [],
      viewport: null,
    };
    const base = run(n, [1]);
    const cut = run(n, [1], { synapses: ['ty'] });
    const [d] = lesionDeltas(n, base, cut, { synapses: new Set(['ty']), neurons: new Set() });
    const slope = 1 - Math.tanh(base.z.get('y')!) ** 2;
    expect(d.estimate).toBeCloseTo(-slope * 2 * Math.tanh(1), 12);
    expect(d.real).toBeCloseTo(Math.tanh(1.5) - Math.tanh(1.5 + 2 * Math.tanh(1)), 12);
    expect(d.slopeAfter).toBeCloseTo(1 - Math.tanh(1.5) ** 2, 12);
    const why = lesionExplanation(d)!;
    expect(why).toContain('saturation: σ′ changes over the step');
    expect(why).toContain(`${fmtShort(d.slopeBefore!)} at the old z and ${fmtShort(d.slopeAfter!)} at the new one`);
    // A linear output: the estimate is exact and there is nothing to explain.
    const lin = { ...n, neurons: n.neurons.map((x) => (x.id === 'y' ? { ...x, activation: 'identity' as const } : x)) };
    const [e] = lesionDeltas(lin, run(lin, [1]), run(lin, [1], { synapses: ['ty'] }), { synapses: new Set(['ty']), neurons: new Set() });
    expect(lesionExplanation(e)).toBeNull();
  });
});
