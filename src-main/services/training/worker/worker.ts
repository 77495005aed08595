/** worker_threads entry of a training run: the loop (worker-loop.ts) answers the protocol's requests (protocol.ts). */
import { parentPort } from 'node:worker_threads';
import { workerServer } from '../../../worker-rpc';
import type { TrainingWorkerProtocol } from './protocol';
import { createWorkerLoop } from './worker-loop';

if (!parentPort) throw new Error('The training worker must run in a worker thread.');
const port = parentPort;
const server = workerServer<TrainingWorkerProtocol>(port);
server.serve(createWorkerLoop({ emit: server.emit, close: () => port.close() }));
