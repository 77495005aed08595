import type { Program } from './compile';
import { ACT_CODE, activate, tanhFast } from './activations';

// The common activations inline (a call to the general `activate` per neuron costs about as much as the rest of a
// small network's forward pass).
const TANH = ACT_CODE.tanh;
const RELU = ACT_CODE.relu;
const SIGMOID = ACT_CODE.sigmoid;
const IDENTITY = ACT_CODE.identity;
function act1(c: number, z: number): number {
  if (c === TANH) return tanhFast(z);
  if (c === RELU) return z > 0 ? z : 0;
  if (c === IDENTITY) return z;
  if (c === SIGMOID) return activate(SIGMOID, z);
  return activate(c, z);
}

/** Synapses and neurons switched off for a forward pass: a lesioned synapse acts as weight 0, a lesioned neuron outputs 0. */
export interface Lesions {
  synapses?: Iterable<string>;
  neurons?: Iterable<string>;
}

/** Lesions resolved to masks for a program (compile once, reuse for many samples). */
export interface LesionMask {
  /** 1 for a disabled weight, in parameter order. */
  weightOff: Uint8Array;
  /** 1 for a disabled neuron. */
  neuronOff: Uint8Array;
}

/** Resolves lesion ids to masks; unknown ids are ignored (the edit may have removed them). */
export function compileLesions(program: Program, lesions: Lesions): LesionMask {
  const weightOff = new Uint8Array(program.nWeights);
  const neuronOff = new Uint8Array(program.neuronIds.length);
  for (const id of lesions.synapses ?? []) {
    const s = program.synapseIndex.get(id);
    if (s !== undefined) weightOff[program.synParam[s]] = 1;
  }
  for (const id of lesions.neurons ?? []) {
    const n = program.neuronIndex.get(id);
    if (n !== undefined) neuronOff[n] = 1;
  }
  return { weightOff, neuronOff };
}

/** One sample's full state: z and o per neuron (document order) and c = w·o per synapse (document order). */
export interface SampleResult {
  z: Float64Array;
  o: Float64Array;
  contributions: Float64Array;
}

/** Allocates a result to reuse across calls of `forwardSample` (no allocation per sample). */
export function createSampleResult(program: Program): SampleResult {
  const n = program.neuronIds.length;
  return { z: new Float64Array(n), o: new Float64Array(n), contributions: new Float64Array(program.synapseIds.length) };
}

/**
 * Forward pass for one sample with every signed contribution c_ij = w_ij·o_j, so Σ_j c_ij + b_i = z_i.
 * `inputs` holds one value per input neuron (document order). With lesions, a disabled synapse contributes 0 and a
 * disabled neuron outputs 0 (its z is still reported); a disabled softmax member is zeroed after its group's softmax.
 */
export function forwardSample(program: Program, params: Float64Array, inputs: ArrayLike<number>, lesions?: LesionMask | Lesions | null, out?: SampleResult): SampleResult {
  const res = out ?? createSampleResult(program);
  const mask = lesions ? ('weightOff' in lesions ? lesions : compileLesions(program, lesions)) : null;
  if (!mask) {
    const plan = planFor(program);
    if (plan.fused) return fusedSample(program, plan, params, inputs, res);
  }
  const { z, o, contributions } = res;
  const { blocks, act, nWeights, inputs: inp } = program;
  for (let k = 0; k < inp.length; k++) {
    const v = inputs[k];
    z[inp[k]] = v;
    o[inp[k]] = mask && mask.neuronOff[inp[k]] ? 0 : v;
  }
  for (let i = 0; i < blocks.length; i++) {
    const blk = blocks[i];
    const T = blk.targets;
    const src = blk.sources;
    const K = src.length;
    for (let r = 0; r < T.length; r++) {
      const t = T[r];
      const w = blk.wOffset + r * K;
      let acc = params[nWeights + t];
      if (mask) {
        for (let k = 0; k < K; k++) if (!mask.weightOff[w + k]) acc += params[w + k] * o[src[k]];
      } else {
        for (let k = 0; k < K; k++) acc += params[w + k] * o[src[k]];
      }
      z[t] = acc;
      o[t] = mask !== null && mask.neuronOff[t] ? 0 : act1(act[t], acc);
    }
  }
  softmaxGroups(program.softmaxGroups, z, o);
  if (mask) for (const g of program.softmaxGroups) for (const n of g) if (mask.neuronOff[n]) o[n] = 0;
  const { synParam, synSource } = program;
  if (mask) {
    for (let s = 0; s < contributions.length; s++) {
      const p = synParam[s];
      contributions[s] = mask.weightOff[p] ? 0 : params[p] * o[synSource[s]];
    }
  } else {
    for (let s = 0; s < contributions.length; s++) contributions[s] = params[synParam[s]] * o[synSource[s]];
  }
  return res;
}

