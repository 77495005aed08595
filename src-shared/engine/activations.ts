import type { ActivationKind } from '../model/activation-kind';

/** Scalar value of an activation at x; the canvas draws glyphs with it (the engine has vectorised kernels). */
export function activationScalar(kind: ActivationKind, x: number): number {
  switch (kind) {
    case 'identity':
      return x;
    case 'sigmoid':
      return 1 / (1 + Math.exp(-x));
    case 'tanh':
      return Math.tanh(x);
    case 'relu':
      return x > 0 ? x : 0;
    case 'leaky_relu':
      return x > 0 ? x : 0.01 * x;
    case 'elu':
      return x > 0 ? x : Math.expm1(x);
    case 'softplus':
      return x > 20 ? x : Math.log1p(Math.exp(x));
    case 'silu':
      return x / (1 + Math.exp(-x));
    case 'gelu':
      return 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
    case 'sine':
      return Math.sin(x);
    case 'gaussian':
      return Math.exp(-x * x);
  }
}
