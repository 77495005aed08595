import { createRng } from '../engine/rng';

/** A seeded source of uniform numbers in [0, 1). */
export type Rng = () => number;

/** The engine's seeded generator (Mulberry32) as a plain function; the same seed always gives the same stream. */
export function seededRng(seed: number): Rng {
  return createRng(seed).next;
}

/** A standard normal draw (Box–Muller). */
export function gaussian(rng: Rng): number {
  let u = 0;
  while (u === 0) u = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

/** Shuffles `a` in place (Fisher–Yates) and returns it. */
export function shuffleInPlace<T extends { length: number; [i: number]: number }>(a: T, rng: Rng): T {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
  return a;
}
