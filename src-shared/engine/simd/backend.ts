import { ACT_CODE, SOFTMAX } from '../activations';
import type { Program } from '../compile';
import { kernelModule, kernelVariant, type KernelExports, type KernelVariant } from './module';

/** Number format of the batch buffers: float64 (the default, f64x2 kernels) or float32 (f32x4, about twice as fast). */
export type Precision = 'float64' | 'float32';

/** A batch buffer: Float64Array, or Float32Array in a float32 workspace. */
export type Floats = Float64Array | Float32Array;

/**
 * A workspace's home in WebAssembly memory: the parameters (copied in before each pass), their gradient, the four
 * batch buffers and the address tables the kernels walk. One memory per workspace, sized once: it never grows, so the
 * typed-array views the JavaScript parts use stay valid.
 */
export interface SimdBackend {
  exports: KernelExports;
  /** The build of the kernels this workspace runs (relaxed: float32 multiply-adds fused). */
  variant: KernelVariant;
  precision: Precision;
  /** Views of the memory, in the workspace's layout: the parameters and gradient in the kernels' precision. */
  P: Floats;
  G: Floats;
  Z: Floats;
  O: Floats;
  dZ: Floats;
  dO: Floats;
  /** Per block: the activation the forward kernel applies itself (0 none: JavaScript does it, 1 identity, 2 ReLU). */
  fwdAct: Uint8Array;
  /** Per block: the dZ step the backward kernel does itself (0 outputs, 1 identity, 2 ReLU; 255 JavaScript does it). */
  bwdMode: Uint8Array;
  /** Per block (program order): table addresses, rebuilt by `prepare` when the batch stride changes. */
  blocks: BlockTables[];
  /** The row stride the tables were built for. */
  stride: number;
  /** Per block, the positions k of its sources that are not inputs (only they receive an input gradient). */
  hiddenSources: Int32Array[];
  /** The i32 view for writing tables. */
  i32: Int32Array;
  /**
   * Float32 only, per block: the address of its weights packed for the dense-layer kernel, or 0 where the block's
   * sources or targets are not consecutive neurons (the table-driven kernel runs it).
   */
  packed: Int32Array;
  /** Float32 only, per softmax group: whether its members are consecutive neurons (the kernel's softmax runs it). */
  softmaxInWasm: Uint8Array;
  /** Float32 only, where the inputs are consecutive neurons: a float64 staging area of capacity × inputs (else null). */
  stage: Float64Array | null;
  /** Float32: scratch for one tile of a dense-layer block's sources (see dn_f32), or 0. */
  scratch: number;
}

/** The most rows the forward pass gives the kernels at once (a tile: its values of every neuron stay in cache). */
export const SIMD_TILE = 128;
/** Dense-layer blocks with more sources than this read them in place (a useful scratch tile would be too thin). */
const SCRATCH_MAX_K = 256;

/** Whether the indices are consecutive and ascending (so rows sit a constant stride apart). */
const consecutive = (a: Int32Array) => a.every((v, k) => v === a[0] + k);

/** Addresses of the i32 tables of one block (see kernels.wat for their meaning). */
export interface BlockTables {
  zOut: number;
  oIn: number;
  wRow: number;
  bias: number;
  gRow: number;
  dzRow: number;
  gBias: number;
  doOut: number;
  wCol: number;
}

const align16 = (n: number) => (n + 15) & ~15;
const bytesOf = (p: Precision) => (p === 'float64' ? 8 : 4);

/** What the kernels can do themselves for a block whose targets all share one of these activations. */
function fusedModes(program: Program, isOutput: Uint8Array): { fwdAct: Uint8Array; bwdMode: Uint8Array } {
  const fwdAct = new Uint8Array(program.blocks.length);
  const bwdMode = new Uint8Array(program.blocks.length);
  program.blocks.forEach((b, i) => {
    const acts = new Set(Array.from(b.targets, (t) => program.act[t]));
    const only = acts.size === 1 ? [...acts][0] : -1;
    fwdAct[i] = only === ACT_CODE.relu ? 2 : only === ACT_CODE.identity || only === SOFTMAX ? 1 : 0;
    const outs = Array.from(b.targets, (t) => isOutput[t]);
    if (outs.every((o) => o)) bwdMode[i] = 0;
    else if (outs.some((o) => o)) bwdMode[i] = 255;
    else bwdMode[i] = only === ACT_CODE.relu ? 2 : only === ACT_CODE.identity ? 1 : 255;
  });
  return { fwdAct, bwdMode };
}

