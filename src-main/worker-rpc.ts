/**
 * Typed requests, answers and events between main and a worker_threads worker, over any port with
 * postMessage/on('message') (a Worker, parentPort, or a MessageChannel's ports in a test).
 *
 * A protocol names the requests the worker answers (a method per request: its payload and its answer)
 * and the events it sends unasked. `call` awaits an answer; `notify` sends a request nobody waits for
 * (answered by nothing). Nothing is transferred: typed arrays cross as structured-clone copies, on
 * purpose (detaching a buffer in the training worker slows the engine's loops: see
 * services/training/worker/worker-loop.ts).
 */

/** A protocol: `requests` as methods (payload → answer), `events` as name → payload. */
export interface Protocol {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any payload and answer; each protocol narrows them
  requests: Record<string, (...args: any[]) => unknown>;
  events: Record<string, unknown>;
}

type RequestName<P extends Protocol> = keyof P['requests'] & string;
type ArgsOf<P extends Protocol, K extends RequestName<P>> = Parameters<P['requests'][K]>;
type AnswerOf<P extends Protocol, K extends RequestName<P>> = Awaited<ReturnType<P['requests'][K]>>;
type EventName<P extends Protocol> = keyof P['events'] & string;

/** One event of protocol P as a listener receives it: switch on `name` to narrow `payload`. */
export type WorkerEvent<P extends Protocol> = { [E in EventName<P>]: { name: E; payload: P['events'][E] } }[EventName<P>];

/** What the worker's side answers each request with (a value, or a promise of one); a throw is the caller's rejection. */
export type RequestHandlers<P extends Protocol> = { [K in RequestName<P>]: (...args: ArgsOf<P, K>) => AnswerOf<P, K> | Promise<AnswerOf<P, K>> };

/** The two operations a port needs (Worker, parentPort and MessagePort all have them). */
export interface RpcPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
}

/** A refusal thrown by a request handler, with a code the caller can tell apart from a failure. */
export class RpcError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'RpcError';
  }
}

/** What crosses the port. `id` 0: a notification (no answer). */
type Wire =
  | { rpc: 'call'; id: number; name: string; args: unknown[] }
  | { rpc: 'answer'; id: number; value: unknown }
  | { rpc: 'refuse'; id: number; code: string | null; message: string }
  | { rpc: 'event'; name: string; payload: unknown };

const isWire = (m: unknown): m is Wire => typeof m === 'object' && m !== null && typeof (m as { rpc?: unknown }).rpc === 'string';

/** Main's side of a worker speaking protocol P. */
export interface WorkerClient<P extends Protocol> {
  /** Sends a request and resolves with its answer; rejects with an RpcError (the handler's refusal or failure) or the error `fail` was given. */
  call<K extends RequestName<P>>(name: K, ...args: ArgsOf<P, K>): Promise<AnswerOf<P, K>>;
  /** Sends a request without waiting for (or getting) an answer. */
  notify<K extends RequestName<P>>(name: K, ...args: ArgsOf<P, K>): void;
  /** Rejects every call still waiting (the worker failed or exited); later answers are ignored. */
  fail(error: Error): void;
}

/** Speaks protocol P to the worker behind `port`; `onEvent` hears every event it sends. */
export function workerClient<P extends Protocol>(port: RpcPort, onEvent: (event: WorkerEvent<P>) => void = () => {}): WorkerClient<P> {
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  port.on('message', (m) => {
    if (!isWire(m)) return;
    if (m.rpc === 'event') return onEvent({ name: m.name, payload: m.payload } as WorkerEvent<P>);
    if (m.rpc !== 'answer' && m.rpc !== 'refuse') return;
    const p = pending.get(m.id);
    pending.delete(m.id);
    if (m.rpc === 'answer') p?.resolve(m.value);
    else p?.reject(new RpcError(m.code ?? 'failed', m.message));
  });
  const post = (id: number, name: string, args: unknown[]) => port.postMessage({ rpc: 'call', id, name, args } satisfies Wire);
  return {
    call(name, ...args) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        post(id, name, args);
      });
    },
    notify: (name, ...args) => post(0, name, args),
    fail(error) {
      for (const p of pending.values()) p.reject(error);
      pending.clear();
    },
  };
}

/** The worker's side of protocol P: answers requests with `handlers` and sends events. */
export interface WorkerServer<P extends Protocol> {
  /** Sends an event to main. */
  emit<E extends EventName<P>>(name: E, payload: P['events'][E]): void;
  /** Starts answering requests (call once, after anything the handlers use exists). */
  serve(handlers: RequestHandlers<P>): void;
}

/** Serves protocol P on `port` (a worker's parentPort). */
export function workerServer<P extends Protocol>(port: RpcPort): WorkerServer<P> {
  const answer = (id: number, value: unknown) => port.postMessage({ rpc: 'answer', id, value } satisfies Wire);
  const refuse = (id: number, e: unknown) =>
    port.postMessage({ rpc: 'refuse', id, code: e instanceof RpcError ? e.code : null, message: e instanceof Error ? e.message : String(e) } satisfies Wire);
  return {
    emit: (name, payload) => port.postMessage({ rpc: 'event', name, payload } satisfies Wire),
    serve(handlers) {
      const table: Record<string, unknown> = handlers;
      port.on('message', (m) => {
        if (!isWire(m) || m.rpc !== 'call') return;
        const handler = Object.hasOwn(table, m.name) ? table[m.name] : undefined;
        let value: unknown;
        try {
          if (typeof handler !== 'function') throw new Error(`The worker has no request '${m.name}'.`);
          value = Reflect.apply(handler, handlers, m.args);
        } catch (e) {
          // A notification has nobody to answer: its failure ends the worker, as any uncaught error would.
          if (!m.id) throw e;
          refuse(m.id, e);
          return;
        }
        if (!m.id) return;
        if (value instanceof Promise) value.then((v) => answer(m.id, v), (e: unknown) => refuse(m.id, e));
        else answer(m.id, value);
      });
    },
  };
}
