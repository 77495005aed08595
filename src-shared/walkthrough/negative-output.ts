/**
 * The guided example "What does a negative output do?": a small hand-wired network, its dataset, and the
 * steps of the walkthrough. Every number a step says is computed from the live forward pass it is given
 * (the engine's, through the overlay), never typed in, so the text follows whatever the user edits.
 */
import type { NumbersById } from '../overlay/numbers-by-id';
import type { Network, Neuron, Synapse } from '../model/network';
import { daleViolations } from '../model/dale-check';
import { NETWORK_SCHEMA_VERSION } from '../model/network';
import { makeExample, type Example } from '../data/examples';

/** Fixed ids of the example's neurons (the walkthrough finds them by id, whatever their labels become). */
export const WT = {
  x1: 'wt-x1',
  x2: 'wt-x2',
  t: 'wt-t',
  r: 'wt-r',
  a: 'wt-a',
  b: 'wt-b',
  c: 'wt-c',
  y: 'wt-y',
} as const;

/** Fixed ids of the example's synapses. */
export const WS = {
  x1t: 'wt-s-x1-t',
  x2t: 'wt-s-x2-t',
  x1r: 'wt-s-x1-r',
  x2r: 'wt-s-x2-r',
  ta: 'wt-s-t-a',
  tb: 'wt-s-t-b',
  tc: 'wt-s-t-c',
  ra: 'wt-s-r-a',
  rb: 'wt-s-r-b',
  ac: 'wt-s-a-c',
  ay: 'wt-s-a-y',
  by: 'wt-s-b-y',
  cy: 'wt-s-c-y',
  x1y: 'wt-s-x1-y',
} as const;

/** The one sample of steps 1–5, 7 and 8, by input neuron id (in the dataset's standardised units). */
export const WALKTHROUGH_SAMPLE: Record<string, number> = { [WT.x1]: -1, [WT.x2]: 0.5 };

const COL = 240;
const ROW = 120;

/**
 * The example network: t (tanh) goes negative for the sample and feeds a through a negative weight (excites) and
 * b, c through positive ones (inhibits); r is a ReLU the sample keeps silent; b (ReLU) and c (tanh) receive a
 * negative sum; x1 → label skips the hidden layers and a → c joins two neurons of one layer.
 */
export function negativeOutputNetwork(): Network {
  const n = (id: string, role: Neuron['role'], label: string, activation: Neuron['activation'], bias: number, col: number, row: number): Neuron => ({
    id,
    role,
    label,
    activation,
    bias,
    position: { x: col * COL, y: row * ROW },
    dale: null,
  });
  const neurons: Neuron[] = [
    // x1 and label share the top row, so the skip connection runs as a straight line above the hidden neurons.
    n(WT.x1, 'input', 'x1', 'identity', 0, 0, 0),
    n(WT.x2, 'input', 'x2', 'identity', 0, 0, 1.7),
    n(WT.t, 'hidden', 't', 'tanh', -0.2, 1, 0.9),
    n(WT.r, 'hidden', 'r', 'relu', -0.3, 1, 1.9),
    n(WT.a, 'hidden', 'a', 'tanh', 0.1, 2, 0.9),
    n(WT.b, 'hidden', 'b', 'relu', 0, 2, 1.9),
    n(WT.c, 'hidden', 'c', 'tanh', -0.1, 2, 2.9),
    n(WT.y, 'output', 'label', 'sigmoid', 0, 3, 0),
  ];
  const s = (id: string, source: string, target: string, weight: number): Synapse => ({ id, source, target, weight });
  const synapses: Synapse[] = [
    s(WS.x1t, WT.x1, WT.t, 1.2),
    s(WS.x2t, WT.x2, WT.t, -0.6),
    s(WS.x1r, WT.x1, WT.r, 0.8),
    s(WS.x2r, WT.x2, WT.r, 0.9),
    s(WS.ta, WT.t, WT.a, -1.5),
    s(WS.tb, WT.t, WT.b, 1.4),
    s(WS.tc, WT.t, WT.c, 1.1),
    s(WS.ra, WT.r, WT.a, 2),
    s(WS.rb, WT.r, WT.b, -1.2),
    s(WS.ac, WT.a, WT.c, -0.8),
    s(WS.ay, WT.a, WT.y, 1),
    s(WS.by, WT.b, WT.y, 0.8),
    s(WS.cy, WT.c, WT.y, -1),
    s(WS.x1y, WT.x1, WT.y, 0.7),
  ];
  return { version: NETWORK_SCHEMA_VERSION, neurons, synapses, softmaxGroups: [], viewport: null };
}

