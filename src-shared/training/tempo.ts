/**
 * Training speed: how many epochs a second the worker may run. A tempo the eye can follow is the default, so
 * a small example visibly learns over a few seconds; full speed is what the engine can do.
 */

/** Epochs per second; 0: only by hand (Step batch / Step epoch); null: full speed. */
export type Tempo = number | null;

/** The choices of the Training speed control, slowest first. */
export const TEMPO_CHOICES: readonly { value: Tempo; label: string }[] = [
  { value: 0, label: 'By hand (step)' },
  { value: 1, label: '1 epoch/s' },
  { value: 5, label: '5 epochs/s' },
  { value: 20, label: '20 epochs/s' },
  { value: 100, label: '100 epochs/s' },
  { value: null, label: 'Full speed' },
];

/** The speed a new window starts with: the 100-epoch default run of an example takes about five seconds. */
export const DEFAULT_TEMPO: Tempo = 20;

/** The highest finite tempo a caller may ask for. */
export const MAX_TEMPO = 10_000;

/**
 * How many optimiser steps a paced run may have taken `elapsedMs` after pacing (re)started; Infinity at full speed.
 * Pacing counts steps, not epochs, so an epoch of many batches is spread evenly over its time slot.
 */
export function stepsAllowed(tempo: Tempo, stepsPerEpoch: number, elapsedMs: number): number {
  if (tempo === null) return Infinity;
  return Math.floor((tempo * stepsPerEpoch * elapsedMs) / 1000);
}

/** Milliseconds after pacing started at which step number `n` (1-based) is due. */
export function stepDueMs(tempo: number, stepsPerEpoch: number, n: number): number {
  return (n * 1000) / (tempo * stepsPerEpoch);
}
