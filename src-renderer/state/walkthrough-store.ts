/**
 * The guided example's view state: open or not, which step, and the example's dataset. The step is kept in
 * localStorage so closing the walkthrough (or the window) and opening it again resumes where it was.
 */
import { create } from 'zustand';
import { STEPS } from '../../src-shared/walkthrough/negative-output';

const KEY = 'neurite.walkthrough.step';

function savedStep(): number {
  try {
    const v = Number(localStorage.getItem(KEY));
    return Number.isInteger(v) && v >= 0 && v < STEPS.length ? v : 0;
  } catch {
    return 0;
  }
}

/** Remembers the step to resume at (0 after the last step was finished). */
export function saveStep(step: number): void {
  try {
    localStorage.setItem(KEY, String(step));
  } catch {
    // Private mode or a full storage: the walkthrough still works, it just starts over next time.
  }
}

/** The walkthrough store's state. */
export interface WalkthroughState {
  open: boolean;
  /** Index into STEPS. */
  step: number;
  /** Highlighted neuron and synapse ids of the current step (empty while closed). */
  neurons: Set<string>;
  synapses: Set<string>;
}

/** The one walkthrough store of the window. */
export const useWalkthroughStore = create<WalkthroughState>()(() => ({
  open: false,
  step: savedStep(),
  neurons: new Set(),
  synapses: new Set(),
}));
