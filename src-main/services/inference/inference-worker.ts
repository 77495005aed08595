/**
 * The inference worker: forward passes and contribution statistics for the overlays, in a thread of
 * its own so neither main's event loop nor a training run ever delays them. The compiled program is
 * cached by structure key, so weight edits and new samples reuse it; the overlay's current network is held compiled
 * under the key main gave it, so a sample step sends only that key and its inputs.
 */
import { parentPort } from 'node:worker_threads';
import { CompileError, contributionStats, createWorkspace, forwardBatch, forwardSample, loadInputs, paramsFromNetwork, programFor, type Program } from '../../../src-shared/engine/index';
import type { InferenceReply, InferenceRequest } from './protocol';

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

function forward(req: Extract<InferenceRequest, { kind: 'forward' }>): InferenceReply {
  let net: { program: Program; params: Float64Array };
  if (req.network) {
    program = programFor(program, req.network);
    net = { program, params: paramsFromNetwork(program, req.network) };
    held = req.networkKey ? { key: req.networkKey, ...net } : held;
  } else if (held && held.key === req.networkKey) net = held;
  else return { id: req.id, ok: false, stale: true, userError: false, message: 'The inference worker does not hold that network.' };
  const { program: p, params } = net;
  if (req.inputs.length !== p.inputs.length) {
    return { id: req.id, ok: false, userError: true, message: `The network has ${p.inputs.length} input neurons but ${req.inputs.length} input values were given.` };
  }
  const r = forwardSample(p, params, req.inputs, req.lesions ?? null);
  return { id: req.id, ok: true, kind: 'forward', neuronIds: p.neuronIds, synapseIds: p.synapseIds, z: r.z, o: r.o, contributions: r.contributions };
}

function handle(req: InferenceRequest): InferenceReply {
  if (req.kind === 'forward') return forward(req);
  program = programFor(program, req.network);
  const params = paramsFromNetwork(program, req.network);
  if (req.kind === 'outputs') return { id: req.id, ok: true, kind: 'outputs', neuronIds: program.neuronIds, o: allOutputs(program, params, req.x, req.nRows) };
  const s = contributionStats(program, params, req.x, req.nRows);
  return { id: req.id, ok: true, kind: 'stats', synapseIds: program.synapseIds, count: s.count, mean: s.mean, meanAbs: s.meanAbs, excitatoryShare: s.excitatoryShare };
}

parentPort!.on('message', (req: InferenceRequest) => {
  let reply: InferenceReply;
  try {
    reply = handle(req);
  } catch (e) {
    reply = { id: req.id, ok: false, userError: e instanceof CompileError, message: e instanceof Error ? e.message : String(e) };
  }
  parentPort!.postMessage(reply);
});