/**
 * Allocates the memory and instance for batches of up to `capacity` rows, or null when SIMD is unavailable or the
 * memory is refused (the caller then falls back to the JavaScript kernel).
 */
export function createSimdBackend(program: Program, capacity: number, precision: Precision = 'float64'): SimdBackend | null {
  const mod = kernelModule();
  const variant = kernelVariant();
  if (!mod || !variant) return null;
  const E = bytesOf(precision);
  const N = program.neuronIds.length;
  const isInput = new Uint8Array(N);
  for (const i of program.inputs) isInput[i] = 1;
  const isOutput = new Uint8Array(N);
  for (const i of program.outputs) isOutput[i] = 1;
  const hiddenSources = program.blocks.map((b) => Int32Array.from([...b.sources.keys()].filter((k) => !isInput[b.sources[k]])));
  let tableInts = 0;
  program.blocks.forEach((b, i) => (tableInts += 6 * b.targets.length + b.sources.length + 2 * hiddenSources[i].length));
  let off = 16; // address 0 means "no table" to the kernels
  const take = (bytes: number) => {
    const a = off;
    off = align16(off + bytes);
    return a;
  };
  const pOff = take(program.nParams * E);
  const gOff = take(program.nParams * E);
  const buf = N * capacity * E;
  const zOff = take(buf);
  const oOff = take(buf);
  const dzOff = take(buf);
  const doOff = take(buf);
  const tOff = take(tableInts * 4);
  // Float32: the weights of every dense-layer block repacked for dn_f32, and a staging area for float64 inputs.
  const f32 = precision === 'float32';
  const packed = new Int32Array(program.blocks.length);
  if (f32) program.blocks.forEach((b, i) => {
    if (b.sources.length && consecutive(b.sources) && consecutive(b.targets)) packed[i] = take(b.targets.length * b.sources.length * 4);
  });
  const nIn = program.inputs.length;
  const stageOff = f32 && nIn && consecutive(program.inputs) ? take(capacity * nIn * 8) : 0;
  let maxK = 0;
  program.blocks.forEach((b, i) => packed[i] && b.sources.length <= SCRATCH_MAX_K && (maxK = Math.max(maxK, b.sources.length)));
  const scratchOff = maxK ? take(maxK * (Math.min(capacity, SIMD_TILE) * 4 + 64)) : 0;
  let memory: WebAssembly.Memory;
  let exports: KernelExports;
  try {
    const pages = Math.ceil(off / 65536);
    memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
    exports = new WebAssembly.Instance(mod, { env: { memory } }).exports as unknown as KernelExports;
  } catch {
    return null;
  }
  const mem = memory.buffer;
  const f64 = (at: number, n: number): Floats => (precision === 'float64' ? new Float64Array(mem, at, n) : new Float32Array(mem, at, n));
  let t = tOff;
  const table = (n: number) => {
    const a = t;
    t += 4 * n;
    return a;
  };
  const blocks = program.blocks.map((b, i) => ({
    zOut: table(b.targets.length),
    oIn: table(b.sources.length),
    wRow: table(b.targets.length),
    bias: table(b.targets.length),
    gRow: table(b.targets.length),
    dzRow: table(b.targets.length),
    gBias: table(b.targets.length),
    doOut: table(hiddenSources[i].length),
    wCol: table(hiddenSources[i].length),
  }));
  const be: SimdBackend = {
    exports,
    variant,
    precision,
    P: f64(pOff, program.nParams),
    G: f64(gOff, program.nParams),
    Z: f64(zOff, N * capacity),
    O: f64(oOff, N * capacity),
    dZ: f64(dzOff, N * capacity),
    dO: f64(doOff, N * capacity),
    blocks,
    stride: -1,
    hiddenSources,
    i32: new Int32Array(mem),
    ...fusedModes(program, isOutput),
    packed,
    softmaxInWasm: Uint8Array.from(program.softmaxGroups, (g) => (f32 && g.length > 0 && consecutive(g) ? 1 : 0)),
    stage: stageOff ? new Float64Array(mem, stageOff, capacity * nIn) : null,
    scratch: scratchOff,
  };
  // The stride-independent tables.
  const I = be.i32;
  program.blocks.forEach((b, i) => {
    const tb = blocks[i];
    const K = b.sources.length;
    for (let r = 0; r < b.targets.length; r++) {
      I[(tb.wRow >> 2) + r] = pOff + (b.wOffset + r * K) * E;
      I[(tb.bias >> 2) + r] = pOff + (program.nWeights + b.targets[r]) * E;
      I[(tb.gRow >> 2) + r] = gOff + (b.wOffset + r * K) * E;
      I[(tb.gBias >> 2) + r] = gOff + (program.nWeights + b.targets[r]) * E;
    }
    const hs = hiddenSources[i];
    for (let j = 0; j < hs.length; j++) I[(tb.wCol >> 2) + j] = pOff + (b.wOffset + hs[j]) * E;
  });
  return be;
}

