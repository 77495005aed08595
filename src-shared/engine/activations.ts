import { ACTIVATION_KINDS, type ActivationKind } from '../model/activation-kind';

/** Numeric code of an activation inside compiled programs (index into ACTIVATION_KINDS); softmax members get SOFTMAX. */
export const ACT_CODE: Record<ActivationKind, number> = Object.fromEntries(ACTIVATION_KINDS.map((k, i) => [k, i])) as Record<ActivationKind, number>;
/** Code of a neuron whose output is produced by its softmax group (its own activation field is ignored). */
export const SOFTMAX = 100;

const A = ACT_CODE;
const SQRT1_2 = Math.SQRT1_2;
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

/**
 * erf(x) to about 1e-16 relative: the everywhere-convergent series
 * erf(x) = 2/√π · e^{-x²} · Σ (2x²)^n x / (1·3·…·(2n+1)), whose terms are all positive (no cancellation);
 * beyond |x| = 6 erf is ±1 in double precision.
 */
export function erf(x: number): number {
  const ax = Math.abs(x);
  if (ax >= 6) return x > 0 ? 1 : -1;
  if (ax === 0) return x;
  const x2 = ax * ax;
  let term = ax;
  let sum = ax;
  for (let n = 1; n < 400; n++) {
    term *= (2 * x2) / (2 * n + 1);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  const r = TWO_OVER_SQRT_PI * Math.exp(-x2) * sum;
  return x < 0 ? -r : r;
}

/** Standard normal CDF Φ(x) = ½(1 + erf(x/√2)), the exact form PyTorch's default GELU uses. */
export function normalCdf(x: number): number {
  return 0.5 * (1 + erf(x * SQRT1_2));
}

// tanh's constants: Cephes' rational form below 0.625, fdlibm's exp (Cody–Waite reduction, Remez polynomial) above.
const LN2_HI = 6.93147180369123816490e-1;
const LN2_LO = 1.90821492927058770002e-10;
const INV_LN2 = 1.4426950408889634;
const POW2 = Float64Array.from({ length: 66 }, (_, k) => 2 ** k);

/**
 * tanh(x) within 5e-16 relative of Math.tanh, in plain arithmetic: Math.tanh is a call out of optimised code, and
 * on a small network the single-sample forward spends most of its time in those calls.
 */
export function tanhFast(x: number): number {
  const a = x < 0 ? -x : x;
  if (a < 0.625) {
    if (a === 0) return x;
    const s = x * x;
    return x + x * s * (((-0.9643991794250523 * s - 99.28772310019185) * s - 1614.6876844170845) / (((s + 112.81167849163293) * s + 2235.4883906010045) * s + 4844.063053251255));
  }
  if (!(a < 22)) return x !== x ? x : x > 0 ? 1 : -1;
  // e = exp(2a) with 2a in [1.25, 44]: k ≤ 64, so 2^k comes exactly from the table.
  const y = 2 * a;
  const k = (INV_LN2 * y + 0.5) | 0;
  const hi = y - k * LN2_HI;
  const lo = k * LN2_LO;
  const r = hi - lo;
  const t = r * r;
  const c = r - t * (1.66666666666666019037e-1 + t * (-2.77777777770155933842e-3 + t * (6.61375632143793436117e-5 + t * (-1.65339022054652515390e-6 + t * 4.13813679705723846039e-8))));
  const e = (1 - (lo - (r * c) / (2 - c) - hi)) * POW2[k];
  const v = 1 - 2 / (e + 1);
  return x < 0 ? -v : v;
}

/** Scalar value of an activation at x; the canvas draws glyphs with it and the engine's kernels use the same code. */
export function activationScalar(kind: ActivationKind, x: number): number {
  return activate(A[kind], x);
}

/** Value of the activation with numeric code `c` at z. */
export function activate(c: number, z: number): number {
  switch (c) {
    case A.identity:
      return z;
    case A.sigmoid:
      return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    case A.tanh:
      return Math.tanh(z);
    case A.relu:
      return z > 0 ? z : 0;
    case A.leaky_relu:
      return z > 0 ? z : 0.01 * z;
    case A.elu:
      return z > 0 ? z : Math.expm1(z);
    case A.softplus:
      // PyTorch's softplus returns x itself above 20; matching it keeps the reference comparison exact.
      return z > 20 ? z : Math.log1p(Math.exp(z));
    case A.silu:
      return z >= 0 ? z / (1 + Math.exp(-z)) : (z * Math.exp(z)) / (1 + Math.exp(z));
    case A.gelu:
      return z * normalCdf(z);
    case A.sine:
      return Math.sin(z);
    case A.gaussian:
      return Math.exp(-z * z);
    default:
      return z;
  }
}

/** Exact derivative dσ/dz of the activation with code `c`, given z and the already computed output o = σ(z). */
export function derivative(c: number, z: number, o: number): number {
  switch (c) {
    case A.identity:
      return 1;
    case A.sigmoid:
      return o * (1 - o);
    case A.tanh:
      return 1 - o * o;
    case A.relu:
      return z > 0 ? 1 : 0;
    case A.leaky_relu:
      return z > 0 ? 1 : 0.01;
    case A.elu:
      return z > 0 ? 1 : o + 1;
    case A.softplus:
      return z > 20 ? 1 : activate(A.sigmoid, z);
    case A.silu: {
      const s = activate(A.sigmoid, z);
      return s * (1 + z * (1 - s));
    }
    case A.gelu:
      return normalCdf(z) + z * INV_SQRT_2PI * Math.exp(-0.5 * z * z);
    case A.sine:
      return Math.cos(z);
    case A.gaussian:
      return -2 * z * o;
    default:
      return 1;
  }
}

/** Applies activation `c` to z[off..off+n) into o[off..off+n); the common kinds get tight loops. */
export function activateRange(c: number, z: Float64Array | Float32Array, o: Float64Array | Float32Array, off: number, n: number): void {
  const end = off + n;
  if (c === A.relu) {
    for (let i = off; i < end; i++) {
      const v = z[i];
      o[i] = v > 0 ? v : 0;
    }
  } else if (c === A.tanh) {
    for (let i = off; i < end; i++) o[i] = Math.tanh(z[i]);
  } else if (c === A.identity || c === SOFTMAX) {
    for (let i = off; i < end; i++) o[i] = z[i];
  } else {
    for (let i = off; i < end; i++) o[i] = activate(c, z[i]);
  }
}

/** dZ = dO · σ'(z) over a range; the common kinds get tight loops. */
export function backpropRange(c: number, z: Float64Array | Float32Array, o: Float64Array | Float32Array, dO: Float64Array | Float32Array, dZ: Float64Array | Float32Array, off: number, n: number): void {
  const end = off + n;
  if (c === A.relu) {
    for (let i = off; i < end; i++) dZ[i] = z[i] > 0 ? dO[i] : 0;
  } else if (c === A.tanh) {
    for (let i = off; i < end; i++) {
      const v = o[i];
      dZ[i] = dO[i] * (1 - v * v);
    }
  } else if (c === A.sigmoid) {
    for (let i = off; i < end; i++) {
      const v = o[i];
      dZ[i] = dO[i] * v * (1 - v);
    }
  } else if (c === A.identity) {
    for (let i = off; i < end; i++) dZ[i] = dO[i];
  } else {
    for (let i = off; i < end; i++) dZ[i] = dO[i] * derivative(c, z[i], o[i]);
  }
}
