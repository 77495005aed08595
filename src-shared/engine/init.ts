import type { Program } from './compile';
import type { EngineRng } from './rng';
import { projectDale } from './dale';

/** Weight initialisation schemes; biases start at 0 except with 'keep' (current values kept). */
export type InitScheme = 'glorot_uniform' | 'glorot_normal' | 'he_uniform' | 'he_normal' | 'zeros' | 'keep';

/**
 * Initialises params in place. For a synapse j→i, fan_in is i's number of inputs and fan_out is j's number of
 * outputs (what a dense layer's fans are). Glorot: limit √(6/(in+out)), std √(2/(in+out)); He: √(6/in), √(2/in).
 * Weights from Dale-marked neurons get their magnitude with the required sign, so no weight starts clamped to 0.
 */
export function initialise(program: Program, params: Float64Array, scheme: InitScheme, rng: EngineRng): void {
  if (scheme === 'keep') {
    projectDale(program, params);
    return;
  }
  const { synParam, synSource, synTarget, fanIn, fanOut, nWeights } = program;
  // Draw in document synapse order so a seed gives the same weights whatever the block layout.
  for (let s = 0; s < synParam.length; s++) {
    const fi = fanIn[synTarget[s]];
    const fo = fanOut[synSource[s]];
    let w = 0;
    if (scheme === 'glorot_uniform') w = (rng.next() * 2 - 1) * Math.sqrt(6 / (fi + fo));
    else if (scheme === 'glorot_normal') w = rng.normal() * Math.sqrt(2 / (fi + fo));
    else if (scheme === 'he_uniform') w = (rng.next() * 2 - 1) * Math.sqrt(6 / fi);
    else if (scheme === 'he_normal') w = rng.normal() * Math.sqrt(2 / fi);
    const sign = program.weightSign[synParam[s]];
    params[synParam[s]] = sign ? sign * Math.abs(w) : w;
  }
  params.fill(0, nWeights);
}

/** Activations whose layers train best with He's scale (√(6/fan_in)); the rest use Glorot's (√(6/(fan_in+fan_out))). */
const HE_ACTIVATIONS = new Set(['relu', 'leaky_relu', 'elu', 'silu', 'gelu']);

/**
 * The initialiser for a synapse created by an edit (import, layer insertion): uniform in ±limit with Glorot's
 * limit √(6/(fan_in+fan_out)) for a target of saturating or linear activation and He's √(6/fan_in) for a
 * ReLU-like one, as `initialise` scales a whole network. Rounded to 3 decimals (what the canvas shows), never 0.
 */
export function initialWeight(targetActivation: string, fanIn: number, fanOut: number, uniform: () => number): number {
  const fi = Math.max(1, fanIn);
  const limit = HE_ACTIVATIONS.has(targetActivation) ? Math.sqrt(6 / fi) : Math.sqrt(6 / (fi + Math.max(1, fanOut)));
  const w = (uniform() * 2 - 1) * limit;
  return Math.round(w * 1000) / 1000 || (limit >= 0.001 ? 0.001 : limit);
}
