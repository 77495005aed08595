import { KERNELS_WASM_BASE64 } from './kernels-wasm';

/** Which implementation runs the dense kernels: WebAssembly SIMD when the host allows it, or the JavaScript reference. */
export type KernelKind = 'simd' | 'js';

/** The exports of the kernel module (see kernels.wat); every argument is an i32 byte address, count or byte offset. */
export interface KernelExports {
  mm_f64(out: number, inp: number, w: number, init: number, nJ: number, nI: number, wStride: number, b0: number, b1: number, act: number, od: number): void;
  mm_f32(out: number, inp: number, w: number, init: number, nJ: number, nI: number, wStride: number, b0: number, b1: number, act: number, od: number): void;
  wg_f64(g: number, dz: number, nT: number, o: number, nK: number, bytes: number): void;
  wg_f32(g: number, dz: number, nT: number, o: number, nK: number, bytes: number): void;
  bd_f64(dz: number, gb: number, nT: number, mode: number, dod: number, zd: number, bytes: number): void;
  bd_f32(dz: number, gb: number, nT: number, mode: number, dod: number, zd: number, bytes: number): void;
}

let compiled: WebAssembly.Module | null | undefined;
let unavailableReason = '';
let preferred: KernelKind = 'simd';

function decode(b64: string): Uint8Array<ArrayBuffer> {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/**
 * The compiled kernel module, or null where WebAssembly SIMD is missing (an old engine) or synchronous compilation is
 * refused (a browser's main thread); compiled once per thread. The bytes are in the bundle: nothing is fetched.
 */
export function kernelModule(): WebAssembly.Module | null {
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
