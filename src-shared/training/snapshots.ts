/**
 * Which epochs of a run keep a weight snapshot for the replay. Short runs keep every epoch; longer ones keep
 * the first DENSE epochs and then thin out by octaves ([D, 2D) at one stride, [2D, 4D) at twice it, …), so the
 * start of learning, where the weights move most, stays dense and a run never holds more than BUDGET.
 *
 * The kept set is a pure function of the newest epoch T, and it only ever loses points as T grows (strides are
 * powers of two that only double), so a writer can store epoch T when `keepsSnapshot(T, T)` and then delete
 * whatever `snapshotEpochs(T)` no longer holds — no state to carry across a resumed run.
 */

/** Most snapshots one run keeps, its final position included. */
export const SNAPSHOT_BUDGET = 200;
/** Epochs 0 … DENSE − 1 are always kept (0 = the weights the run started from). */
export const SNAPSHOT_DENSE = 50;

/** Stride of the octave holding epoch e at base density sigma (a power of two, maybe below 1). */
function strideAt(e: number, sigma: number): number {
  const level = Math.floor(Math.log2(e / SNAPSHOT_DENSE));
  return Math.max(1, sigma * 2 ** level);
}

/** Start of the octave holding epoch e (≥ DENSE). */
function octaveStart(e: number): number {
  return SNAPSHOT_DENSE * 2 ** Math.floor(Math.log2(e / SNAPSHOT_DENSE));
}

function onGrid(e: number, sigma: number): boolean {
  if (e < SNAPSHOT_DENSE) return true;
  return (e - octaveStart(e)) % strideAt(e, sigma) === 0;
}

/** How many grid epochs 0 … latest are kept at base density sigma. */
function gridCount(latest: number, sigma: number): number {
  let n = Math.min(latest + 1, SNAPSHOT_DENSE);
  for (let lo = SNAPSHOT_DENSE; lo <= latest; lo *= 2) {
    const hi = Math.min(2 * lo - 1, latest);
    n += Math.floor((hi - lo) / strideAt(lo, sigma)) + 1;
  }
  return n;
}

/** The base density for a run whose newest epoch is `latest`: the densest that fits the budget (one place left for the final position). */
export function snapshotDensity(latest: number): number {
  let sigma = 2 ** -24;
  while (gridCount(latest, sigma) > SNAPSHOT_BUDGET - 1) sigma *= 2;
  return sigma;
}

/** Whether epoch `epoch` is in the kept set once the run has reached epoch `latest` (≥ epoch). */
export function keepsSnapshot(epoch: number, latest: number): boolean {
  return epoch <= latest && onGrid(epoch, snapshotDensity(latest));
}

/** Every epoch kept once the run has reached `latest`, ascending (the final position, if off the grid, comes on top). */
export function snapshotEpochs(latest: number): number[] {
  const sigma = snapshotDensity(latest);
  const out: number[] = [];
  for (let e = 0; e <= latest && e < SNAPSHOT_DENSE; e++) out.push(e);
  for (let lo = SNAPSHOT_DENSE; lo <= latest; lo *= 2) {
    const stride = strideAt(lo, sigma);
    for (let e = lo; e <= Math.min(2 * lo - 1, latest); e += stride) out.push(e);
  }
  return out;
}
