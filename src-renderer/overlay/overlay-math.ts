/**
 * The pure core of the excitatory/inhibitory overlays: how each synapse is drawn, each neuron's E/I
 * budget, sign flips, lesion deltas and the sorted contribution list. No React, so it is unit-tested.
 */
import { ACT_CODE, derivative } from '../../src-shared/engine/activations';
import type { Network } from '../../src-shared/model/network';
import { signColor, weightStrokeWidth } from '../ui/sign-colors';
import { formatExact, formatShort } from '../../src-shared/format-number';

/** Which overlay the canvas draws. */
export type OverlayMode = 'off' | 'weights' | 'contributions' | 'dataset';

/** One forward pass keyed by id: z and o per neuron, c = w·o per synapse. */
export interface SampleView {
  z: Map<string, number>;
  o: Map<string, number>;
  c: Map<string, number>;
}

/** Dataset statistics keyed by synapse id. */
export interface StatsView {
  count: number;
  mean: Map<string, number>;
  meanAbs: Map<string, number>;
  excitatoryShare: Map<string, number>;
}

/** What a synapse's effect on its target is. */
export type Effect = 'excitatory' | 'inhibitory' | 'none';

/** How one synapse is drawn under an overlay. */
export interface EdgeView {
  effect: Effect;
  color: string;
  width: number;
  /** Weight sign differs from contribution sign (the source's output is negative). */
  signFlip: boolean;
  /** The number the overlay is about (w, c or mean c). */
  value: number;
  /** Switched off for this sample. */
  lesioned: boolean;
  /** Hover text with the exact numbers (worked out when first read: only a hovered synapse shows it). */
  detail: string;
}

/**
 * A contribution view whose hover text is formatted when read (a getter on the class, so every view keeps one
 * shape): formatting three numbers for each of thousands of synapses on every sample step cost more than the rest
 * of the step, and only the hovered synapse's text is ever shown.
 */
class ContributionView implements EdgeView {
  private text: string | undefined;
  constructor(
    readonly effect: Effect,
    readonly color: string,
    readonly width: number,
    readonly signFlip: boolean,
    readonly value: number,
    readonly lesioned: boolean,
    /** The numbers the text is made of: w, o, c and the share in percent. */
    readonly numbers: readonly [number, number, number, number],
  ) {}

  get detail(): string {
    const [w, o, c, pct] = this.numbers;
    return (this.text ??= `w ${formatExact(w)} × o ${formatExact(o)} = c ${formatExact(c)} (${pct}% of |input|)`);
  }
}

/** Whether two views show the same hover text, compared by their numbers when both are contribution views (never formats). */
export function sameDetail(a: EdgeView, b: EdgeView): boolean {
  if (a instanceof ContributionView && b instanceof ContributionView) return a.numbers.every((n, i) => Object.is(n, b.numbers[i]));
  return a.detail === b.detail;
}

/** A neuron's E/I budget for one sample: Σ excitatory c, Σ inhibitory c, bias → z → o. */
export interface Budget {
  excitatory: number;
  inhibitory: number;
  bias: number;
  z: number;
  o: number;
  /**
   * For a softmax member, ln Σ exp(z_k) over the other members: with their z fixed its output is the
   * sigmoid σ(z − shift), the curve its budget draws. Null for neurons with their own activation.
   */
  softmaxShift: number | null;
}

const MIN_W = 1;
const MAX_EXTRA_W = 5;

/** The effect of a signed value. */
export function effectOf(v: number): Effect {
  return v > 0 ? 'excitatory' : v < 0 ? 'inhibitory' : 'none';
}

/** True when a non-zero contribution has the opposite sign of its weight (c = w·o with o < 0). */
export function isSignFlip(w: number, c: number): boolean {
  return w !== 0 && c !== 0 && Math.sign(w) !== Math.sign(c);
}

/** Σ|c| into each neuron (the scale a synapse's width is relative to in contribution mode). */
export function totalAbsInput(net: Network, c: (synapseId: string) => number): Map<string, number> {
  const t = new Map<string, number>();
  for (const s of net.synapses) t.set(s.target, (t.get(s.target) ?? 0) + Math.abs(c(s.id)));
  return t;
}

