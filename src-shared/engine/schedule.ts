/** Learning-rate schedules over optimiser steps t = 0, 1, 2, … */
export type Schedule =
  | { kind: 'constant' }
  | { kind: 'step'; /** steps between decays */ every: number; /** multiplier per decay */ gamma: number }
  | { kind: 'cosine'; /** steps to reach minLr */ totalSteps: number; minLr?: number };

/** The learning rate at step t: constant; lr·γ^⌊t/every⌋; or cosine from lr to minLr over totalSteps (then minLr). */
export function learningRate(base: number, schedule: Schedule | undefined, t: number): number {
  if (!schedule || schedule.kind === 'constant') return base;
  if (schedule.kind === 'step') return base * Math.pow(schedule.gamma, Math.floor(t / schedule.every));
  const min = schedule.minLr ?? 0;
  const f = Math.min(t, schedule.totalSteps) / schedule.totalSteps;
  return min + (base - min) * 0.5 * (1 + Math.cos(Math.PI * f));
}
