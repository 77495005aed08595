import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** A fresh, unguessable per-run token (256 bits, URL-safe). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The WebSocket subprotocol of Neurite's JSON messages; the server selects it, so the token below is never echoed. */
export const APP_PROTOCOL = 'neurite';

/**
 * The token travels in the WebSocket handshake as a second offered subprotocol,
 * `neurite-token.<token>` (base64url characters are valid there). Unlike a cookie, a header the
 * page sets on its own socket is never sent by the browser to any other server.
 */
export const TOKEN_PROTOCOL_PREFIX = 'neurite-token.';

/** The subprotocols a client offers to open a socket with this token. */
export const handshakeProtocols = (token: string): string[] => [APP_PROTOCOL, `${TOKEN_PROTOCOL_PREFIX}${token}`];

/** The token offered in a handshake's Sec-WebSocket-Protocol header, or null. */
export function tokenFromHandshake(req: IncomingMessage): string | null {
  const header = req.headers['sec-websocket-protocol'];
  for (const p of (typeof header === 'string' ? header : '').split(',')) {
    const value = p.trim();
    if (value.startsWith(TOKEN_PROTOCOL_PREFIX)) return value.slice(TOKEN_PROTOCOL_PREFIX.length);
  }
  return null;
}

function sameSecret(given: string | null | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** How a request stands against the server's checks. */
export type Verdict = { ok: true } | { ok: false; status: 401 | 403; reason: string };

/**
 * The gate every HTTP request and WebSocket upgrade passes. Host must name this loopback
 * server (DNS rebinding) and an Origin, when sent, must be this same origin (cross-site pages).
 * The WebSocket, which reaches the services, also needs the run's token in its handshake;
 * static files hold no secret and need none.
 */
export function checkRequest(req: IncomingMessage, port: number, token: string, kind: 'static' | 'socket'): Verdict {
  const host = req.headers.host;
  const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  if (!host || !allowedHosts.includes(host.toLowerCase())) return { ok: false, status: 403, reason: 'foreign Host header' };
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://${host.toLowerCase()}`) return { ok: false, status: 403, reason: 'foreign Origin header' };
  if (kind === 'static') return { ok: true };
  if (sameSecret(tokenFromHandshake(req), token)) return { ok: true };
  return { ok: false, status: 401, reason: 'missing or wrong token' };
}
