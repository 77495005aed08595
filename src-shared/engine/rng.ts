/**
 * The one seeded generator of the code base (engine, data generators, splits, initial weights):
 * Mulberry32, whose whole state is one 32-bit number so a run can be saved and resumed exactly.
 */

/** A seeded source of uniform numbers in [0, 1). */
export type Rng = () => number;

/** A seeded generator whose whole state is one 32-bit number, so a run can be saved and resumed exactly. */
export interface EngineRng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Standard normal (Box–Muller, no cached second value so the state stays one number). */
  normal(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** The current state; `setState` with it reproduces the stream from here. */
  getState(): number;
  /** Restores a state from `getState`. */
  setState(s: number): void;
}

/** Mulberry32 seeded generator: tiny, fast and well mixed for shuffles and initialisation. */
export function createRng(seed: number): EngineRng {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    normal: () => gaussian(next),
    int: (n) => Math.floor(next() * n),
    getState: () => a,
    setState(s) {
      a = s >>> 0;
    },
  };
}

/** The same generator as a plain function; the same seed always gives the same stream. */
export function seededRng(seed: number): Rng {
  return createRng(seed).next;
}

/** A standard normal draw from a uniform source (Box–Muller, the cosine half only). */
export function gaussian(uniform: Rng): number {
  let u = 0;
  while (u === 0) u = uniform();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * uniform());
}

/** Fisher–Yates shuffle of `a` in place with either form of the generator; returns `a`. */
export function shuffle<T extends { length: number; [i: number]: number }>(a: T, rng: EngineRng | Rng): T {
  const uniform = typeof rng === 'function' ? rng : rng.next;
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(uniform() * (i + 1));
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
  return a;
}
