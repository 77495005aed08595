/**
 * The pure core of the excitatory/inhibitory overlays: how each synapse is drawn, each neuron's E/I
 * budget, sign flips, lesion deltas and the sorted contribution list. No React, so it is unit-tested.
 */
import { ACT_CODE, derivative } from '../../src-shared/engine/activations';
import type { Network, Neuron, Synapse } from '../../src-shared/model/network';
import type { NumbersById } from '../../src-shared/overlay/numbers-by-id';
import { signColor, weightStrokeWidth } from '../ui/sign-colors';
import { formatExact, formatShort } from '../../src-shared/format-number';

/** Which overlay the canvas draws. */
export type OverlayMode = 'off' | 'weights' | 'contributions' | 'dataset';

/** One forward pass keyed by id: z and o per neuron, c = w·o per synapse. */
export interface SampleView {
  z: NumbersById;
  o: NumbersById;
  c: NumbersById;
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

/** What a network's drawing looks up by id, indexed once per network object (every edit makes a new one). */
interface NetworkIndex {
  neuron: Map<string, Neuron>;
  synapse: Map<string, Synapse>;
  /** The synapses into each neuron, in document order. */
  incoming: Map<string, Synapse[]>;
}

const networkIndexes = new WeakMap<Network, NetworkIndex>();

function networkIndex(net: Network): NetworkIndex {
  let x = networkIndexes.get(net);
  if (!x) {
    const incoming = new Map<string, Synapse[]>();
    for (const s of net.synapses) {
      const list = incoming.get(s.target);
      if (list) list.push(s);
      else incoming.set(s.target, [s]);
    }
    x = { neuron: new Map(net.neurons.map((n) => [n.id, n])), synapse: new Map(net.synapses.map((s) => [s.id, s])), incoming };
    networkIndexes.set(net, x);
  }
  return x;
}

/** Whether two views draw the same (the hover text compared by its numbers, never formatted). */
export function sameView(a: EdgeView, b: EdgeView): boolean {
  return a.effect === b.effect && a.color === b.color && a.width === b.width && a.signFlip === b.signFlip && a.value === b.value && a.lesioned === b.lesioned && sameDetail(a, b);
}

/**
 * How every synapse is drawn under one overlay state, worked out for a synapse when it is first asked for: a sample
 * step costs what the canvas draws (a few dozen edges with the big levels collapsed), not the thousands of synapses
 * the network holds. A view equal to the previous state's view of that synapse is that same object, so its edge
 * skips re-rendering.
 */
export class EdgeViews {
  /** Synapses with a view (0 when the overlay draws none). */
  readonly size: number;
  private readonly views = new Map<string, EdgeView | null>();
  /** Per receiving neuron: Σ|c| (contributions) or the largest mean |c| (dataset), the scale of the widths. */
  private readonly scales = new Map<string, number>();
  private readonly index: NetworkIndex;

  constructor(
    net: Network,
    private readonly mode: OverlayMode,
    private readonly sample: SampleView | null,
    private readonly stats: StatsView | null,
    private readonly lesioned: ReadonlySet<string>,
    private previous: EdgeViews | null = null,
  ) {
    // Only one state back: older ones are let go.
    if (previous) previous.previous = null;
    this.index = networkIndex(net);
    const draws = mode === 'weights' || (mode === 'contributions' && sample !== null) || (mode === 'dataset' && stats !== null);
    this.size = draws ? net.synapses.length : 0;
  }

  /** The view of synapse `id` (undefined when the overlay draws none or there is no such synapse). */
  get(id: string): EdgeView | undefined {
    let v = this.views.get(id);
    if (v === undefined) {
      v = this.size ? (this.view(id) ?? null) : null;
      const before = v && this.previous?.get(id);
      if (v && before && sameView(before, v)) v = before;
      this.views.set(id, v);
    }
    return v ?? undefined;
  }

  private scale(target: string): number {
    let t = this.scales.get(target);
    if (t === undefined) {
      t = 0;
      for (const s of this.index.incoming.get(target) ?? []) {
        if (this.mode === 'contributions') t += Math.abs(this.sample!.c.get(s.id) ?? 0);
        else t = Math.max(t, this.stats!.meanAbs.get(s.id) ?? 0);
      }
      this.scales.set(target, t);
    }
    return t;
  }

