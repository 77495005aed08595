import type { Block, Program } from './compile';
import { backpropRange } from './activations';
import type { Workspace } from './workspace';
import { prepareStride, type Floats, simdBackwardBlock, simdBlockDz } from './simd/backend';

/**
 * Backpropagates from the output gradients `lossAndSeed` wrote into ws.dZ and fills ws.grad (weights and biases)
 * for the batch of B rows last run by `forwardBatch`.
 */
export function backwardBatch(program: Program, params: Float64Array, ws: Workspace, B: number): void {
  const { blocks, nWeights, act } = program;
  const N = program.neuronIds.length;
  ws.dO.fill(0, 0, N * B);
  const isOutput = outputMask(program);
  const isInput = inputMask(program);
  const simd = ws.simd;
  if (simd) {
    // forwardBatch already copied these params into the WebAssembly memory and built the tables for this stride.
    prepareStride(program, simd, B);
    for (let i = blocks.length - 1; i >= 0; i--) {
      if (!simdBlockDz(program, simd, i, B)) biasAndDz(blocks[i], nWeights, ws.Z, ws.O, ws.dZ, ws.dO, simd.G, B, act, isOutput);
      simdBackwardBlock(program, simd, i, B);
    }
    if (simd.G !== ws.grad) ws.grad.set(simd.G);
    return;
  }
  for (let i = blocks.length - 1; i >= 0; i--) backwardBlock(blocks[i], params, nWeights, ws, B, act, isOutput, isInput);
}

/** Turns each hidden target's accumulated dO into dZ and writes the bias gradients of the block. */
function biasAndDz(blk: Block, nW: number, Z: Floats, O: Floats, dZ: Floats, dO: Floats, grad: Floats, B: number, act: Uint8Array, isOut: Uint8Array): void {
  const T = blk.targets;
  for (let r = 0; r < T.length; r++) {
    const t = T[r];
    const zo = t * B;
    if (!isOut[t]) backpropRange(act[t], Z, O, dO, dZ, zo, B);
    let db = 0;
    for (let b = 0; b < B; b++) db += dZ[zo + b];
    grad[nW + t] = db;
  }
}

const masks = new WeakMap<Program, { out: Uint8Array; inp: Uint8Array }>();
function getMasks(p: Program) {
  let m = masks.get(p);
  if (!m) {
    const N = p.neuronIds.length;
    m = { out: new Uint8Array(N), inp: new Uint8Array(N) };
    for (const o of p.outputs) m.out[o] = 1;
    for (const i of p.inputs) m.inp[i] = 1;
    masks.set(p, m);
  }
  return m;
}
const outputMask = (p: Program) => getMasks(p).out;
const inputMask = (p: Program) => getMasks(p).inp;

function backwardBlock(blk: Block, P: Float64Array, nW: number, ws: Workspace, B: number, act: Uint8Array, isOut: Uint8Array, isIn: Uint8Array): void {
  const O = ws.O as Float64Array;
  const dZ = ws.dZ as Float64Array;
  const dO = ws.dO as Float64Array;
  const grad = ws.grad;
  const T = blk.targets;
  const src = blk.sources;
  const K = src.length;
  // Outputs already hold dLoss/dz from the loss; hidden neurons turn their accumulated dO into dZ here.
  biasAndDz(blk, nW, ws.Z, ws.O, ws.dZ, ws.dO, ws.grad, B, act, isOut);
  let r = 0;
  for (; r + 1 < T.length; r += 2) {
    const za = T[r] * B;
    const zb = T[r + 1] * B;
    const wa = blk.wOffset + r * K;
    const wb = wa + K;
    let k = 0;
    // Register blocking: 2 target rows × 4 input sources (weight gradients only: inputs need no dO), or
    // 2 rows × 2 hidden sources (weight gradients and dO together), so each loaded vector element feeds several MACs.
    for (; k + 3 < K; k += 4) {
      if (!(isIn[src[k]] && isIn[src[k + 1]] && isIn[src[k + 2]] && isIn[src[k + 3]])) break;
      const s0 = src[k] * B, s1 = src[k + 1] * B, s2 = src[k + 2] * B, s3 = src[k + 3] * B;
      let a0 = 0, a1 = 0, a2 = 0, a3 = 0, c0 = 0, c1 = 0, c2 = 0, c3 = 0;
      for (let b = 0; b < B; b++) {
        const da = dZ[za + b], dc = dZ[zb + b];
        const o0 = O[s0 + b], o1 = O[s1 + b], o2 = O[s2 + b], o3 = O[s3 + b];
        a0 += da * o0; a1 += da * o1; a2 += da * o2; a3 += da * o3;
        c0 += dc * o0; c1 += dc * o1; c2 += dc * o2; c3 += dc * o3;
      }
      grad[wa + k] = a0; grad[wa + k + 1] = a1; grad[wa + k + 2] = a2; grad[wa + k + 3] = a3;
      grad[wb + k] = c0; grad[wb + k + 1] = c1; grad[wb + k + 2] = c2; grad[wb + k + 3] = c3;
    }
    for (; k + 1 < K; k += 2) {
      if (isIn[src[k]] || isIn[src[k + 1]]) break;
      const s0 = src[k] * B, s1 = src[k + 1] * B;
      const w00 = P[wa + k], w01 = P[wa + k + 1], w10 = P[wb + k], w11 = P[wb + k + 1];
      let g00 = 0, g01 = 0, g10 = 0, g11 = 0;
      for (let b = 0; b < B; b++) {
        const da = dZ[za + b], dc = dZ[zb + b];
        const o0 = O[s0 + b], o1 = O[s1 + b];
        g00 += da * o0; g01 += da * o1; g10 += dc * o0; g11 += dc * o1;
        dO[s0 + b] += w00 * da + w10 * dc;
        dO[s1 + b] += w01 * da + w11 * dc;
      }
      grad[wa + k] = g00; grad[wa + k + 1] = g01; grad[wb + k] = g10; grad[wb + k + 1] = g11;
    }
    for (; k < K; k++) {
      const s = src[k] * B;
      let ga = 0;
      let gb = 0;
      if (isIn[src[k]]) {
        for (let b = 0; b < B; b++) {
          const o = O[s + b];
          ga += dZ[za + b] * o;
          gb += dZ[zb + b] * o;
        }
      } else {
        const a = P[wa + k];
        const c = P[wb + k];
        for (let b = 0; b < B; b++) {
          const o = O[s + b];
          const da = dZ[za + b];
          const dbb = dZ[zb + b];
          ga += da * o;
          gb += dbb * o;
          dO[s + b] += a * da + c * dbb;
        }
      }
      grad[wa + k] = ga;
      grad[wb + k] = gb;
    }
  }
  for (; r < T.length; r++) {
    const za = T[r] * B;
    const wa = blk.wOffset + r * K;
    for (let k = 0; k < K; k++) {
      const s = src[k] * B;
      let ga = 0;
      if (isIn[src[k]]) {
        for (let b = 0; b < B; b++) ga += dZ[za + b] * O[s + b];
      } else {
        const a = P[wa + k];
        for (let b = 0; b < B; b++) {
          const da = dZ[za + b];
          ga += da * O[s + b];
          dO[s + b] += a * da;
        }
      }
      grad[wa + k] = ga;
    }
  }
}