/** How every synapse is drawn under `mode` (empty for 'off' or when the data is not there yet). */
export function edgeViews(net: Network, mode: OverlayMode, sample: SampleView | null, stats: StatsView | null, lesioned: ReadonlySet<string>): Map<string, EdgeView> {
  const out = new Map<string, EdgeView>();
  if (mode === 'weights') {
    for (const s of net.synapses) {
      out.set(s.id, { effect: effectOf(s.weight), color: signColor(s.weight), width: weightStrokeWidth(s.weight), signFlip: false, value: s.weight, lesioned: lesioned.has(s.id), detail: `w ${formatExact(s.weight)}` });
    }
  } else if (mode === 'contributions' && sample) {
    const c = (id: string) => sample.c.get(id) ?? 0;
    const total = totalAbsInput(net, c);
    for (const s of net.synapses) {
      const v = c(s.id);
      const t = total.get(s.target) ?? 0;
      const o = sample.o.get(s.source) ?? 0;
      const share = t > 0 ? Math.abs(v) / t : 0;
      const pct = Math.round(share * 100);
      out.set(s.id, new ContributionView(effectOf(v), signColor(v), MIN_W + MAX_EXTRA_W * share, isSignFlip(s.weight, v), v, lesioned.has(s.id), [s.weight, o, v, pct]));
    }
  } else if (mode === 'dataset' && stats) {
    const maxInto = new Map<string, number>();
    for (const s of net.synapses) maxInto.set(s.target, Math.max(maxInto.get(s.target) ?? 0, stats.meanAbs.get(s.id) ?? 0));
    for (const s of net.synapses) {
      const m = stats.mean.get(s.id) ?? 0;
      const a = stats.meanAbs.get(s.id) ?? 0;
      const sh = stats.excitatoryShare.get(s.id) ?? 0;
      const mx = maxInto.get(s.target) ?? 0;
      out.set(s.id, {
        effect: effectOf(m),
        color: signColor(m),
        width: MIN_W + MAX_EXTRA_W * (mx > 0 ? a / mx : 0),
        signFlip: false,
        value: m,
        lesioned: false,
        detail: `mean c ${formatExact(m)}, mean |c| ${formatExact(a)}, excites in ${Math.round(sh * 100)}% of ${stats.count} rows`,
      });
    }
  }
  return out;
}

/** ln Σ exp(v), computed without overflow. */
export function logSumExp(v: readonly number[]): number {
  const m = Math.max(...v);
  if (!Number.isFinite(m)) return m;
  return m + Math.log(v.reduce((s, x) => s + Math.exp(x - m), 0));
}

/** A softmax member's output at z when the other members' ln Σ exp(z_k) is `shift`: σ(z − shift). */
export function softmaxMember(z: number, shift: number): number {
  const d = z - shift;
  return d >= 0 ? 1 / (1 + Math.exp(-d)) : Math.exp(d) / (1 + Math.exp(d));
}

/** Every non-input neuron's budget for a sample (inputs have none). Σ excitatory + Σ inhibitory + bias = z. */
export function budgets(net: Network, sample: SampleView): Map<string, Budget> {
  const b = new Map<string, Budget>();
  for (const n of net.neurons) if (n.role !== 'input') b.set(n.id, { excitatory: 0, inhibitory: 0, bias: n.bias, z: sample.z.get(n.id) ?? 0, o: sample.o.get(n.id) ?? 0, softmaxShift: null });
  for (const g of net.softmaxGroups) {
    for (const m of g.members) {
      const x = b.get(m);
      if (x) x.softmaxShift = logSumExp(g.members.filter((k) => k !== m).map((k) => sample.z.get(k) ?? 0));
    }
  }
  for (const s of net.synapses) {
    const x = b.get(s.target);
    const c = sample.c.get(s.id) ?? 0;
    if (!x) continue;
    if (c > 0) x.excitatory += c;
    else x.inhibitory += c;
  }
  return b;
}

/** One line of the contribution list into a neuron. */
export interface ContributionLine {
  synapseId: string;
  source: string;
  weight: number;
  output: number;
  c: number;
  effect: Effect;
  signFlip: boolean;
}

/** The contributions into `neuronId`, largest |c| first. */
export function contributionsInto(net: Network, sample: SampleView, neuronId: string): ContributionLine[] {
  const label = new Map(net.neurons.map((n) => [n.id, n.label]));
  return net.synapses
    .filter((s) => s.target === neuronId)
    .map((s) => {
      const c = sample.c.get(s.id) ?? 0;
      return { synapseId: s.id, source: label.get(s.source) ?? s.source, weight: s.weight, output: sample.o.get(s.source) ?? 0, c, effect: effectOf(c), signFlip: isSignFlip(s.weight, c) };
    })
    .sort((a, b) => Math.abs(b.c) - Math.abs(a.c));
}

/** The contribution list as plain text (for copying and screen readers). */
export function contributionText(lines: ContributionLine[]): string {
  return lines.map((l) => `${l.source}: w ${formatExact(l.weight)} × o ${formatExact(l.output)} = c ${formatExact(l.c)} (${l.effect}${l.signFlip ? ', sign flip' : ''})`).join('\n');
}

/** One output's change under the lesions of this sample. */
export interface LesionDelta {
  neuronId: string;
  label: string;
  before: number;
  after: number;
  /** The real change of o (a fresh forward pass with the lesions). */
  real: number;
  /**
   * The linear estimate σ'(z)·(−Σ c) from the removed contributions that feed this output directly (lesioned
   * synapses into it, and every synapse into it from a lesioned neuron); null when nothing removed feeds it
   * directly (a deeper lesion acts through other neurons) or for softmax members (no scalar derivative).
   */
  estimate: number | null;
  /** z before and after the lesion. */
  zBefore: number;
  zAfter: number;
  /** σ′ at the old and at the new z (null for softmax members). */
  slopeBefore: number | null;
  slopeAfter: number | null;
}

