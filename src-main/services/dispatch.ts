import type { z } from 'zod';
import { requests, type Channel, type Reply, type ResponseOf } from '../../src-shared/api';
import { CompileError } from '../../src-shared/engine/compile';
import { networkIntegrityProblem } from '../../src-shared/model/integrity';
import type { Network } from '../../src-shared/model/network';
import { fileSystemError } from './safe-fs';
import type { Session } from './session';
import { UserError } from './user-error';

/** The payload a handler receives: the channel's request schema after parsing (defaults applied). */
export type PayloadOf<C extends Channel> = z.infer<(typeof requests)[C]['request']>;

/** One handler per channel, typed by the contract in src-shared/api.ts. */
export type Handlers = { [C in Channel]: (payload: PayloadOf<C>, session: Session) => Promise<ResponseOf<C>> };

/** A subset of the handlers, as each service module exports its own map. */
export type PartialHandlers = Partial<Handlers>;

/** Turns a zod issue path into `network.neurons[0].activation`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** One line per zod issue, each prefixed with where it is (or `payload` for the root). */
export function formatIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${formatPath(issue.path) || 'payload'}: ${issue.message}`)
    .join('; ')
    .concat(error.issues.length > 5 ? `; and ${error.issues.length - 5} more` : '');
}

const isChannel = (channel: string): channel is Channel => Object.prototype.hasOwnProperty.call(requests, channel);

/** Transport-independent request handling: validate, call the handler, wrap the outcome in a Reply; never throws. */
export type Dispatcher = (channel: string, payload: unknown, session: Session) => Promise<Reply>;

/**
 * Builds the one function both transports call. Handlers see only payloads that passed the
 * channel's schema and, when they carry a network, hang together (unique ids, synapses between
 * neurons that exist); a UserError becomes an error reply with its code, a file system failure
 * a user can cause becomes a sentence, anything else is a bug: logged in main and reported as 'internal'.
 */
export function createDispatcher(handlers: PartialHandlers, log: (message: string, error: unknown) => void = console.error): Dispatcher {
  return async (channel, payload, session) => {
    if (typeof channel !== 'string' || !isChannel(channel)) {
      return { ok: false, error: { code: 'unknown-channel', message: `Unknown request channel: ${String(channel).slice(0, 100)}` } };
    }
    const handler = handlers[channel] as ((p: unknown, s: Session) => Promise<unknown>) | undefined;
    if (!handler) return { ok: false, error: { code: 'not-implemented', message: `No handler for ${channel} yet` } };
    const parsed = requests[channel].request.safeParse(payload);
    if (!parsed.success) {
      return { ok: false, error: { code: 'invalid-payload', message: `Invalid ${channel} request: ${formatIssues(parsed.error)}` } };
    }
    const network = (parsed.data as { network?: Network }).network;
    const broken = network ? networkIntegrityProblem(network) : null;
    if (broken) return { ok: false, error: { code: 'invalid-network', message: `The network cannot be used: ${broken}.` } };
    try {
      return { ok: true, result: await handler(parsed.data, session) };
    } catch (e) {
      if (e instanceof UserError) return { ok: false, error: { code: e.code, message: e.message } };
      // The engine refuses a graph it cannot compute (a cycle, an output feeding on): its message is the user's sentence.
      if (e instanceof CompileError) return { ok: false, error: { code: 'invalid-network', message: e.message } };
      // A long name, a full disk, a folder where a file was expected: the user's to fix, so a sentence, not "internal".
      const fsError = fileSystemError(e);
      if (fsError) return { ok: false, error: { code: fsError.code, message: fsError.message } };
      log(`handler for ${channel} failed`, e);
      const message = e instanceof Error ? e.message : String(e);
      return { ok: false, error: { code: 'internal', message: `Internal error in ${channel}: ${message}` } };
    }
  };
}