/** Rebuilds the row-address tables for batches laid out with `B` rows per neuron. */
export function prepareStride(program: Program, be: SimdBackend, B: number): void {
  if (be.stride === B) return;
  const I = be.i32;
  const row = B * bytesOf(be.precision);
  const zb = be.Z.byteOffset, ob = be.O.byteOffset, dzb = be.dZ.byteOffset, dob = be.dO.byteOffset;
  program.blocks.forEach((b, i) => {
    const tb = be.blocks[i];
    for (let r = 0; r < b.targets.length; r++) {
      I[(tb.zOut >> 2) + r] = zb + b.targets[r] * row;
      I[(tb.dzRow >> 2) + r] = dzb + b.targets[r] * row;
    }
    for (let k = 0; k < b.sources.length; k++) I[(tb.oIn >> 2) + k] = ob + b.sources[k] * row;
    const hs = be.hiddenSources[i];
    for (let j = 0; j < hs.length; j++) I[(tb.doOut >> 2) + j] = dob + b.sources[hs[j]] * row;
  });
  be.stride = B;
}

/** Float32: repacks the weights of the dense-layer blocks after new parameters were copied into the memory. */
export function packWeights(program: Program, be: SimdBackend): void {
  const pOff = be.P.byteOffset;
  program.blocks.forEach((b, i) => {
    if (be.packed[i]) be.exports.pk_f32(be.packed[i], pOff + b.wOffset * 4, b.targets.length, b.sources.length);
  });
}

/**
 * z = b + W·o for rows [b0, b1) of block `i`; returns false when the caller still has to apply the activations
 * (the kernel applies identity and ReLU itself).
 */
export function simdForwardBlock(program: Program, be: SimdBackend, i: number, b0: number, b1: number): boolean {
  const b = program.blocks[i];
  const tb = be.blocks[i];
  const act = be.fwdAct[i];
  const od = be.O.byteOffset - be.Z.byteOffset;
  if (be.precision === 'float64') be.exports.mm_f64(tb.zOut, tb.oIn, tb.wRow, tb.bias, b.targets.length, b.sources.length, 8, b0 * 8, b1 * 8, act, od);
  else {
    // The dense-layer kernel takes whole pairs of vectors (8 rows); the table-driven one does the rows after them.
    let bm = b0;
    if (be.packed[i]) {
      const row = be.stride * 4;
      bm = b0 + ((b1 - b0) & ~7);
      if (bm > b0) {
        const zb = be.Z.byteOffset;
        // Sources through the scratch tile: always where rows are a multiple of 1 KiB apart (at most 4 cache sets
        // for all sources), else for blocks wide enough (8 targets) to repay the copy. The tile is cut so the copy
        // stays within about 24 KiB (half a typical L1 data cache).
        const K = b.sources.length;
        const scr = (b.targets.length >= 8 || row % 1024 === 0) && K <= SCRATCH_MAX_K ? be.scratch : 0;
        const step = scr ? Math.max(8, Math.min(SIMD_TILE, ((24576 / K - 64) / 4) & ~7)) : bm - b0;
        const zt = zb + b.targets[0] * row;
        const src = zb + od + b.sources[0] * row;
        const bias = be.P.byteOffset + (program.nWeights + b.targets[0]) * 4;
        for (let c = b0; c < bm; c += step) be.exports.dn_f32(zt, src, be.packed[i], bias, b.targets.length, K, row, c * 4, Math.min(bm, c + step) * 4, act, od, scr);
      }
    }
    if (bm < b1) be.exports.mm_f32(tb.zOut, tb.oIn, tb.wRow, tb.bias, b.targets.length, b.sources.length, 4, bm * 4, b1 * 4, act, od);
  }
  return act !== 0;
}

