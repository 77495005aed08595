import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { contentSecurityPolicy } from './csp';
import { MIME, resolveStatic } from './static-files';

/** The privileged scheme Electron loads the renderer from (instead of file://, which would expose the disk). */
export const APP_SCHEME = 'neurite';
/** The origin of the renderer in Electron. */
export const APP_ORIGIN = `${APP_SCHEME}://app`;
/** The page Electron opens. */
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/**
 * Whether a URL belongs to our renderer: the app origin, or (development only) the
 * electron-vite dev server. Used to vet navigations and IPC senders.
 */
export function isAppUrl(url: string, devServerUrl?: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (`${parsed.protocol}//${parsed.host}` === APP_ORIGIN) return true;
  if (!devServerUrl) return false;
  try {
    return parsed.origin === new URL(devServerUrl).origin;
  } catch {
    return false;
  }
}

/** Electron's CSP: the shared one; in development also the dev server (and its inline refresh preamble). */
export function electronCsp(devServerUrl?: string): string {
  if (!devServerUrl) return contentSecurityPolicy();
  const dev = new URL(devServerUrl);
  return contentSecurityPolicy({ script: [dev.origin, "'unsafe-inline'"], connect: [dev.origin, `ws://${dev.host}`] });
}

/**
 * The handler of `neurite://app/...`: files of the built renderer only, with the CSP and nosniff
 * headers; anything outside the root, any other host or method gets a 404/405.
 */
export function appProtocolHandler(rendererDir: string): (request: Request) => Promise<Response> {
  const csp = electronCsp();
  return async (request) => {
    const headers = { 'Content-Security-Policy': csp, 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' };
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response('Method Not Allowed', { status: 405, headers });
    const url = new URL(request.url);
    if (url.host !== 'app') return new Response('Not Found', { status: 404, headers });
    // request.url is already normalised by URL parsing; resolveStatic re-checks the decoded path anyway.
    const file = await resolveStatic(rendererDir, url.pathname);
    if (!file) return new Response('Not Found', { status: 404, headers });
    const body = request.method === 'HEAD' ? null : await readFile(file);
    return new Response(body, { status: 200, headers: { ...headers, 'Content-Type': MIME[extname(file).toLowerCase()] ?? 'application/octet-stream' } });
  };
}
