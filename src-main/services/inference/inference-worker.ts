/**
 * The inference worker: forward passes and contribution statistics for the overlays, in a thread of
 * its own so neither main's event loop nor a training run ever delays them. The compiled program is
 * cached by structure key, so weight edits and new samples reuse it; the overlay's current network is held compiled
 * under the key main gave it, so a sample step sends only that key and its inputs.
 */
import { parentPort } from 'node:worker_threads';
import type { Network } from '../../../src-shared/model/network';
import { CompileError, contributionStats, createWorkspace, forwardBatch, forwardSample, loadInputs, paramsFromNetwork, programFor, type Program } from '../../../src-shared/engine/index';
import { RpcError, workerServer, type RequestHandlers } from '../../worker-rpc';
import type { InferenceWorkerProtocol } from './protocol';

let program: Program | null = null;
/** The overlay's current network, compiled with its parameters: a sample step sends only its key and inputs. */
let held: { key: string; program: Program; params: Float64Array } | null = null;

const CHUNK = 256;

/** Every neuron's output for each row, neuron-major, computed a chunk of rows at a time. */
function allOutputs(program: Program, params: Float64Array, x: Float64Array, nRows: number): Float64Array {
  const N = program.neuronIds.length;
  const o = new Float64Array(N * nRows);
  const ws = createWorkspace(program, Math.min(CHUNK, Math.max(1, nRows)));
  for (let s = 0; s < nRows; s += CHUNK) {
    const B = Math.min(CHUNK, nRows - s);
    loadInputs(program, ws, x, null, s, B);
    forwardBatch(program, params, ws, B);
    for (let n = 0; n < N; n++) o.set(ws.O.subarray(n * B, n * B + B), n * nRows + s);
  }
  return o;
}

/** The network compiled, reusing the cached program when its structure is unchanged. */
function compiled(network: Network): { program: Program; params: Float64Array } {
  program = programFor(program, network);
  return { program, params: paramsFromNetwork(program, network) };
}

/** A CompileError anywhere in a job (a network that cannot be built) is the user's to read. */
function userFacing<A, R>(job: (a: A) => R): (a: A) => R {
  return (a) => {
    try {
      return job(a);
    } catch (e) {
      throw e instanceof CompileError ? new RpcError('user', e.message) : e;
    }
  };
}

const handlers: RequestHandlers<InferenceWorkerProtocol> = {
  forward: userFacing((job) => {
    let net: { program: Program; params: Float64Array };
    if (job.network) {
      net = compiled(job.network);
      held = job.networkKey ? { key: job.networkKey, ...net } : held;
    } else if (held && held.key === job.networkKey) net = held;
    else throw new RpcError('stale', 'The inference worker does not hold that network.');
    const { program: p, params } = net;
    if (job.inputs.length !== p.inputs.length) throw new RpcError('user', `The network has ${p.inputs.length} input neurons but ${job.inputs.length} input values were given.`);
    const r = forwardSample(p, params, job.inputs, job.lesions ?? null);
    return { neuronIds: p.neuronIds, synapseIds: p.synapseIds, z: r.z, o: r.o, contributions: r.contributions };
  }),
  stats: userFacing((job) => {
    const { program: p, params } = compiled(job.network);
    const s = contributionStats(p, params, job.x, job.nRows);
    return { synapseIds: p.synapseIds, count: s.count, mean: s.mean, meanAbs: s.meanAbs, excitatoryShare: s.excitatoryShare };
  }),
  outputs: userFacing((job) => {
    const { program: p, params } = compiled(job.network);
    return { neuronIds: p.neuronIds, o: allOutputs(p, params, job.x, job.nRows) };
  }),
};

workerServer<InferenceWorkerProtocol>(parentPort!).serve(handlers);
