// The sweep line's peer, run as a worker thread: the workload's training steps on the bare engine (no run, no host,
// no database), so the bench can time the same work in one thread and in two. It gets the rows once (shared memory)
// and answers each number n with n batches trained.
import { parentPort, workerData } from 'node:worker_threads';
import { compileNetwork, paramsFromNetwork } from '../../src-shared/engine/compile';
import { createTrainer } from '../../src-shared/engine/trainer';
import { engineNetwork, type Workload } from './engine-workloads';

const { w, X, Y } = workerData as { w: Workload; X: Float64Array; Y: Float64Array };
const net = engineNetwork(w);
const program = compileNetwork(net);
const trainer = createTrainer(program, paramsFromNetwork(program, net), { loss: w.loss, optimizer: { kind: 'adam', lr: w.lr }, batchSize: w.batch, seed: 1, init: 'glorot_uniform' });
let at = 0;
parentPort!.on('message', (n: number) => {
  for (let k = 0; k < n; k++) {
    trainer.step(X, Y, null, at, w.batch);
    at = (at + w.batch) % (w.rows - w.batch);
  }
  parentPort!.postMessage(n);
});