/** The dataset's name as the project lists it. */
export const WALKTHROUGH_DATASET_NAME = 'Negative output';

/** The example: XOR-like points (x1, x2 → label) with the hand-wired network above, so it can also be trained (step 8). */
export function negativeOutputExample(seed = 1): Example {
  const ex = makeExample('xor', { size: 200, seed });
  ex.dataset.meta.name = WALKTHROUGH_DATASET_NAME;
  return { dataset: ex.dataset, network: negativeOutputNetwork() };
}

/** True when a network is (still) the walkthrough's: its neurons carry the example's ids. */
export function isWalkthroughNetwork(net: Network): boolean {
  const ids = new Set(net.neurons.map((x) => x.id));
  return [WT.t, WT.r, WT.a, WT.b, WT.c].every((id) => ids.has(id));
}

/** What a step's text is computed from: the network on the canvas and the overlay's forward pass (and dataset share). */
export interface Live {
  net: Network;
  /** Output per neuron id for the sample (absent before the first answer). */
  o: NumbersById;
  /** Pre-activation per neuron id. */
  z: NumbersById;
  /** Contribution c = w·o per synapse id. */
  c: NumbersById;
  /** Dataset overlay: share of rows with c > 0 per synapse id, and how many rows (null outside step 6). */
  share: NumbersById | null;
  rows: number | null;
  /** The project's finished runs, oldest first: trained with Dale's constraint or not, and their validation (else training) accuracy. */
  runs?: { dale: boolean; accuracy: number | null }[];
}

/** The overlay a step switches on. */
export type StepMode = 'contributions' | 'dataset';

/** What a step claims of the example as built (checked by the unit test against the engine and by e2e against the page). */
export interface Claim {
  synapse?: string;
  neuron?: string;
  /** The synapse's effect for the sample: sign of c. */
  effect?: 'excitatory' | 'inhibitory' | 'none';
  /** The ± mark: the weight's sign differs from c's. */
  signFlip?: boolean;
  /** Sign of the weight. */
  weight?: 'positive' | 'negative';
  /** The neuron's output for the sample. */
  output?: 'positive' | 'negative' | 'zero';
  /** The neuron's sum z for the sample. */
  sum?: 'positive' | 'negative';
  /** Dataset overlay: the share of excitatory rows is strictly between 0 and 1. */
  mixed?: boolean;
}

/** One step of the walkthrough. */
export interface Step {
  id: string;
  title: string;
  mode: StepMode;
  /** Highlighted neurons and synapses. */
  neurons: string[];
  synapses: string[];
  claims: Claim[];
  /** One or two sentences with the live numbers. */
  text(live: Live): string;
}

/** A number as the walkthrough prints it: a minus sign, up to three decimals. */
export function num(v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v)) return '…';
  const r = Math.round(v * 1000) / 1000;
  return r === 0 ? '0' : r < 0 ? `−${Math.abs(r)}` : String(r);
}

function labelOf(net: Network, id: string): string {
  return net.neurons.find((x) => x.id === id)?.label || id;
}

function weightOf(net: Network, id: string): number | undefined {
  return net.synapses.find((x) => x.id === id)?.weight;
}

function synapseOf(net: Network, id: string): Synapse | undefined {
  return net.synapses.find((x) => x.id === id);
}

/** "excites" / "inhibits" / "does nothing to" by the sign of c. */
function verb(c: number | undefined): string {
  if (c === undefined) return '…';
  return c > 0 ? 'excites' : c < 0 ? 'inhibits' : 'does nothing to';
}

/** The sentence about one synapse: o of the source, w, c and what that does. */
function edgeSentence(live: Live, synapseId: string): string {
  const s = synapseOf(live.net, synapseId);
  if (!s) return 'This synapse was deleted; Undo (Ctrl+Z) brings it back.';
  const o = live.o.get(s.source);
  const c = live.c.get(synapseId);
  const src = labelOf(live.net, s.source);
  const dst = labelOf(live.net, s.target);
  const flip = c !== undefined && c !== 0 && s.weight !== 0 && Math.sign(c) !== Math.sign(s.weight);
  return `${src} → ${dst}: o = ${num(o)}, w = ${num(s.weight)}, so c = w·o = ${num(c)}: it ${verb(c)} ${dst}${flip ? ' (± : the negative output flipped the weight’s sign)' : ''}.`;
}

function activationName(net: Network, id: string): string {
  return net.neurons.find((x) => x.id === id)?.activation ?? '?';
}

