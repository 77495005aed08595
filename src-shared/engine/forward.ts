import type { Block, Program } from './compile';
import { activateRange } from './activations';
import type { Workspace } from './workspace';
import { SIMD_TILE, packWeights, prepareStride, simdForwardBlock, simdSoftmax, type Floats } from './simd/backend';

/** Rows computed through the whole network at a time, so a tile's values of every neuron stay in cache for big batches. */
const TILE = SIMD_TILE;

/** Runs the batch forward pass over B rows already placed by `loadInputs`; fills ws.Z and ws.O. */
export function forwardBatch(program: Program, params: Float64Array, ws: Workspace, B: number): void {
  const { blocks, act, nWeights } = program;
  const simd = ws.simd;
  if (simd) {
    if (params !== simd.P) simd.P.set(params);
    if (simd.precision === 'float32') packWeights(program, simd);
    prepareStride(program, simd, B);
  }
  for (let b0 = 0; b0 < B; b0 += TILE) {
    const b1 = Math.min(B, b0 + TILE);
    if (simd) {
      for (let i = 0; i < blocks.length; i++) {
        if (simdForwardBlock(program, simd, i, b0, b1)) continue;
        const T = blocks[i].targets;
        for (let r = 0; r < T.length; r++) activateRange(act[T[r]], ws.Z, ws.O, T[r] * B + b0, b1 - b0);
      }
      program.softmaxGroups.forEach((g, k) => softmaxBatch(g, ws.Z, ws.O, B, simd.precision === 'float32' ? simdSoftmax(program, simd, k, b0, b1) : b0, b1));
      continue;
    }
    for (let i = 0; i < blocks.length; i++) forwardBlock(blocks[i], params, nWeights, ws.Z as Float64Array, ws.O as Float64Array, B, b0, b1, act);
    for (const g of program.softmaxGroups) softmaxBatch(g, ws.Z, ws.O, B, b0, b1);
  }
}

