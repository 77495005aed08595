/**
 * The persistent inference worker owned by main: one per process, started on first use, separate
 * from training. Requests are answered in order; a crash rejects what was pending and the next
 * request starts a fresh worker.
 */
import { Worker } from 'node:worker_threads';
import type { Network } from '../../../src-shared/model/network';
import type { InferenceJob, InferenceReply } from './protocol';
import { inferenceWorkerEntry } from './worker-url';
import { UserError } from '../user-error';

type Ok<K extends InferenceJob['kind']> = Extract<InferenceReply, { ok: true; kind: K }>;
type InferenceLesions = { synapses: string[]; neurons: string[] };

/** The worker did not hold the network a forward job named (it was restarted): the host sends it again. */
class StaleNetwork extends Error {}

/** A client of one inference worker. */
export class InferenceHost {
  private worker: Worker | null = null;
  /** The network key the worker holds (sent with its network once); null after a (re)start. */
  private heldKey: string | null = null;
  private nextId = 1;
  private pending = new Map<number, { resolve: (r: InferenceReply) => void; reject: (e: Error) => void }>();

  private start(): Worker {
    if (this.worker) return this.worker;
    const { entry, options } = inferenceWorkerEntry();
    const w = new Worker(entry, options);
    this.heldKey = null;
    w.unref(); // an idle overlay worker must never keep the process alive
    w.on('message', (r: InferenceReply) => {
      const p = this.pending.get(r.id);
      this.pending.delete(r.id);
      p?.resolve(r);
    });
    const fail = (e: Error) => {
      if (this.worker === w) this.worker = null;
      for (const p of this.pending.values()) p.reject(e);
      this.pending.clear();
    };
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`The inference worker stopped (exit code ${code}).`)));
    this.worker = w;
    return w;
  }

  /** Runs one job in the worker; a refusal the user should read (bad input count, cyclic network) becomes a UserError. */
  async run<K extends InferenceJob['kind']>(job: InferenceJob & { kind: K }): Promise<Ok<K>> {
    const w = this.start();
    const id = this.nextId++;
    const reply = await new Promise<InferenceReply>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      w.postMessage({ ...job, id });
    });
    if (!reply.ok) {
      if ('stale' in reply) throw new StaleNetwork(reply.message);
      if (reply.userError) throw new UserError('overlay.invalid', reply.message);
      throw new Error(reply.message);
    }
    return reply as Ok<K>;
  }

  /**
   * One forward pass of `network`, named `networkKey` when the caller reuses it: the network crosses to the worker
   * once per key (structured clone and compile of thousands of synapses), later passes send the inputs only.
   */
  async forward(job: { network: Network; networkKey?: string; inputs: number[]; lesions?: InferenceLesions }): Promise<Ok<'forward'>> {
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
    if (w) await w.terminate();
  }
}

let shared: InferenceHost | null = null;

/** The process's one inference host. */
export function inferenceHost(): InferenceHost {
  return (shared ??= new InferenceHost());
}
