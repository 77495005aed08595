import type { Program } from './compile';

/**
 * Dale's principle by projection: after every optimiser step each weight leaving an E neuron is clamped to ≥ 0 and
 * each leaving an I neuron to ≤ 0. Chosen over a sign × softplus reparametrisation because the stored parameter stays
 * the real weight (what the canvas shows, what contributions use, what is saved and exported), weights can reach
 * exactly 0 (a pruned synapse), the optimiser state keeps its plain meaning, and gradients are not rescaled by
 * softplus' slope (which vanishes for small weights). It is projected gradient descent onto the sign constraint.
 */
export function projectDale(program: Program, params: Float64Array): void {
  const sign = program.weightSign;
  for (let i = 0; i < sign.length; i++) {
    const s = sign[i];
    if (s === 1) {
      if (params[i] < 0) params[i] = 0;
    } else if (s === -1 && params[i] > 0) params[i] = 0;
  }
}

/** True when the program has any Dale-marked synapse (so projection is needed). */
export function hasDale(program: Program): boolean {
  return program.weightSign.some((s) => s !== 0);
}
