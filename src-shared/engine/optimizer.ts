import { z } from 'zod';

/**
 * Optimisers, with PyTorch's exact update rules (torch.optim.SGD/Adam/AdamW, default dampening 0, amsgrad off).
 * The one description of an optimiser: a training configuration validates with it and the engine's type is its input.
 */
export const OptimizerSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('sgd'), lr: z.number().positive() }),
  z.object({ kind: z.literal('momentum'), lr: z.number().positive(), momentum: z.number().min(0).max(1).default(0.9), nesterov: z.boolean().default(false) }),
  z.object({ kind: z.literal('adam'), lr: z.number().positive(), beta1: z.number().min(0).lt(1).default(0.9), beta2: z.number().min(0).lt(1).default(0.999), eps: z.number().positive().default(1e-8) }),
  // weightDecay: decoupled decay of weights (not biases).
  z.object({ kind: z.literal('adamw'), lr: z.number().positive(), beta1: z.number().min(0).lt(1).default(0.9), beta2: z.number().min(0).lt(1).default(0.999), eps: z.number().positive().default(1e-8), weightDecay: z.number().min(0).default(0.01) }),
]);
/** An optimiser as the engine takes it: every field with a default may be left out (the defaults below match the schema's). */
export type OptimizerConfig = z.input<typeof OptimizerSchema>;

/** Serialisable optimiser state: plain typed arrays and numbers, enough to resume exactly. */
export interface OptimizerState {
  /** Steps taken. */
  t: number;
  /** First moment (momentum buffer for SGD with momentum). */
  m: Float64Array;
  /** Second moment (Adam/AdamW; empty otherwise). */
  v: Float64Array;
}

/** A fresh state for n parameters. */
export function createOptimizerState(cfg: OptimizerConfig, n: number): OptimizerState {
  const adam = cfg.kind === 'adam' || cfg.kind === 'adamw';
  return { t: 0, m: new Float64Array(cfg.kind === 'sgd' ? 0 : n), v: new Float64Array(adam ? n : 0) };
}

/**
 * Applies one update to params from grad with learning rate lr; weights are params[0, nWeights). Returns whether every
 * updated parameter is finite: the check rides along in the update loop (x·0 is 0 exactly when x is finite) instead of
 * a pass of its own over the parameters.
 */
export function optimizerStep(cfg: OptimizerConfig, st: OptimizerState, params: Float64Array, grad: Float64Array, lr: number, nWeights: number): boolean {
  const n = params.length;
  st.t++;
  let chk = 0;
  if (cfg.kind === 'sgd') {
    for (let i = 0; i < n; i++) chk += (params[i] -= lr * grad[i]) * 0;
    return chk === 0;
  }
  if (cfg.kind === 'momentum') {
    const mu = cfg.momentum ?? 0.9;
    const m = st.m;
    // torch: buf = g on the first step, then μ·buf + g; that equals μ·0 + g from a zero buffer.
    if (cfg.nesterov) {
      for (let i = 0; i < n; i++) {
        const b = mu * m[i] + grad[i];
        m[i] = b;
        chk += (params[i] -= lr * (grad[i] + mu * b)) * 0;
      }
    } else {
      for (let i = 0; i < n; i++) {
        const b = mu * m[i] + grad[i];
        m[i] = b;
        chk += (params[i] -= lr * b) * 0;
      }
    }
    return chk === 0;
  }
  const b1 = cfg.beta1 ?? 0.9;
  const b2 = cfg.beta2 ?? 0.999;
  const eps = cfg.eps ?? 1e-8;
  if (cfg.kind === 'adamw') {
    const decay = 1 - lr * (cfg.weightDecay ?? 0.01);
    for (let i = 0; i < nWeights; i++) params[i] *= decay;
  }
  const bc1 = 1 - Math.pow(b1, st.t);
  const bc2s = Math.sqrt(1 - Math.pow(b2, st.t));
  const stepSize = lr / bc1;
  const { m, v } = st;
  for (let i = 0; i < n; i++) {
    const g = grad[i];
    const mi = (m[i] = b1 * m[i] + (1 - b1) * g);
    const vi = (v[i] = b2 * v[i] + (1 - b2) * g * g);
    chk += (params[i] -= (stepSize * mi) / (Math.sqrt(vi) / bc2s + eps)) * 0;
  }
  return chk === 0;
}
