import { KERNELS_RELAXED_WASM_BASE64, KERNELS_WASM_BASE64 } from './kernels-wasm';

/** Which implementation runs the dense kernels: WebAssembly SIMD when the host allows it, or the JavaScript reference. */
export type KernelKind = 'simd' | 'js';

/**
 * Which build of the SIMD kernels runs: 'relaxed' (relaxed SIMD: float32 multiply-adds fused, float64 identical) or
 * 'plain' (SIMD128 only, every engine with SIMD).
 */
export type KernelVariant = 'relaxed' | 'plain';

/** The exports of the kernel module (see kernels.wat); every argument is an i32 byte address, count or byte offset. */
export interface KernelExports {
  mm_f64(out: number, inp: number, w: number, init: number, nJ: number, nI: number, wStride: number, b0: number, b1: number, act: number, od: number): void;
  mm_f32(out: number, inp: number, w: number, init: number, nJ: number, nI: number, wStride: number, b0: number, b1: number, act: number, od: number): void;
  wg_f64(g: number, dz: number, nT: number, o: number, nK: number, bytes: number): void;
  wg_f32(g: number, dz: number, nT: number, o: number, nK: number, bytes: number): void;
  bd_f64(dz: number, gb: number, nT: number, mode: number, dod: number, zd: number, bytes: number): void;
  bd_f32(dz: number, gb: number, nT: number, mode: number, dod: number, zd: number, bytes: number): void;
  pk_f32(dst: number, src: number, nJ: number, nI: number): void;
  dn_f32(z: number, inp: number, wp: number, bias: number, nJ: number, nI: number, row: number, b0: number, b1: number, act: number, od: number, scr: number): void;
  sm_f32(z: number, m: number, row: number, b0: number, b1: number, od: number): void;
  ld_f32(o: number, src: number, nIn: number, n: number, row: number, zd: number): void;
}

let compiled: WebAssembly.Module | null | undefined;
let compiledRelaxed: WebAssembly.Module | undefined;
let unavailableReason = '';
let preferred: KernelKind = 'simd';
let preferredVariant: KernelVariant = 'relaxed';

function decode(b64: string): Uint8Array<ArrayBuffer> {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/**
 * The relaxed-SIMD build of the kernels, or null where the engine does not validate it (Node 20 without
 * `--experimental-wasm-relaxed-simd`, an engine without relaxed SIMD). Feature-detected with WebAssembly.validate,
 * never by engine version; compiled once per thread.
 */
function relaxedModule(): WebAssembly.Module | null {
  if (compiledRelaxed) return compiledRelaxed;
  // A refusal is not cached: a process may switch the feature on (a V8 flag) after its first workspace.
  try {
    const bytes = decode(KERNELS_RELAXED_WASM_BASE64);
    if (WebAssembly.validate(bytes)) compiledRelaxed = new WebAssembly.Module(bytes);
  } catch {
    /* the plain module serves */
  }
  return compiledRelaxed ?? null;
}

/**
 * The compiled kernel module for new workspaces: the relaxed-SIMD build where the engine validates it (unless
 * `setKernelVariant('plain')`), else the plain one; null where WebAssembly SIMD is missing (an old engine) or
 * synchronous compilation is refused (a browser's main thread). The bytes are in the bundle: nothing is fetched.
 */
export function kernelModule(): WebAssembly.Module | null {
  const plain = plainModule();
  if (!plain || preferredVariant === 'plain') return plain;
  return relaxedModule() ?? plain;
}

/** The plain SIMD128 build, compiled once per thread (null, with the reason kept, where it cannot run). */
function plainModule(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  try {
    if (typeof WebAssembly !== 'object') throw new Error('no WebAssembly in this JavaScript engine');
    compiled = new WebAssembly.Module(decode(KERNELS_WASM_BASE64));
  } catch (e) {
    compiled = null;
    unavailableReason = e instanceof Error ? e.message : String(e);
  }
  return compiled;
}

/** Whether the engine here validates relaxed SIMD (what `kernelVariant` reports as 'relaxed' when preferred). */
export function relaxedSimdAvailable(): boolean {
  return plainModule() !== null && relaxedModule() !== null;
}

/** Chooses the build new workspaces use: 'relaxed' (the default) where available, or 'plain' everywhere. */
export function setKernelVariant(variant: KernelVariant): void {
  preferredVariant = variant;
}

/** The build new SIMD workspaces get here, or null where SIMD is off. */
export function kernelVariant(): KernelVariant | null {
  const mod = kernelModule();
  return mod === null ? null : mod === compiledRelaxed ? 'relaxed' : 'plain';
}

/** Why the SIMD kernels cannot run here ('' when they can). */
export function simdUnavailableReason(): string {
  return kernelModule() ? '' : unavailableReason;
}

/** Sets the kernel new workspaces use by default (the JavaScript one forces the fallback everywhere, e.g. in tests). */
export function setDefaultKernel(kind: KernelKind): void {
  preferred = kind;
}

/** The kernel new workspaces use unless told otherwise: SIMD when preferred and available. */
export function defaultKernel(): KernelKind {
  return preferred === 'simd' && kernelModule() ? 'simd' : 'js';
}