/** Computes rows [b0, b1) of every target of the block; B is the row stride of the buffers. */
function forwardBlock(blk: Block, P: Float64Array, nW: number, Z: Float64Array, O: Float64Array, B: number, b0: number, b1: number, act: Uint8Array): void {
  const T = blk.targets;
  const src = blk.sources;
  const K = src.length;
  let r = 0;
  // Four target rows × four sources per pass: each loaded source element feeds four rows.
  for (; r + 3 < T.length; r += 4) {
    const za = T[r] * B, zb = T[r + 1] * B, zc = T[r + 2] * B, zd = T[r + 3] * B;
    const ba = P[nW + T[r]], bb = P[nW + T[r + 1]], bc = P[nW + T[r + 2]], bd = P[nW + T[r + 3]];
    for (let b = b0; b < b1; b++) {
      Z[za + b] = ba;
      Z[zb + b] = bb;
      Z[zc + b] = bc;
      Z[zd + b] = bd;
    }
    const wa = blk.wOffset + r * K, wb = wa + K, wc = wb + K, wd = wc + K;
    let k = 0;
    for (; k + 3 < K; k += 4) {
      const s0 = src[k] * B, s1 = src[k + 1] * B, s2 = src[k + 2] * B, s3 = src[k + 3] * B;
      const a0 = P[wa + k], a1 = P[wa + k + 1], a2 = P[wa + k + 2], a3 = P[wa + k + 3];
      const c0 = P[wb + k], c1 = P[wb + k + 1], c2 = P[wb + k + 2], c3 = P[wb + k + 3];
      const e0 = P[wc + k], e1 = P[wc + k + 1], e2 = P[wc + k + 2], e3 = P[wc + k + 3];
      const f0 = P[wd + k], f1 = P[wd + k + 1], f2 = P[wd + k + 2], f3 = P[wd + k + 3];
      for (let b = b0; b < b1; b++) {
        const o0 = O[s0 + b], o1 = O[s1 + b], o2 = O[s2 + b], o3 = O[s3 + b];
        Z[za + b] += a0 * o0 + a1 * o1 + a2 * o2 + a3 * o3;
        Z[zb + b] += c0 * o0 + c1 * o1 + c2 * o2 + c3 * o3;
        Z[zc + b] += e0 * o0 + e1 * o1 + e2 * o2 + e3 * o3;
        Z[zd + b] += f0 * o0 + f1 * o1 + f2 * o2 + f3 * o3;
      }
    }
    for (; k < K; k++) {
      const s0 = src[k] * B;
      const a0 = P[wa + k], c0 = P[wb + k], e0 = P[wc + k], f0 = P[wd + k];
      for (let b = b0; b < b1; b++) {
        const o0 = O[s0 + b];
        Z[za + b] += a0 * o0;
        Z[zb + b] += c0 * o0;
        Z[zc + b] += e0 * o0;
        Z[zd + b] += f0 * o0;
      }
    }
    activateRange(act[T[r]], Z, O, za + b0, b1 - b0);
    activateRange(act[T[r + 1]], Z, O, zb + b0, b1 - b0);
    activateRange(act[T[r + 2]], Z, O, zc + b0, b1 - b0);
    activateRange(act[T[r + 3]], Z, O, zd + b0, b1 - b0);
  }
  // Two target rows at a time share every load of a source vector (register blocking of the matrix kernel).
  for (; r + 1 < T.length; r += 2) {
    const za = T[r] * B;
    const zb = T[r + 1] * B;
    const ba = P[nW + T[r]];
    const bb = P[nW + T[r + 1]];
    for (let b = b0; b < b1; b++) {
      Z[za + b] = ba;
      Z[zb + b] = bb;
    }
    const wa = blk.wOffset + r * K;
    const wb = wa + K;
    let k = 0;
    for (; k + 3 < K; k += 4) {
      const s0 = src[k] * B, s1 = src[k + 1] * B, s2 = src[k + 2] * B, s3 = src[k + 3] * B;
      const a0 = P[wa + k], a1 = P[wa + k + 1], a2 = P[wa + k + 2], a3 = P[wa + k + 3];
      const c0 = P[wb + k], c1 = P[wb + k + 1], c2 = P[wb + k + 2], c3 = P[wb + k + 3];
      for (let b = b0; b < b1; b++) {
        const o0 = O[s0 + b], o1 = O[s1 + b], o2 = O[s2 + b], o3 = O[s3 + b];
        Z[za + b] += a0 * o0 + a1 * o1 + a2 * o2 + a3 * o3;
        Z[zb + b] += c0 * o0 + c1 * o1 + c2 * o2 + c3 * o3;
      }
    }
    for (; k < K; k++) {
      const s0 = src[k] * B;
      const a0 = P[wa + k], c0 = P[wb + k];
      for (let b = b0; b < b1; b++) {
        const o0 = O[s0 + b];
        Z[za + b] += a0 * o0;
        Z[zb + b] += c0 * o0;
      }
    }
    activateRange(act[T[r]], Z, O, za + b0, b1 - b0);
    activateRange(act[T[r + 1]], Z, O, zb + b0, b1 - b0);
  }
  for (; r < T.length; r++) {
    const za = T[r] * B;
    const ba = P[nW + T[r]];
    for (let b = b0; b < b1; b++) Z[za + b] = ba;
    const wa = blk.wOffset + r * K;
    let k = 0;
    for (; k + 3 < K; k += 4) {
      const s0 = src[k] * B, s1 = src[k + 1] * B, s2 = src[k + 2] * B, s3 = src[k + 3] * B;
      const a0 = P[wa + k], a1 = P[wa + k + 1], a2 = P[wa + k + 2], a3 = P[wa + k + 3];
      for (let b = b0; b < b1; b++) Z[za + b] += a0 * O[s0 + b] + a1 * O[s1 + b] + a2 * O[s2 + b] + a3 * O[s3 + b];
    }
    for (; k < K; k++) {
      const s0 = src[k] * B;
      const a0 = P[wa + k];
      for (let b = b0; b < b1; b++) Z[za + b] += a0 * O[s0 + b];
    }
    activateRange(act[T[r]], Z, O, za + b0, b1 - b0);
  }
}

/** Stable softmax across a group's members for every row of the batch. */
function softmaxBatch(g: Int32Array, Z: Floats, O: Floats, B: number, b0: number, b1: number): void {
  const m = g.length;
  for (let b = b0; b < b1; b++) {
    let mx = -Infinity;
    for (let j = 0; j < m; j++) mx = Math.max(mx, Z[g[j] * B + b]);
    let sum = 0;
    for (let j = 0; j < m; j++) {
      const e = Math.exp(Z[g[j] * B + b] - mx);
      O[g[j] * B + b] = e;
      sum += e;
    }
    const inv = 1 / sum;
    for (let j = 0; j < m; j++) O[g[j] * B + b] *= inv;
  }
}
