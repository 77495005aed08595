import type { Network } from '../model/network';
import { ACT_CODE, SOFTMAX } from './activations';
import { CYCLE_MESSAGE, directionFaults, directionMessage, duplicateSynapses, levelOrder, missingEndMessage } from '../model/graph-rules';

/**
 * A group of target neurons computed together: every target has exactly the sources `sources`,
 * and their weights sit row-major [target][source] at params[wOffset ...]. A block with one target is a sparse neuron;
 * a block with several is a dense block run as a matrix kernel.
 */
export interface Block {
  /** Target neuron indices (document order). */
  targets: Int32Array;
  /** Source neuron indices shared by every target. */
  sources: Int32Array;
  /** Offset of this block's weight matrix in the parameter vector. */
  wOffset: number;
  /** Longest-path depth of the targets (inputs are 0). */
  level: number;
}

/** A network compiled for the engine: index maps, execution blocks and the parameter layout. */
export interface Program {
  /** Neuron ids in document order; every per-neuron array is indexed this way. */
  neuronIds: string[];
  /** Neuron id → document index. */
  neuronIndex: Map<string, number>;
  /** Synapse ids in document order; contributions are indexed this way. */
  synapseIds: string[];
  /** Synapse id → document index. */
  synapseIndex: Map<string, number>;
  /** Input neuron indices in document order: data column k feeds inputs[k]. */
  inputs: Int32Array;
  /** Output neuron indices in document order: target column k belongs to outputs[k]. */
  outputs: Int32Array;
  /** Activation code per neuron (SOFTMAX for softmax-group members). */
  act: Uint8Array;
  /** Softmax groups as neuron indices. */
  softmaxGroups: Int32Array[];
  /** Source and target neuron per synapse (document order). */
  synSource: Int32Array;
  synTarget: Int32Array;
  /** Parameter index of each synapse's weight. */
  synParam: Int32Array;
  /** Execution blocks in topological (level) order. */
  blocks: Block[];
  /** Number of weights; biases follow them: the bias of neuron i is params[nWeights + i]. */
  nWeights: number;
  /** Total parameter count (weights + one bias per neuron; input biases exist but are never used). */
  nParams: number;
  /** Dale sign of each weight in parameter order: 1 (≥ 0), -1 (≤ 0) or 0 (free). */
  weightSign: Int8Array;
  /** Fan-in of each neuron and fan-out of each neuron (for initialisers). */
  fanIn: Int32Array;
  fanOut: Int32Array;
  /** A string that changes exactly when the structure (not the weights) changes: recompile when it differs. */
  structureKey: string;
}

/** Thrown when a network cannot be compiled; the message is meant for the user. */
export class CompileError extends Error {}

/** The structural fingerprint of a network: ids, roles, activations, wiring, groups and Dale marks, not weights or biases. */
export function structureKey(net: Network): string {
  const n = net.neurons.map((x) => `${x.id}:${x.role}:${x.activation}:${x.dale ?? ''}`).join(',');
  const s = net.synapses.map((x) => `${x.id}:${x.source}>${x.target}`).join(',');
  const g = net.softmaxGroups.map((x) => x.members.join('+')).join('|');
  return `${n}#${s}#${g}`;
}

/** How data columns bind to neurons; by default inputs and outputs in document order. */
export interface CompileOptions {
  /** Input neuron ids, one per data column, in column order. */
  inputs?: string[];
  /** Output neuron ids, one per target column, in column order. */
  outputs?: string[];
}