/**
 * The single-sample fast path's flat schedule: per target row [target, activation, weight offset, fan-in, offset of
 * its sources in `src`], so one loop walks the whole network without touching the block objects.
 */
interface SamplePlan {
  rows: Int32Array;
  src: Int32Array;
  /** Synapse index of each weight, or null when weights are already in synapse order (layered networks). */
  paramSyn: Int32Array | null;
  /**
   * Contributions can be written while the weighted sum runs: true unless a softmax member feeds another neuron (its
   * o changes after the pass, and the contribution uses the final o).
   */
  fused: boolean;
}

const plans = new WeakMap<Program, SamplePlan>();

function planFor(program: Program): SamplePlan {
  let plan = plans.get(program);
  if (plan) return plan;
  const rows: number[] = [];
  const src: number[] = [];
  const member = new Uint8Array(program.neuronIds.length);
  for (const g of program.softmaxGroups) for (const n of g) member[n] = 1;
  let fused = program.synParam.length === program.nWeights;
  for (const b of program.blocks) {
    const at = src.length;
    const K = b.sources.length;
    for (const s of b.sources) {
      src.push(s);
      if (member[s]) fused = false;
    }
    for (let r = 0; r < b.targets.length; r++) rows.push(b.targets[r], program.act[b.targets[r]], b.wOffset + r * K, K, at);
  }
  const paramSyn = new Int32Array(program.nWeights);
  let identity = true;
  program.synParam.forEach((p, s) => {
    paramSyn[p] = s;
    if (p !== s) identity = false;
  });
  plan = { rows: Int32Array.from(rows), src: Int32Array.from(src), paramSyn: identity ? null : paramSyn, fused };
  plans.set(program, plan);
  return plan;
}

/**
 * forwardSample without lesions in one pass: each contribution w·o is the very product the weighted sum adds, so it is
 * stored as it is made (bit-identical to the two-pass form, about a third faster on small networks).
 */
function fusedSample(program: Program, plan: SamplePlan, params: Float64Array, inputs: ArrayLike<number>, res: SampleResult): SampleResult {
  const { z, o, contributions: c } = res;
  const inp = program.inputs;
  const nW = program.nWeights;
  const { rows, src, paramSyn } = plan;
  for (let k = 0; k < inp.length; k++) {
    const v = inputs[k];
    z[inp[k]] = v;
    o[inp[k]] = v;
  }
  for (let q = 0; q < rows.length; q += 5) {
    const t = rows[q];
    const a = rows[q + 1];
    const w = rows[q + 2];
    const end = w + rows[q + 3];
    let s = rows[q + 4];
    let acc = params[nW + t];
    if (paramSyn === null) {
      for (let p = w; p < end; p++, s++) {
        const v = params[p] * o[src[s]];
        c[p] = v;
        acc += v;
      }
    } else {
      for (let p = w; p < end; p++, s++) {
        const v = params[p] * o[src[s]];
        c[paramSyn[p]] = v;
        acc += v;
      }
    }
    z[t] = acc;
    o[t] = act1(a, acc);
  }
  softmaxGroups(program.softmaxGroups, z, o);
  return res;
}

/** Each softmax group's outputs from its members' z (shifted by the largest, so exp never overflows). */
function softmaxGroups(groups: readonly Int32Array[], z: Float64Array, o: Float64Array): void {
  for (const g of groups) {
    let mx = -Infinity;
    for (const n of g) mx = Math.max(mx, z[n]);
    let s = 0;
    for (const n of g) s += o[n] = Math.exp(z[n] - mx);
    for (const n of g) o[n] /= s;
  }
}
