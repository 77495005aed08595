/**
 * Seeded hostile payloads for every request channel (test support only): random values,
 * mutations of a valid payload, and structurally broken networks that pass the schema
 * (duplicate ids, missing endpoints, cycles, self-loops, outputs feeding inputs...).
 */
import { createRng, type EngineRng } from '../../src-shared/engine/rng';
import type { Network } from '../../src-shared/model/network';

/** Strings that have broken file, path, SQL and JSON code elsewhere. */
export const ODD_STRINGS = [
  '',
  '..',
  '../../etc/passwd',
  '/etc/passwd',
  'a/../../b',
  'x\0y',
  'new\nline',
  'n'.repeat(4000),
  '\u202e\u0000\ud800',
  "'; DROP TABLE neurons; --",
  '__proto__',
  'constructor',
  '=cmd|\' /C calc\'!A0',
  ' ',
  '%2e%2e%2f',
  'C:\\Windows\\win.ini',
  'base.neurite/..',
  '\\\\server\\share',
];

const ODD_NUMBERS = [0, -0, -1, 1, 0.5, -0.5, 2 ** 31, 2 ** 32 + 1, 2 ** 53, -(2 ** 53), 1e308, -1e308, 5e-324, 1e9, 100_000, 1_000_001];

/** A random value of any JSON type (and, unless `jsonOnly`, NaN, Infinity and undefined too). */
export function randomValue(rng: EngineRng, jsonOnly: boolean, depth = 0): unknown {
  const kinds = jsonOnly ? 8 : 10;
  switch (rng.int(depth > 2 ? 5 : kinds)) {
    case 0:
      return null;
    case 1:
      return rng.next() < 0.5;
    case 2:
      return ODD_NUMBERS[rng.int(ODD_NUMBERS.length)];
    case 3:
      return ODD_STRINGS[rng.int(ODD_STRINGS.length)];
    case 4:
      return Math.floor(rng.next() * 1000) - 500;
    case 5:
    case 6:
      return Array.from({ length: rng.int(4) }, () => randomValue(rng, jsonOnly, depth + 1));
    case 7: {
      const out: Record<string, unknown> = {};
      for (let i = rng.int(4); i > 0; i--) out[ODD_STRINGS[rng.int(ODD_STRINGS.length)] || 'k'] = randomValue(rng, jsonOnly, depth + 1);
      return out;
    }
    case 8:
      return [NaN, Infinity, -Infinity][rng.int(3)];
    default:
      return undefined;
  }
}

type Path = (string | number)[];

function paths(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  if (prefix.length) out.push(prefix);
  if (Array.isArray(value)) value.slice(0, 6).forEach((v, i) => paths(v, [...prefix, i], out));
  else if (value && typeof value === 'object') for (const k of Object.keys(value)) paths((value as Record<string, unknown>)[k], [...prefix, k], out);
  return out;
}

/**
 * The valid payload with one to three edits that keep each value's type (so most pass the schema
 * and reach the handler): a string becomes an odd one, a number an edge value, a boolean flips,
 * an array is emptied, reversed or grows a duplicate.
 */
export function mutateKeepingTypes(valid: unknown, rng: EngineRng): unknown {
  const copy = structuredClone(valid);
  const all = paths(copy);
  for (let edits = 1 + rng.int(3); edits > 0 && all.length; edits--) {
    const at = all[rng.int(all.length)];
    let parent = copy as Record<string | number, unknown>;
    for (const k of at.slice(0, -1)) parent = parent?.[k] as Record<string | number, unknown>;
    if (!parent || typeof parent !== 'object') continue;
    const key = at[at.length - 1];
    const current = parent[key];
    if (typeof current === 'string') parent[key] = ODD_STRINGS[rng.int(ODD_STRINGS.length)];
    else if (typeof current === 'number') parent[key] = rng.int(2) ? ODD_NUMBERS[rng.int(ODD_NUMBERS.length)] : current + rng.int(5) - 2;
    else if (typeof current === 'boolean') parent[key] = !current;
    else if (Array.isArray(current)) {
      const op = rng.int(3);
      if (op === 0) current.length = 0;
      else if (op === 1) current.reverse();
      else if (current.length) current.push(structuredClone(current[rng.int(current.length)]));
    }
  }
  return copy;
}

/** The valid payload with one to three random edits: a value replaced, a key removed or added, an array emptied or grown. */
export function mutate(valid: unknown, rng: EngineRng, jsonOnly: boolean): unknown {
  const copy = structuredClone(valid);
  const all = paths(copy);
  for (let edits = 1 + rng.int(3); edits > 0 && all.length; edits--) {
    const at = all[rng.int(all.length)];
    let parent = copy as Record<string | number, unknown>;
    for (const k of at.slice(0, -1)) parent = parent?.[k] as Record<string | number, unknown>;
    if (!parent || typeof parent !== 'object') continue;
    const key = at[at.length - 1];
    const current = parent[key];
    const op = rng.int(6);
    if (op === 0 && !Array.isArray(parent)) delete parent[key];
    else if (op === 1 && Array.isArray(current)) current.length = 0;
    else if (op === 2 && Array.isArray(current) && current.length) current.push(structuredClone(current[rng.int(current.length)]));
    else if (op === 3 && typeof current === 'string') parent[key] = ODD_STRINGS[rng.int(ODD_STRINGS.length)];
    else if (op === 4 && typeof current === 'number') parent[key] = ODD_NUMBERS[rng.int(ODD_NUMBERS.length)];
    else if (op === 5 && current && typeof current === 'object' && !Array.isArray(current)) (current as Record<string, unknown>)[ODD_STRINGS[rng.int(ODD_STRINGS.length)] || 'extra'] = randomValue(rng, jsonOnly);
    else parent[key] = randomValue(rng, jsonOnly);
  }
  return copy;
}

