import { ACT_CODE, SOFTMAX, derivative } from './activations';
import { CompileError, type Program } from './compile';
import type { Workspace } from './workspace';

/** Training losses: mean squared error, binary cross-entropy on sigmoid outputs, categorical cross-entropy on softmax groups. */
export type LossKind = 'mse' | 'bce' | 'cce';

/** Why `loss` cannot train `program`, or null. BCE needs every output sigmoid; CCE needs every output in a softmax group. */
export function lossRefusal(program: Program, loss: LossKind): string | null {
  if (!program.outputs.length) return 'The network has no output neuron to train.';
  for (const o of program.outputs) {
    const id = program.neuronIds[o];
    if (loss === 'bce' && program.act[o] !== ACT_CODE.sigmoid) return `Binary cross-entropy needs sigmoid outputs; output ${id} is not sigmoid (or is in a softmax group).`;
    if (loss === 'cce' && program.act[o] !== SOFTMAX) return `Categorical cross-entropy needs every output in a softmax group; output ${id} is not.`;
  }
  return null;
}

/** Throws a CompileError when `loss` cannot train `program`. */
export function assertLoss(program: Program, loss: LossKind): void {
  const why = lossRefusal(program, loss);
  if (why) throw new CompileError(why);
}

/**
 * Mean loss over the B rows after `forwardBatch`, and writes dLoss/dz of every output into ws.dZ.
 * Targets Y are row-major (rows × outputs), row b being Y's row rows[start+b] (or start+b).
 * MSE and BCE average over rows and outputs (PyTorch's 'mean'); CCE sums over a group's classes and averages over rows.
 * BCE is computed from the logit z (max(z,0) − z·y + log1p(e^−|z|)) and CCE from log-sum-exp, so neither overflows.
 */
export function lossAndSeed(program: Program, ws: Workspace, Y: ArrayLike<number>, rows: ArrayLike<number> | null, start: number, B: number, loss: LossKind): number {
  const outs = program.outputs;
  const nOut = outs.length;
  const { Z, O, dZ } = ws;
  let total = 0;
  const row = (b: number) => (rows ? rows[start + b] : start + b) * nOut;
  if (loss === 'cce') {
    const col = new Map<number, number>();
    outs.forEach((o, k) => col.set(o, k));
    const inv = 1 / B;
    for (const g of program.softmaxGroups) {
      const cols = Array.from(g, (n) => col.get(n)!);
      for (let b = 0; b < B; b++) {
        const yr = row(b);
        let mx = -Infinity;
        for (const n of g) mx = Math.max(mx, Z[n * B + b]);
        let s = 0;
        for (const n of g) s += Math.exp(Z[n * B + b] - mx);
        const lse = mx + Math.log(s);
        let ysum = 0;
        for (let j = 0; j < g.length; j++) {
          const y = Y[yr + cols[j]];
          ysum += y;
          if (y !== 0) total -= y * (Z[g[j] * B + b] - lse);
        }
        for (let j = 0; j < g.length; j++) dZ[g[j] * B + b] = (O[g[j] * B + b] * ysum - Y[yr + cols[j]]) * inv;
      }
    }
    return total * inv;
  }
  const inv = 1 / (B * nOut);
  if (loss === 'bce') {
    for (let k = 0; k < nOut; k++) {
      const base = outs[k] * B;
      for (let b = 0; b < B; b++) {
        const z = Z[base + b];
        const y = Y[row(b) + k];
        total += Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));
        dZ[base + b] = (O[base + b] - y) * inv;
      }
    }
    return total * inv;
  }
  // MSE: gradient with respect to outputs first, then through each output's activation or its softmax group.
  for (let k = 0; k < nOut; k++) {
    const n = outs[k];
    const base = n * B;
    for (let b = 0; b < B; b++) {
      const d = O[base + b] - Y[row(b) + k];
      total += d * d;
      const g = 2 * d * inv;
      dZ[base + b] = program.act[n] === SOFTMAX ? g : g * derivative(program.act[n], Z[base + b], O[base + b]);
    }
  }
  for (const grp of program.softmaxGroups) {
    for (let b = 0; b < B; b++) {
      let dot = 0;
      for (const n of grp) dot += dZ[n * B + b] * O[n * B + b];
      for (const n of grp) dZ[n * B + b] = O[n * B + b] * (dZ[n * B + b] - dot);
    }
  }
  return total * inv;
}