/** The activation as the canvas names it. */
function actName(net: Network, id: string): string {
  const a = activationName(net, id);
  return a === 'relu' ? 'ReLU' : a;
}

/** What a receiver's activation does with its sum. */
function receiverSentence(live: Live, id: string): string {
  const z = live.z.get(id);
  const o = live.o.get(id);
  const act = activationName(live.net, id);
  const name = labelOf(live.net, id);
  const what = z === undefined ? '' : z < 0 ? (act === 'relu' ? ' — ReLU silences it, however negative' : act === 'tanh' ? ' — tanh passes it on towards −1' : '') : ' — its sum is not negative now';
  return `${name} (${act === 'relu' ? 'ReLU' : act}): z = ${num(z)} → o = ${num(o)}${what}.`;
}

function pct(v: number | undefined): string {
  return v === undefined ? '…' : `${Math.round(v * 100)}%`;
}

/** The steps, in order. */
export const STEPS: Step[] = [
  {
    id: 'sum',
    title: 'What a neuron computes',
    mode: 'contributions',
    neurons: [WT.a],
    synapses: [WS.ta, WS.ra],
    claims: [{ neuron: WT.a, output: 'positive' }],
    text(live) {
      const net = live.net;
      const bias = net.neurons.find((x) => x.id === WT.a)?.bias;
      const parts = [WS.ta, WS.ra].map((id) => num(live.c.get(id))).join(' + ');
      return `Each neuron sums z = b + Σ w·o, then outputs o = σ(z). For ${labelOf(net, WT.a)} and this sample: z = ${num(bias)} + ${parts} = ${num(live.z.get(WT.a))}, o = ${actName(net, WT.a)}(z) = ${num(live.o.get(WT.a))}. Each term c = w·o is one synapse’s contribution, coloured by its sign.`;
    },
  },
  {
    id: 'excite',
    title: 'A negative output through a negative weight',
    mode: 'contributions',
    neurons: [WT.t, WT.a],
    synapses: [WS.ta],
    claims: [
      { neuron: WT.t, output: 'negative' },
      { synapse: WS.ta, weight: 'negative', effect: 'excitatory', signFlip: true },
    ],
    text(live) {
      const o = live.o.get(WT.t);
      const said = o === undefined ? '…' : o < 0 ? 'negative (tanh can go below 0)' : o > 0 ? 'positive' : '0';
      return `${labelOf(live.net, WT.t)} is ${actName(live.net, WT.t)}, and for this sample its output is ${said}. ${edgeSentence(live, WS.ta)} Try it: select the synapse and make its weight positive in the inspector.`;
    },
  },
  {
    id: 'inhibit',
    title: 'The same output through a positive weight',
    mode: 'contributions',
    neurons: [WT.t, WT.b],
    synapses: [WS.tb],
    claims: [{ synapse: WS.tb, weight: 'positive', effect: 'inhibitory', signFlip: true }],
    text(live) {
      return `The same output o = ${num(live.o.get(WT.t))} now meets a positive weight. ${edgeSentence(live, WS.tb)} The sign of the effect is the sign of c = w·o, not of w or o alone.`;
    },
  },
  {
    id: 'silent',
    title: 'A silent ReLU does nothing',
    mode: 'contributions',
    neurons: [WT.r],
    synapses: [WS.ra, WS.rb],
    claims: [
      { neuron: WT.r, output: 'zero' },
      { synapse: WS.ra, weight: 'positive', effect: 'none' },
      { synapse: WS.rb, weight: 'negative', effect: 'none' },
    ],
    text(live) {
      const r = labelOf(live.net, WT.r);
      const o = live.o.get(WT.r);
      const ws = `${num(weightOf(live.net, WS.ra))} and ${num(weightOf(live.net, WS.rb))}`;
      const cs = `${num(live.c.get(WS.ra))} and ${num(live.c.get(WS.rb))}`;
      if (o !== 0) return `${r} (${actName(live.net, WT.r)}) has z = ${num(live.z.get(WT.r))} and o = ${num(o)}: it is not silent now, so its weights (${ws}) carry c = ${cs}.`;
      return `${r} is a ReLU with z = ${num(live.z.get(WT.r))}, so o = 0. Whatever its weights (${ws}), c = w·0 = ${cs}: it neither excites nor inhibits.`;
    },
  },
  {
    id: 'receivers',
    title: 'What a receiver does with a negative sum',
    mode: 'contributions',
    neurons: [WT.b, WT.c],
    synapses: [WS.tb, WS.tc],
    claims: [
      { neuron: WT.b, sum: 'negative', output: 'zero' },
      { neuron: WT.c, sum: 'negative', output: 'negative' },
      { synapse: WS.tb, effect: 'inhibitory' },
      { synapse: WS.tc, effect: 'inhibitory' },
    ],
    text(live) {
      return `Two receivers of ${labelOf(live.net, WT.t)}’s output, side by side. ${receiverSentence(live, WT.b)} ${receiverSentence(live, WT.c)}`;
    },
  },
  {
    id: 'dataset',
    title: 'Across the dataset',
    mode: 'dataset',
    neurons: [WT.t, WT.a],
    synapses: [WS.ta],
    claims: [{ synapse: WS.ta, mixed: true }],
    text(live) {
      const share = live.share?.get(WS.ta);
      const rows = live.rows;
      if (share === undefined || rows === null) return 'The Dataset overlay runs every row of the dataset through the network…';
      const t = labelOf(live.net, WT.t);
      const why = share > 0 && share < 1 ? `${t}’s output changes sign from row to row, so the same synapse does both` : 'here it acts the same way in every row';
      return `Over ${rows} rows, ${t} → ${labelOf(live.net, WT.a)} excites in ${pct(share)} of them and inhibits or does nothing in ${pct(1 - share)}: ${why}. The colour shows the mean contribution, c̄ = ${num(live.c.get(WS.ta))}.`;
    },
  },
  {
    id: 'dag',
    title: 'Not only from the previous layer',
    mode: 'contributions',
    neurons: [WT.a, WT.c, WT.x1, WT.y],
    synapses: [WS.x1y, WS.ac],
    claims: [
      { synapse: WS.x1y, weight: 'positive', effect: 'inhibitory', signFlip: true },
      { synapse: WS.ac, weight: 'negative', effect: 'inhibitory', signFlip: false },
    ],
    text(live) {
      return `Any connection of the graph works the same way. Skip: ${edgeSentence(live, WS.x1y)} Within a layer: ${edgeSentence(live, WS.ac)}`;
    },
  },
  {
    id: 'dale',
    title: 'Biology: Dale’s principle',
    mode: 'contributions',
    neurons: [WT.t, WT.r, WT.a, WT.b, WT.c],
    synapses: [],
    claims: [],
    text(live) {
      const { constrained, broken } = daleViolations(live.net);
      const head = 'A real neuron is excitatory or inhibitory for all its outgoing synapses (Dale’s principle): the sign belongs to the neuron, not to each weight.';
      if (!constrained) return `${head} Mark the hidden neurons E or I, then train with and without the constraint and compare.`;
      const last = (dale: boolean) => [...(live.runs ?? [])].reverse().find((r) => r.dale === dale && r.accuracy !== null)?.accuracy;
      const free = last(false);
      const withDale = last(true);
      const compare =
        free === undefined && withDale === undefined
          ? 'Train with and without the constraint and compare their accuracy.'
          : `Accuracy without the constraint: ${free === undefined ? 'not trained yet' : pct(free ?? undefined)}; with Dale: ${withDale === undefined ? 'not trained yet' : pct(withDale ?? undefined)}.`;
      return `${head} On the canvas, ${broken} of ${constrained} outgoing weights of E/I neurons break their neuron’s sign (a run’s Load final shows its own). ${compare} Replay a run under Runs and scrub it to watch the signs settle.`;
    },
  },
];

/** Marks every hidden neuron E or I by the sign most of its outgoing weight carries (Σ w), as a biologist would label it. */
export function markDaleByMajority(net: Network): Network {
  const sum = new Map<string, number>();
  for (const s of net.synapses) sum.set(s.source, (sum.get(s.source) ?? 0) + s.weight);
  return { ...net, neurons: net.neurons.map((x) => (x.role === 'hidden' ? { ...x, dale: (sum.get(x.id) ?? 0) < 0 ? 'I' : 'E' } : x)) };
}

/** The example's hand-chosen weights and biases put back (structure, labels and E/I marks kept), so runs compared in step 8 start alike. */
export function withExampleWeights(net: Network): Network {
  const ex = negativeOutputNetwork();
  const w = new Map(ex.synapses.map((x) => [x.id, x.weight]));
  const b = new Map(ex.neurons.map((x) => [x.id, x.bias]));
  return {
    ...net,
    neurons: net.neurons.map((x) => (b.has(x.id) ? { ...x, bias: b.get(x.id)! } : x)),
    synapses: net.synapses.map((x) => (w.has(x.id) ? { ...x, weight: w.get(x.id)! } : x)),
  };
}