/** Every output's real change beside the linear estimate. */
export function lesionDeltas(net: Network, base: SampleView, lesioned: SampleView, off: { synapses: ReadonlySet<string>; neurons: ReadonlySet<string> }): LesionDelta[] {
  const softmax = new Set(net.softmaxGroups.flatMap((g) => g.members));
  return net.neurons
    .filter((n) => n.role === 'output')
    .map((n) => {
      const before = base.o.get(n.id) ?? 0;
      const after = lesioned.o.get(n.id) ?? 0;
      let removed = 0;
      let direct = false;
      for (const s of net.synapses) {
        if (s.target !== n.id || !(off.synapses.has(s.id) || off.neurons.has(s.source))) continue;
        removed += base.c.get(s.id) ?? 0;
        direct = true;
      }
      const z = base.z.get(n.id) ?? 0;
      const estimate = direct && !softmax.has(n.id) && !off.neurons.has(n.id) ? derivative(ACT_CODE[n.activation], z, before) * -removed : null;
      const zAfter = lesioned.z.get(n.id) ?? 0;
      const slope = (zz: number, oo: number) => (softmax.has(n.id) ? null : derivative(ACT_CODE[n.activation], zz, oo));
      return { neuronId: n.id, label: n.label, before, after, real: after - before, estimate, zBefore: z, zAfter, slopeBefore: slope(z, before), slopeAfter: slope(zAfter, after) };
    });
}

/** The network's E:I identities (Dale marks): counts of E, I and unmarked non-output neurons. */
export function daleCounts(net: Network): { e: number; i: number; free: number } {
  let e = 0, i = 0, free = 0;
  for (const n of net.neurons) {
    if (n.role === 'output') continue;
    if (n.dale === 'E') e++;
    else if (n.dale === 'I') i++;
    else free++;
  }
  return { e, i, free };
}

/** Builds a SampleView from a forward reply (document-order arrays with ids alongside). */
export function sampleView(r: { neuronIds: string[]; synapseIds: string[]; z: number[]; o: number[]; contributions: number[] }): SampleView {
  return {
    z: new Map(r.neuronIds.map((id, k) => [id, r.z[k]])),
    o: new Map(r.neuronIds.map((id, k) => [id, r.o[k]])),
    c: new Map(r.synapseIds.map((id, k) => [id, r.contributions[k]])),
  };
}

/** A neuron's budget as one sentence: "E +0.03, I −0.001, bias +1.08 → z = 1.11 → tanh → o = 0.80". */
export function budgetEquation(b: Budget, activation: string): string {
  return `E ${formatShort(b.excitatory, true)}, I ${formatShort(b.inhibitory, true)}, bias ${formatShort(b.bias, true)} → z = ${formatShort(b.z)} → ${activation} → o = ${formatShort(b.o)}`;
}

/**
 * Why an E or I neuron's synapses look the other way: with a negative output, c = w·o turns the sign
 * Dale's principle fixes on w. Null when its output is not negative.
 */
export function daleNote(dale: 'E' | 'I', label: string, o: number): string | null {
  if (!(o < 0)) return null;
  return dale === 'E'
    ? `${label} is excitatory (E: every outgoing weight ≥ 0), but its output is negative (o = ${formatShort(o)}): c = w·o < 0, so its synapses inhibit for this sample.`
    : `${label} is inhibitory (I: every outgoing weight ≤ 0), but its output is negative (o = ${formatShort(o)}): c = w·o > 0, so its synapses excite for this sample.`;
}

/**
 * Why a lesion's first-order estimate σ′(z)·Δz misses the real change, in words: the estimate takes the slope at
 * the old z for the whole step, and the activation bends on the way (saturation) when σ′ differs at the new z.
 * Null when the two agree (within 2% or 1e-6) or there is no estimate.
 */
export function lesionExplanation(d: LesionDelta): string | null {
  if (d.estimate === null) return null;
  const gap = Math.abs(d.real - d.estimate);
  if (gap <= Math.max(1e-6, 0.02 * Math.abs(d.real))) return null;
  const slopes = d.slopeBefore !== null && d.slopeAfter !== null ? `; σ′ is ${formatShort(d.slopeBefore)} at the old z and ${formatShort(d.slopeAfter)} at the new one` : '';
  return `${d.label}: the estimate ${formatShort(d.estimate)} uses the slope at the old z (${formatShort(d.zBefore)}) for the whole step to ${formatShort(d.zAfter)}${slopes}. The activation bends on the way (saturation: σ′ changes over the step), so the real change is ${formatShort(d.real)}.`;
}
