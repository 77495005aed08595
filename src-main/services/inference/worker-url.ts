import { workerEntry } from '../../worker-entry';

/** The inference worker's entry (see src-main/worker-entry.ts). */
export function inferenceWorkerEntry() {
  return workerEntry('inference-worker.js', new URL('./inference-worker.ts', import.meta.url));
}