/**
 * Float32: the softmax of group `g` over rows [b0, b1) in whole vectors of 4 rows; returns the first row the caller
 * still has to do (b0 when the group's members are not consecutive).
 */
export function simdSoftmax(program: Program, be: SimdBackend, g: number, b0: number, b1: number): number {
  if (!be.softmaxInWasm[g]) return b0;
  const members = program.softmaxGroups[g];
  const bm = b0 + ((b1 - b0) & ~3);
  if (bm > b0) {
    const row = be.stride * 4;
    be.exports.sm_f32(be.Z.byteOffset + members[0] * row, members.length, row, b0 * 4, bm * 4, be.O.byteOffset - be.Z.byteOffset);
  }
  return bm;
}

/**
 * Float32, consecutive inputs, rows start .. start + B of a row-major float64 matrix: copies them into the staging
 * area and converts them into the input neurons' O and Z rows in one pass; returns false when it cannot.
 */
export function simdLoadInputs(program: Program, be: SimdBackend, X: Float64Array, start: number, B: number): boolean {
  const stage = be.stage;
  const nIn = program.inputs.length;
  if (!stage || B * nIn > stage.length || (start + B) * nIn > X.length) return false;
  stage.set(X.subarray(start * nIn, (start + B) * nIn));
  const row = B * 4;
  be.exports.ld_f32(be.O.byteOffset + program.inputs[0] * row, stage.byteOffset, nIn, B, row, be.Z.byteOffset - be.O.byteOffset);
  return true;
}

/**
 * dZ of block `i`'s targets from their dO and their bias gradients, when the kernel can (identity, ReLU, outputs);
 * returns false when the caller has to.
 */
export function simdBlockDz(program: Program, be: SimdBackend, i: number, B: number): boolean {
  const mode = be.bwdMode[i];
  if (mode === 255) return false;
  const tb = be.blocks[i];
  const nT = program.blocks[i].targets.length;
  const dod = be.dO.byteOffset - be.dZ.byteOffset;
  const zd = be.Z.byteOffset - be.dZ.byteOffset;
  if (be.precision === 'float64') be.exports.bd_f64(tb.dzRow, tb.gBias, nT, mode, dod, zd, B * 8);
  else be.exports.bd_f32(tb.dzRow, tb.gBias, nT, mode, dod, zd, B * 4);
  return true;
}

/** Weight gradient of block `i` and the input gradient it sends to its hidden sources (dO +=), over B rows. */
export function simdBackwardBlock(program: Program, be: SimdBackend, i: number, B: number): void {
  const b = program.blocks[i];
  const tb = be.blocks[i];
  const nT = b.targets.length;
  const K = b.sources.length;
  const nh = be.hiddenSources[i].length;
  if (be.precision === 'float64') {
    be.exports.wg_f64(tb.gRow, tb.dzRow, nT, tb.oIn, K, B * 8);
    if (nh) be.exports.mm_f64(tb.doOut, tb.dzRow, tb.wCol, 0, nh, nT, K * 8, 0, B * 8, 0, 0);
  } else {
    be.exports.wg_f32(tb.gRow, tb.dzRow, nT, tb.oIn, K, B * 4);
    if (nh) be.exports.mm_f32(tb.doOut, tb.dzRow, tb.wCol, 0, nh, nT, K * 4, 0, B * 4, 0, 0);
  }
}
