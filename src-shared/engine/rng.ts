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
    normal() {
      let u = 0;
      while (u === 0) u = next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
    },
    int: (n) => Math.floor(next() * n),
    getState: () => a,
    setState(s) {
      a = s >>> 0;
    },
  };
}

/** Fisher–Yates shuffle of `a` in place with the given generator. */
export function shuffle(a: Int32Array | Uint32Array | number[], rng: EngineRng): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}