const neuron = (id: string, role: 'input' | 'hidden' | 'output', label = id): Network['neurons'][number] => ({ id, role, label, activation: role === 'input' ? 'identity' : 'tanh', bias: 0, position: { x: 0, y: 0 }, dale: null });

/** Networks that pass the schema but not the graph rules, each built from a valid one. */
export const BROKEN_NETWORKS: Array<[string, (net: Network) => Network]> = [
  ['duplicate neuron id', (n) => ({ ...n, neurons: [...n.neurons, { ...n.neurons[0] }] })],
  ['synapse to a missing neuron', (n) => ({ ...n, synapses: [...n.synapses, { id: 'ghost-t', source: n.neurons[0].id, target: 'nobody', weight: 1 }] })],
  ['synapse from a missing neuron', (n) => ({ ...n, synapses: [...n.synapses, { id: 'ghost-s', source: 'nobody', target: n.neurons.at(-1)!.id, weight: 1 }] })],
  ['duplicate synapse id', (n) => ({ ...n, synapses: n.synapses.length ? [...n.synapses, { ...n.synapses[0], weight: 2 }] : n.synapses })],
  [
    'a cycle through two hidden neurons',
    (n) => {
      const input = n.neurons.find((x) => x.role === 'input')!.id;
      const output = n.neurons.find((x) => x.role === 'output')!.id;
      return {
        ...n,
        neurons: [...n.neurons, neuron('h1', 'hidden'), neuron('h2', 'hidden')],
        synapses: [...n.synapses, { id: 'c1', source: input, target: 'h1', weight: 1 }, { id: 'c2', source: 'h1', target: 'h2', weight: 1 }, { id: 'c3', source: 'h2', target: 'h1', weight: 1 }, { id: 'c4', source: 'h2', target: output, weight: 1 }],
      };
    },
  ],
  ['a self-loop', (n) => ({ ...n, neurons: [...n.neurons, neuron('self', 'hidden')], synapses: [...n.synapses, { id: 'loop', source: 'self', target: 'self', weight: 1 }] })],
  [
    'an output feeding an input',
    (n) => ({ ...n, synapses: [...n.synapses, { id: 'back', source: n.neurons.find((x) => x.role === 'output')!.id, target: n.neurons.find((x) => x.role === 'input')!.id, weight: 1 }] }),
  ],
  ['the same pair connected twice', (n) => ({ ...n, synapses: n.synapses.length ? [...n.synapses, { ...n.synapses[0], id: 'twice' }] : n.synapses })],
  ['a softmax group naming a missing neuron', (n) => ({ ...n, softmaxGroups: [{ id: 'g-bad', label: 'bad', members: [n.neurons.at(-1)!.id, 'nobody'] }] })],
  ['a softmax group of inputs', (n) => ({ ...n, softmaxGroups: [{ id: 'g-in', label: 'in', members: n.neurons.filter((x) => x.role === 'input').map((x) => x.id).concat('nobody-else').slice(0, 2) }] })],
  ['no neurons at all', (n) => ({ ...n, neurons: [], synapses: [], softmaxGroups: [] })],
  ['no inputs', (n) => ({ ...n, neurons: n.neurons.filter((x) => x.role !== 'input'), synapses: n.synapses.filter((s) => n.neurons.some((x) => x.id === s.target && x.role !== 'input') && !n.neurons.some((x) => x.id === s.source && x.role === 'input')) })],
  ['2,000 unconnected hidden neurons', (n) => ({ ...n, neurons: [...n.neurons, ...Array.from({ length: 2000 }, (_, i) => neuron(`many-${i}`, 'hidden'))] })],
];

/** At least `count` payloads for one channel: random values, mutations of the valid one, and broken networks when it carries one. */
export function payloadsFor(valid: unknown, seed: number, count: number, jsonOnly: boolean): Array<{ kind: string; payload: unknown }> {
  const rng = createRng(seed);
  const out: Array<{ kind: string; payload: unknown }> = [{ kind: 'valid', payload: valid }];
  const network = (valid as { network?: Network } | null)?.network;
  if (network) for (const [kind, breakIt] of BROKEN_NETWORKS) out.push({ kind, payload: { ...(valid as object), network: breakIt(structuredClone(network)) } });
  const random = Math.ceil(count * 0.2);
  for (let i = 0; i < random; i++) out.push({ kind: 'random', payload: rng.int(3) === 0 ? randomValue(rng, jsonOnly) : { ...(randomValue(rng, jsonOnly, 2) as object) } });
  while (out.length < count) out.push(rng.int(2) ? { kind: 'mutated', payload: mutate(valid, rng, jsonOnly) } : { kind: 'mutated (types kept)', payload: mutateKeepingTypes(valid, rng) });
  return out;
}
