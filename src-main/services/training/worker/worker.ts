/**
 * worker_threads entry of training runs: the loop (worker-loop.ts) answers the protocol's requests (protocol.ts).
 * Started for one run, it serves parentPort and ends with the run. Started pooled (workerData { pooled: true }, a
 * sweep's pool), it serves one run at a time, each over the port its AttachRun message brings, and keeps the last
 * dataset it was sent so the next run on the same data does not copy it again.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { workerServer } from '../../../worker-rpc';
import type { AttachRun, TrainingWorkerProtocol } from './protocol';
import { createWorkerLoop } from './worker-loop';

if (!parentPort) throw new Error('The training worker must run in a worker thread.');
const port = parentPort;
const isAttach = (m: unknown): m is AttachRun => typeof m === 'object' && m !== null && 'attach' in m;

if ((workerData as { pooled?: boolean } | null)?.pooled) {
  let data: AttachRun['data'] | null = null;
  port.on('message', (m: unknown) => {
    if (!isAttach(m)) return;
    if (m.data) data = m.data;
    const runPort = m.attach;
    const server = workerServer<TrainingWorkerProtocol>(runPort);
    const loop = createWorkerLoop({ emit: server.emit, close: () => runPort.close() });
    server.serve({ ...loop, start: (msg) => loop.start(data ? { ...msg, x: data.x, y: data.y } : msg) });
    // Main closed the run's channel (its project went away): the run stops; its last events go nowhere.
    runPort.once('close', () => loop.stop());
  });
} else {
  const server = workerServer<TrainingWorkerProtocol>(port);
  server.serve(createWorkerLoop({ emit: server.emit, close: () => port.close() }));
}
