import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** A fresh, unguessable per-run token (256 bits, URL-safe). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Cookies are not scoped by port, so the name carries it: two servers on one host never clobber each other. */
export const cookieName = (port: number) => `neurite-token-${port}`;

/** The Set-Cookie value that lets assets and the WebSocket carry the token after the first page load. */
export function tokenCookie(port: number, token: string): string {
  return `${cookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}

function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) out.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return out;
}

function sameSecret(given: string | null | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** How a request stands against the server's checks. */
export type Verdict = { ok: true; viaQuery: boolean } | { ok: false; status: 401 | 403; reason: string };

/**
 * The gate every HTTP request and WebSocket upgrade passes. Host must name this loopback
 * server (DNS rebinding); an Origin, when sent, must be this same origin (cross-site pages);
 * and the token must come in the query or this port's cookie.
 */
export function checkRequest(req: IncomingMessage, port: number, token: string): Verdict {
  const host = req.headers.host;
  const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  if (!host || !allowedHosts.includes(host.toLowerCase())) return { ok: false, status: 403, reason: 'foreign Host header' };
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://${host.toLowerCase()}`) return { ok: false, status: 403, reason: 'foreign Origin header' };
  const query = new URL(req.url ?? '/', 'http://x').searchParams.get('token');
  if (sameSecret(query, token)) return { ok: true, viaQuery: true };
  if (sameSecret(parseCookies(req.headers.cookie).get(cookieName(port)), token)) return { ok: true, viaQuery: false };
  return { ok: false, status: 401, reason: 'missing or wrong token' };
}
