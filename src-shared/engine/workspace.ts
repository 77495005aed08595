import type { Program } from './compile';
import { createSimdBackend, simdLoadInputs, type Floats, type Precision, type SimdBackend } from './simd/backend';
import { defaultKernel, type KernelKind } from './simd/module';

/** Preallocated batch buffers, neuron-major: neuron i's values for the batch sit at [i·B, i·B + B). */
export interface Workspace {
  /** Largest batch the buffers hold. */
  capacity: number;
  /** Pre-activations, outputs, and their gradients (Float32Array in a float32 workspace). */
  Z: Floats;
  O: Floats;
  dZ: Floats;
  dO: Floats;
  /** Gradient of the loss for every parameter (same layout as params). */
  grad: Float64Array;
  /** The kernel this workspace runs its dense blocks with. */
  kernel: KernelKind;
  /** The number format of the batch buffers (float32 only with the SIMD kernel). */
  precision: Precision;
  /** With the SIMD kernel: the WebAssembly memory the buffers above are views of. */
  simd: SimdBackend | null;
}

/** How a workspace computes: the kernel (default: SIMD where WebAssembly SIMD runs) and the precision (default float64). */
export interface WorkspaceOptions {
  kernel?: KernelKind;
  precision?: Precision;
}

/**
 * Allocates buffers for batches of up to `capacity` rows. With the SIMD kernel they live in a WebAssembly memory of
 * their own; the JavaScript kernel is the fallback (always float64) and the reference.
 */
export function createWorkspace(program: Program, capacity: number, options: WorkspaceOptions = {}): Workspace {
  const kernel = options.kernel ?? defaultKernel();
  const simd = kernel === 'simd' ? createSimdBackend(program, capacity, options.precision ?? 'float64') : null;
  if (simd) {
    // In float32 the optimiser still works on float64 parameters and gradients; the kernels' gradient is widened.
    const grad = simd.G instanceof Float64Array ? simd.G : new Float64Array(program.nParams);
    return { capacity, Z: simd.Z, O: simd.O, dZ: simd.dZ, dO: simd.dO, grad, kernel: 'simd', precision: simd.precision, simd };
  }
  const n = program.neuronIds.length * capacity;
  return { capacity, Z: new Float64Array(n), O: new Float64Array(n), dZ: new Float64Array(n), dO: new Float64Array(n), grad: new Float64Array(program.nParams), kernel: 'js', precision: 'float64', simd: null };
}

/**
 * Copies B rows of the row-major matrix X (nRows × inputs) into the input neurons' batch vectors.
 * Row b of the batch is X's row rows[start + b], or start + b when rows is null.
 */
export function loadInputs(program: Program, ws: Workspace, X: ArrayLike<number>, rows: ArrayLike<number> | null, start: number, B: number): void {
  // Float32 SIMD, consecutive rows of a float64 matrix: converted inside WebAssembly in one pass.
  if (!rows && ws.simd?.stage && X instanceof Float64Array && simdLoadInputs(program, ws.simd, X, start, B)) return;
  const inp = program.inputs;
  const nIn = inp.length;
  const O = ws.O;
  const Z = ws.Z;
  // Tiles of 8 rows: within a tile each input's 8 values are written contiguously (one cache line in float64), and the
  // 8 source rows are read sequentially. Input-outer over the whole batch instead touches every row of the batch (each
  // a page or more apart on wide inputs) once per input: measured 3× slower on 784 inputs, no faster on 30.
  const at = new Int32Array(8);
  for (let j0 = 0; j0 < B; j0 += 8) {
    const n = Math.min(8, B - j0);
    for (let j = 0; j < n; j++) at[j] = (rows ? rows[start + j0 + j] : start + j0 + j) * nIn;
    if (n === 8) {
      const a0 = at[0], a1 = at[1], a2 = at[2], a3 = at[3], a4 = at[4], a5 = at[5], a6 = at[6], a7 = at[7];
      for (let k = 0; k < nIn; k++) {
        const o = inp[k] * B + j0;
        O[o] = X[a0 + k];
        O[o + 1] = X[a1 + k];
        O[o + 2] = X[a2 + k];
        O[o + 3] = X[a3 + k];
        O[o + 4] = X[a4 + k];
        O[o + 5] = X[a5 + k];
        O[o + 6] = X[a6 + k];
        O[o + 7] = X[a7 + k];
      }
    } else {
      for (let k = 0; k < nIn; k++) {
        const o = inp[k] * B + j0;
        for (let j = 0; j < n; j++) O[o + j] = X[at[j] + k];
      }
    }
  }
  // Inputs' z equals their o. Usually the inputs are neurons 0..nIn-1 in order: one copy, not one subarray per input.
  let contiguous = true;
  for (let k = 1; k < nIn && contiguous; k++) contiguous = inp[k] === inp[0] + k;
  if (contiguous && nIn > 0) Z.set(O.subarray(inp[0] * B, (inp[0] + nIn) * B), inp[0] * B);
  else {
    for (let k = 0; k < nIn; k++) {
      const base = inp[k] * B;
      Z.set(O.subarray(base, base + B), base);
    }
  }
}
