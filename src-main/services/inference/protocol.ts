/** Messages between the inference host (main) and the inference worker. */
import type { Network } from '../../../src-shared/model/network';

/** A job for the inference worker. */
export type InferenceJob =
  | {
      kind: 'forward';
      /** Null when the worker already holds `networkKey` (the host sends a network once per key). */
      network: Network | null;
      /** Names `network` for later jobs, which may then send null; absent: compute and forget. */
      networkKey?: string;
      inputs: number[];
      lesions?: { synapses: string[]; neurons: string[] };
    }
  | {
      kind: 'stats';
      network: Network;
      /** Rows × inputs, row-major, columns in the order of the network's input neurons (document order). */
      x: Float64Array;
      nRows: number;
    }
  | {
      kind: 'outputs';
      network: Network;
      /** Rows × inputs, row-major, as for 'stats'. */
      x: Float64Array;
      nRows: number;
    };

/** A request as posted: the job and its id. */
export type InferenceRequest = InferenceJob & { id: number };

/** The worker's answer to one request. */
export type InferenceReply =
  | { id: number; ok: true; kind: 'forward'; neuronIds: string[]; synapseIds: string[]; z: Float64Array; o: Float64Array; contributions: Float64Array }
  | { id: number; ok: true; kind: 'stats'; synapseIds: string[]; count: number; mean: Float64Array; meanAbs: Float64Array; excitatoryShare: Float64Array }
  /** Every neuron's output for every row, neuron-major: o[neuron · nRows + row], neurons in document order. */
  | { id: number; ok: true; kind: 'outputs'; neuronIds: string[]; o: Float64Array }
  | { id: number; ok: false; userError: boolean; message: string }
  /** A forward job sent no network and the worker does not hold its key (a fresh worker): send it again with the network. */
  | { id: number; ok: false; stale: true; userError: false; message: string };
