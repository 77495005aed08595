import type { RawData, WebSocket } from 'ws';
import type { Dispatcher } from '../services/dispatch';
import { createSession, type Session } from '../services/session';

/** Where a browser-mode session keeps its files. */
export interface SessionDirs {
  projectsDir: string;
  stateDir: string;
}

const errorReply = (id: unknown, code: string, message: string) => JSON.stringify({ id: id ?? null, ok: false, error: { code, message } });

/**
 * Serves one WebSocket connection as one Session: `{id, channel, payload}` in, `{id, ...Reply}`
 * out, events pushed as `{event, payload}`. Whatever arrives, the server answers or ignores it;
 * it never throws.
 */
export function serveConnection(ws: WebSocket, dispatch: Dispatcher, dirs: SessionDirs, log: (msg: string, e?: unknown) => void): Session {
  const send = (text: string) => {
    if (ws.readyState === ws.OPEN) ws.send(text, (err) => err && log('websocket send failed', err));
  };
  const { session, close } = createSession({
    mode: 'browser',
    projectsDir: dirs.projectsDir,
    stateDir: dirs.stateDir,
    emit: (event, payload) => send(JSON.stringify({ event, payload })),
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
    void dispatch(channel, payload, session).then(
      (reply) => send(JSON.stringify({ id, ...reply })),
      (e) => {
        log('dispatch failed', e);
        send(errorReply(id, 'internal', 'Internal error'));
      },
    );
  });
  ws.on('error', (e) => log('websocket error', e));
  ws.on('close', close);
  return session;
}
