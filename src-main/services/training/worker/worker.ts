/** worker_threads entry of a training run: see worker-loop.ts. */
import { parentPort } from 'node:worker_threads';
import type { ToWorker } from '../../../../src-shared/training/protocol';
import { createWorkerLoop } from './worker-loop';

if (!parentPort) throw new Error('The training worker must run in a worker thread.');
const port = parentPort;
const handle = createWorkerLoop({
  post: (msg, transfer) => port.postMessage(msg, transfer ?? []),
  close: () => port.close(),
});
port.on('message', (msg: ToWorker) => handle(msg));
