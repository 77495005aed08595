/**
 * The persistent inference worker owned by main: one per process, started on first use, separate
 * from training. Requests are answered in order; a crash rejects what was pending and the next
 * request starts a fresh worker.
 */
import { Worker } from 'node:worker_threads';
import type { Network } from '../../../src-shared/model/network';
import { RpcError, workerClient, type WorkerClient } from '../../worker-rpc';
import { UserError } from '../user-error';
import type { InferenceJob, InferenceLesions, InferenceWorkerProtocol } from './protocol';
import { inferenceWorkerEntry } from './worker-url';
import { enableRelaxedSimd } from '../../wasm-features';

// The workers this host starts share the process's V8 flags: relaxed SIMD goes on before the first of them.
enableRelaxedSimd();

type Answer<K extends keyof InferenceWorkerProtocol['requests']> = ReturnType<InferenceWorkerProtocol['requests'][K]>;

/** The worker did not hold the network a forward job named (it was restarted): the host sends it again. */
class StaleNetwork extends Error {}

/** A refusal the user should read (bad input count, cyclic network) becomes a UserError; a stale key a StaleNetwork. */
function refusal(e: unknown): unknown {
  if (!(e instanceof RpcError)) return e;
  if (e.code === 'stale') return new StaleNetwork(e.message);
  if (e.code === 'user') return new UserError('overlay.invalid', e.message);
  return new Error(e.message);
}

/** A client of one inference worker. */
export class InferenceHost {
  private worker: Worker | null = null;
  private client: WorkerClient<InferenceWorkerProtocol> | null = null;
  /** The network key the worker holds (sent with its network once); null after a (re)start. */
  private heldKey: string | null = null;

  private start(): WorkerClient<InferenceWorkerProtocol> {
    if (this.worker && this.client) return this.client;
    const { entry, options } = inferenceWorkerEntry();
    const w = new Worker(entry, options);
    this.heldKey = null;
    w.unref(); // an idle overlay worker must never keep the process alive
    // After unref: listening for answers refs the worker's message port again, so an awaited answer keeps the process alive.
    const client = workerClient<InferenceWorkerProtocol>(w);
    const fail = (e: Error) => {
      if (this.worker === w) {
        this.worker = null;
        this.client = null;
      }
      client.fail(e);
    };
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`The inference worker stopped (exit code ${code}).`)));
    this.worker = w;
    this.client = client;
    return client;
  }

  /** Runs one job in the worker; a refusal the user should read (bad input count, cyclic network) becomes a UserError. */
  async run<K extends InferenceJob['kind']>(job: InferenceJob & { kind: K }): Promise<Answer<K>> {
    const client = this.start();
    const j: InferenceJob = job;
    try {
      const answer = j.kind === 'forward' ? await client.call('forward', j) : await client.call(j.kind, j);
      // The answer of the request named by K (the union above cannot carry K through).
      return answer as Answer<K>;
    } catch (e) {
      throw refusal(e);
    }
  }

  /**
   * One forward pass of `network`, named `networkKey` when the caller reuses it: the network crosses to the worker
   * once per key (structured clone and compile of thousands of synapses), later passes send the inputs only.
   */
  async forward(job: { network: Network; networkKey?: string; inputs: number[]; lesions?: InferenceLesions }): Promise<Answer<'forward'>> {
    const { network, networkKey, inputs, lesions } = job;
    if (networkKey && this.worker && this.heldKey === networkKey) {
      try {
        return await this.run({ kind: 'forward', network: null, networkKey, inputs, lesions });
      } catch (e) {
        if (!(e instanceof StaleNetwork)) throw e;
      }
    }
    if (networkKey) this.heldKey = networkKey;
    return this.run({ kind: 'forward', network, networkKey, inputs, lesions });
  }

  /** Stops the worker (tests; the app keeps it for its lifetime). */
  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    this.client = null;
    if (w) await w.terminate();
  }
}

let shared: InferenceHost | null = null;

/** The process's one inference host. */
export function inferenceHost(): InferenceHost {
  return (shared ??= new InferenceHost());
}
