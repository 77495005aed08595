import type { RawData, WebSocket } from 'ws';
import type { Reply } from '../../src-shared/api';
import type { Dispatcher } from '../services/dispatch';
import { createSession, type Session } from '../services/session';
import { packNumberArrays } from '../../src-shared/packed-arrays';

/** Where a browser-mode session keeps its files. */
export interface SessionDirs {
  projectsDir: string;
  stateDir: string;
}

/** Largest reply sent, in UTF-16 code units of its JSON (about bytes for the ASCII JSON mostly is); bigger ones become an error reply. */
export const DEFAULT_MAX_REPLY_CHARS = 256 * 1024 * 1024;

const encodeFloat64 = (f: Float64Array) => Buffer.from(f.buffer, f.byteOffset, f.byteLength).toString('base64');

/** `head` with `value` under `key`, its long number arrays packed and their paths listed under `packed`. */
function withPackedArrays(head: Record<string, unknown>, key: 'result' | 'payload', value: unknown): Record<string, unknown> {
  const p = packNumberArrays(value, encodeFloat64);
  return p.paths.length ? { ...head, [key]: p.value, packed: p.paths } : { ...head, [key]: value };
}

const errorReply = (id: unknown, code: string, message: string) => JSON.stringify({ id: id ?? null, ok: false, error: { code, message } });

const megabytes = (chars: number) => `${(chars / (1024 * 1024)).toFixed(chars < 10 * 1024 * 1024 ? 1 : 0)} MB`;

/**
 * The JSON text of a reply, or an error reply in its place when it cannot be built (too large
 * for a string, a value JSON cannot hold) or is larger than the limit: one oversized or broken
 * reply fails that request, never the connection or the process.
 */
export function replyText(id: string | number, channel: string, reply: Reply, maxChars: number, log: (msg: string, e?: unknown) => void): string {
  let text: string;
  try {
    text = JSON.stringify(reply.ok ? withPackedArrays({ id, ok: true }, 'result', reply.result) : { id, ...reply });
  } catch (e) {
    log(`the reply to ${channel} could not be serialized`, e);
    const tooLong = e instanceof RangeError;
    return errorReply(id, 'reply-too-large', tooLong
      ? `The reply to ${channel} is too large to send (more than ${megabytes(2 ** 29)}). Ask for less at once (a smaller network, grid or page).`
      : `The reply to ${channel} could not be sent: it holds a value that cannot be written as JSON.`);
  }
  if (text.length > maxChars) {
    log(`the reply to ${channel} is ${text.length} characters; refused`);
    return errorReply(id, 'reply-too-large', `The reply to ${channel} is too large to send (${megabytes(text.length)}; the limit is ${megabytes(maxChars)}). Ask for less at once (a smaller network, grid or page).`);
  }
  return text;
}

/**
 * Serves one WebSocket connection as one Session: `{id, channel, payload}` in, `{id, ...Reply}`
 * out, events pushed as `{event, payload}`. Whatever arrives, and whatever a handler returns,
 * the server answers or ignores it; it never throws.
 */
export function serveConnection(ws: WebSocket, dispatch: Dispatcher, dirs: SessionDirs, log: (msg: string, e?: unknown) => void, maxReplyChars = DEFAULT_MAX_REPLY_CHARS): Session {
  const send = (text: string) => {
    if (ws.readyState !== ws.OPEN) return;
    try {
      ws.send(text, (err) => err && log('websocket send failed', err));
    } catch (e) {
      log('websocket send failed', e);
    }
  };
  const { session, close } = createSession({
    mode: 'browser',
    projectsDir: dirs.projectsDir,
    stateDir: dirs.stateDir,
    emit: (event, payload) => {
      let text: string;
      try {
        text = JSON.stringify(withPackedArrays({ event }, 'payload', payload));
      } catch (e) {
        return log(`the ${event} event could not be serialized`, e);
      }
      if (text.length > maxReplyChars) return log(`the ${event} event is ${text.length} characters; dropped`);
      send(text);
    },
  });
  ws.on('message', (data: RawData, isBinary: boolean) => {
    if (isBinary) return send(errorReply(null, 'bad-message', 'Binary messages are not accepted.'));
    let msg: unknown;
    try {
      msg = JSON.parse(data.toString());
    } catch {
      return send(errorReply(null, 'bad-message', 'The message is not valid JSON.'));
    }
    if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) return send(errorReply(null, 'bad-message', 'The message must be a JSON object {id, channel, payload}.'));
    const { id, channel, payload } = msg as { id?: unknown; channel?: unknown; payload?: unknown };
    if (typeof id !== 'number' && typeof id !== 'string') return send(errorReply(null, 'bad-message', 'The message has no id.'));
    if (typeof channel !== 'string') return send(errorReply(id, 'bad-message', 'The message has no channel.'));
    let pending: Promise<Reply>;
    try {
      pending = dispatch(channel, payload, session);
    } catch (e) {
      pending = Promise.reject(e);
    }
    pending
      .then((reply) => send(replyText(id, channel, reply, maxReplyChars, log)))
      .catch((e) => {
        log('dispatch failed', e);
        send(errorReply(id, 'internal', 'Internal error'));
      });
  });
  ws.on('error', (e) => log('websocket error', e));
  ws.on('close', close);
  return session;
}