  private view(id: string): EdgeView | undefined {
    const s = this.index.synapse.get(id);
    if (!s) return undefined;
    if (this.mode === 'weights') {
      return { effect: effectOf(s.weight), color: signColor(s.weight), width: weightStrokeWidth(s.weight), signFlip: false, value: s.weight, lesioned: this.lesioned.has(s.id), detail: `w ${formatExact(s.weight)}` };
    }
    if (this.mode === 'contributions') {
      const sample = this.sample!;
      const v = sample.c.get(s.id) ?? 0;
      const t = this.scale(s.target);
      const share = t > 0 ? Math.abs(v) / t : 0;
      const o = sample.o.get(s.source) ?? 0;
      return new ContributionView(effectOf(v), signColor(v), MIN_W + MAX_EXTRA_W * share, isSignFlip(s.weight, v), v, this.lesioned.has(s.id), [s.weight, o, v, Math.round(share * 100)]);
    }
    const stats = this.stats!;
    const m = stats.mean.get(s.id) ?? 0;
    const a = stats.meanAbs.get(s.id) ?? 0;
    const sh = stats.excitatoryShare.get(s.id) ?? 0;
    const mx = this.scale(s.target);
    return {
      effect: effectOf(m),
      color: signColor(m),
      width: MIN_W + MAX_EXTRA_W * (mx > 0 ? a / mx : 0),
      signFlip: false,
      value: m,
      lesioned: false,
      detail: `mean c ${formatExact(m)}, mean |c| ${formatExact(a)}, excites in ${Math.round(sh * 100)}% of ${stats.count} rows`,
    };
  }
}

/** How every synapse is drawn under `mode` (none for 'off' or when the data is not there yet), each worked out when asked for. */
export function edgeViews(net: Network, mode: OverlayMode, sample: SampleView | null, stats: StatsView | null, lesioned: ReadonlySet<string>, previous: EdgeViews | null = null): EdgeViews {
  return new EdgeViews(net, mode, sample, stats, lesioned, previous);
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

/** One neuron's budget for a sample (undefined for inputs and unknown ids). Σ excitatory + Σ inhibitory + bias = z. */
function budgetOf(net: Network, sample: SampleView, id: string): Budget | undefined {
  const index = networkIndex(net);
  const n = index.neuron.get(id);
  if (!n || n.role === 'input') return undefined;
  const b: Budget = { excitatory: 0, inhibitory: 0, bias: n.bias, z: sample.z.get(id) ?? 0, o: sample.o.get(id) ?? 0, softmaxShift: null };
  const group = net.softmaxGroups.find((g) => g.members.includes(id));
  if (group) b.softmaxShift = logSumExp(group.members.filter((k) => k !== id).map((k) => sample.z.get(k) ?? 0));
  for (const s of index.incoming.get(id) ?? []) {
    const c = sample.c.get(s.id) ?? 0;
    if (c > 0) b.excitatory += c;
    else b.inhibitory += c;
  }
  return b;
}

/** Every non-input neuron's budget for a sample (inputs have none). Σ excitatory + Σ inhibitory + bias = z. */
export function budgets(net: Network, sample: SampleView): Map<string, Budget> {
  const b = new Map<string, Budget>();
  for (const n of net.neurons) {
    const x = budgetOf(net, sample, n.id);
    if (x) b.set(n.id, x);
  }
  return b;
}

/** The budgets of one sample, each worked out when first asked for (only the neurons the canvas draws are). */
export class LazyBudgets {
  private readonly known = new Map<string, Budget | null>();
  constructor(
    private readonly net: Network,
    private readonly sample: SampleView | null,
  ) {}

  get(id: string): Budget | undefined {
    if (!this.sample) return undefined;
    let b = this.known.get(id);
    if (b === undefined) this.known.set(id, (b = budgetOf(this.net, this.sample, id) ?? null));
    return b ?? undefined;
  }
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

/** A document-order array read by id. */
class IndexedValues implements NumbersById {
  constructor(
    private readonly index: ReadonlyMap<string, number>,
    private readonly values: readonly number[],
  ) {}

  get(id: string): number | undefined {
    const k = this.index.get(id);
    return k === undefined ? undefined : this.values[k];
  }
}

/** The id → index maps of the last few replies: a sample step brings the same ids in the same order. */
const recentIndexes: Array<{ ids: readonly string[]; index: Map<string, number> }> = [];

function indexOfIds(ids: readonly string[]): Map<string, number> {
  const hit = recentIndexes.find((r) => r.ids.length === ids.length && r.ids.every((id, k) => id === ids[k]));
  if (hit) return hit.index;
  const index = new Map(ids.map((id, k) => [id, k]));
  recentIndexes.unshift({ ids, index });
  recentIndexes.length = Math.min(recentIndexes.length, 4);
  return index;
}

/** Builds a SampleView from a forward reply (document-order arrays with ids alongside). */
export function sampleView(r: { neuronIds: string[]; synapseIds: string[]; z: number[]; o: number[]; contributions: number[] }): SampleView {
  const neurons = indexOfIds(r.neuronIds);
  return { z: new IndexedValues(neurons, r.z), o: new IndexedValues(neurons, r.o), c: new IndexedValues(indexOfIds(r.synapseIds), r.contributions) };
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