/** Compiles a network document into a Program; weights and biases are read separately with `paramsFromNetwork`. */
export function compileNetwork(net: Network, options: CompileOptions = {}): Program {
  const N = net.neurons.length;
  const neuronIds = net.neurons.map((n) => n.id);
  const neuronIndex = new Map(neuronIds.map((id, i) => [id, i]));
  if (neuronIndex.size !== N) throw new CompileError('Two neurons share an id.');
  const S = net.synapses.length;
  const synapseIds = net.synapses.map((s) => s.id);
  const synapseIndex = new Map(synapseIds.map((id, i) => [id, i]));
  const synSource = new Int32Array(S);
  const synTarget = new Int32Array(S);
  const incoming: number[][] = Array.from({ length: N }, () => []);
  const outgoing: number[][] = Array.from({ length: N }, () => []);
  const fanIn = new Int32Array(N);
  const fanOut = new Int32Array(N);
  net.synapses.forEach((s, i) => {
    const a = neuronIndex.get(s.source);
    const b = neuronIndex.get(s.target);
    if (a === undefined || b === undefined) throw new CompileError(missingEndMessage(s.id));
    const [fault] = directionFaults(net.neurons[a], net.neurons[b]);
    if (fault) throw new CompileError(directionMessage(fault, `'${net.neurons[a].label}'`, `'${net.neurons[b].label}'`));
    synSource[i] = a;
    synTarget[i] = b;
    incoming[b].push(i);
    outgoing[a].push(b);
    fanIn[b]++;
    fanOut[a]++;
  });
  // The repeat named is the first found target by target (document order), as users have seen it named.
  const repeats = duplicateSynapses(net.synapses);
  if (repeats.length) {
    const first = repeats.reduce((best, s) => (synTarget[s] < synTarget[best] ? s : best));
    throw new CompileError(`Two synapses connect the same pair of neurons (${synapseIds[first]}).`);
  }

  const { order: queue, level } = levelOrder(N, outgoing);
  if (queue.length !== N) throw new CompileError(CYCLE_MESSAGE);

  const act = new Uint8Array(N);
  net.neurons.forEach((n, i) => (act[i] = ACT_CODE[n.activation]));
  const softmaxGroups = net.softmaxGroups.map((g) => {
    const idx = g.members.map((m) => {
      const i = neuronIndex.get(m);
      if (i === undefined) throw new CompileError(`Softmax group '${g.label}' names a neuron that does not exist.`);
      if (net.neurons[i].role !== 'output') throw new CompileError(`Softmax group '${g.label}' contains '${net.neurons[i].label}', which is not an output.`);
      if (act[i] === SOFTMAX) throw new CompileError(`'${net.neurons[i].label}' belongs to two softmax groups.`);
      act[i] = SOFTMAX;
      return i;
    });
    return Int32Array.from(idx);
  });

  // Group non-input neurons by (level, sorted source set): identical sets become one dense block.
  const groups = new Map<string, { level: number; sources: number[]; targets: number[] }>();
  const order = queue.filter((i) => net.neurons[i].role !== 'input');
  for (const i of order) {
    const sources = incoming[i].map((s) => synSource[s]).sort((x, y) => x - y);
    const key = `${level[i]}|${sources.join(',')}`;
    const g = groups.get(key);
    if (g) g.targets.push(i);
    else groups.set(key, { level: level[i], sources, targets: [i] });
  }
  const sorted = [...groups.values()].sort((a, b) => a.level - b.level);
  const synParam = new Int32Array(S);
  const blocks: Block[] = [];
  let off = 0;
  const srcSlot = new Map<number, number>();
  for (const g of sorted) {
    srcSlot.clear();
    g.sources.forEach((s, k) => srcSlot.set(s, k));
    g.targets.forEach((t, r) => {
      for (const s of incoming[t]) synParam[s] = off + r * g.sources.length + srcSlot.get(synSource[s])!;
    });
    blocks.push({ targets: Int32Array.from(g.targets), sources: Int32Array.from(g.sources), wOffset: off, level: g.level });
    off += g.targets.length * g.sources.length;
  }
  const weightSign = new Int8Array(off);
  net.synapses.forEach((_s, i) => {
    const d = net.neurons[synSource[i]].dale;
    weightSign[synParam[i]] = d === 'E' ? 1 : d === 'I' ? -1 : 0;
  });
  const roleIdx = (role: 'input' | 'output') => {
    const ids = options[`${role}s`];
    if (!ids) return Int32Array.from(net.neurons.flatMap((n, i) => (n.role === role ? [i] : [])));
    return Int32Array.from(ids, (id) => {
      const i = neuronIndex.get(id);
      if (i === undefined || net.neurons[i].role !== role) throw new CompileError(`Column binding names '${id}', which is not an ${role} neuron.`);
      return i;
    });
  };
  return {
    neuronIds,
    neuronIndex,
    synapseIds,
    synapseIndex,
    inputs: roleIdx('input'),
    outputs: roleIdx('output'),
    act,
    softmaxGroups,
    synSource,
    synTarget,
    synParam,
    blocks,
    nWeights: off,
    nParams: off + N,
    weightSign,
    fanIn,
    fanOut,
    structureKey: structureKey(net),
  };
}

/** Reads the document's current weights and biases into a parameter vector laid out for `program`. */
export function paramsFromNetwork(program: Program, net: Network): Float64Array {
  const p = new Float64Array(program.nParams);
  net.synapses.forEach((s, i) => (p[program.synParam[i]] = s.weight));
  net.neurons.forEach((n, i) => (p[program.nWeights + i] = n.bias));
  return p;
}

/** Returns a copy of the document with weights and biases from `params` (inputs keep their bias). */
export function applyWeightsToNetwork(net: Network, program: Program, params: Float64Array): Network {
  return {
    ...net,
    neurons: net.neurons.map((n) => (n.role === 'input' ? n : { ...n, bias: params[program.nWeights + program.neuronIndex.get(n.id)!] })),
    synapses: net.synapses.map((s) => ({ ...s, weight: params[program.synParam[program.synapseIndex.get(s.id)!]] })),
  };
}

/** Returns `prev` when the network's structure is unchanged (only weights/biases moved), else a fresh compile. */
export function programFor(prev: Program | null, net: Network, options?: CompileOptions): Program {
  if (prev && !options && prev.structureKey === structureKey(net)) return prev;
  return compileNetwork(net, options);
}
