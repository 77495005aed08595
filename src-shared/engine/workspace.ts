import type { Program } from './compile';

/** Preallocated batch buffers, neuron-major: neuron i's values for the batch sit at [i·B, i·B + B). */
export interface Workspace {
  /** Largest batch the buffers hold. */
  capacity: number;
  /** Pre-activations, outputs, and their gradients. */
  Z: Float64Array;
  O: Float64Array;
  dZ: Float64Array;
  dO: Float64Array;
  /** Gradient of the loss for every parameter (same layout as params). */
  grad: Float64Array;
}

/** Allocates buffers for batches of up to `capacity` rows. */
export function createWorkspace(program: Program, capacity: number): Workspace {
  const n = program.neuronIds.length * capacity;
  return { capacity, Z: new Float64Array(n), O: new Float64Array(n), dZ: new Float64Array(n), dO: new Float64Array(n), grad: new Float64Array(program.nParams) };
}

/**
 * Copies B rows of the row-major matrix X (nRows × inputs) into the input neurons' batch vectors.
 * Row b of the batch is X's row rows[start + b], or start + b when rows is null.
 */
export function loadInputs(program: Program, ws: Workspace, X: ArrayLike<number>, rows: ArrayLike<number> | null, start: number, B: number): void {
  const inp = program.inputs;
  const nIn = inp.length;
  const O = ws.O;
  const Z = ws.Z;
  // Row-outer: each source row is read once, contiguously; the writes go to nIn sequential streams.
  for (let b = 0; b < B; b++) {
    const r = (rows ? rows[start + b] : start + b) * nIn;
    for (let k = 0; k < nIn; k++) O[inp[k] * B + b] = X[r + k];
  }
  for (let k = 0; k < nIn; k++) {
    const base = inp[k] * B;
    Z.set(O.subarray(base, base + B), base);
  }
}
