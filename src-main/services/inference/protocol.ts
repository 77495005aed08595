/**
 * The inference worker's protocol (see src-main/worker-rpc.ts): a request per job, answered in order.
 * Arrays cross as structured-clone copies, never transferred (the same rule as the training worker's).
 * A refusal's RpcError code: 'user' (the user can read it: wrong input count, a network that does not
 * compile) or 'stale' (a forward job named a network the worker does not hold: send it again).
 */
import type { Network } from '../../../src-shared/model/network';

/** Synapses and neurons switched off for one forward pass. */
export type InferenceLesions = { synapses: string[]; neurons: string[] };

/** One forward pass for the overlay. */
export interface ForwardJob {
  /** Null when the worker already holds `networkKey` (the host sends a network once per key). */
  network: Network | null;
  /** Names `network` for later jobs, which may then send null; absent: compute and forget. */
  networkKey?: string;
  inputs: number[];
  lesions?: InferenceLesions;
}

/** A network over many rows. */
export interface RowsJob {
  network: Network;
  /** Rows × inputs, row-major, columns in the order of the network's input neurons (document order). */
  x: Float64Array;
  nRows: number;
}

/** A job as a caller names it: its request and what the request takes. */
export type InferenceJob = ({ kind: 'forward' } & ForwardJob) | ({ kind: 'stats' } & RowsJob) | ({ kind: 'outputs' } & RowsJob);

/** Main ⇄ inference worker. */
export type InferenceWorkerProtocol = {
  requests: {
    forward(job: ForwardJob): { neuronIds: string[]; synapseIds: string[]; z: Float64Array; o: Float64Array; contributions: Float64Array };
    /** Contribution statistics per synapse over the rows. */
    stats(job: RowsJob): { synapseIds: string[]; count: number; mean: Float64Array; meanAbs: Float64Array; excitatoryShare: Float64Array };
    /** Every neuron's output for every row, neuron-major: o[neuron · nRows + row], neurons in document order. */
    outputs(job: RowsJob): { neuronIds: string[]; o: Float64Array };
  };
  events: Record<string, never>;
};
