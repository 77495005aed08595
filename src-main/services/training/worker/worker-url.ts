import { workerEntry } from '../../../worker-entry';

/** The training worker's entry (see src-main/worker-entry.ts). */
export function trainingWorkerEntry() {
  return workerEntry('training-worker.js', new URL('./worker.ts', import.meta.url));
}
