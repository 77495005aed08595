import { ACT_CODE, SOFTMAX } from '../activations';
import type { Program } from '../compile';
import { kernelModule, type KernelExports } from './module';

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
}

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
  if (!mod) return null;
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
  else be.exports.mm_f32(tb.zOut, tb.oIn, tb.wRow, tb.bias, b.targets.length, b.sources.length, 4, b0 * 4, b1 * 4, act, od);
  return act !== 0;
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
