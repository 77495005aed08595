import { lstatSync, mkdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { resolve } from 'node:path';
import { WebSocketServer } from 'ws';
import { createDispatcher, type PartialHandlers } from '../services/dispatch';
import { APP_PROTOCOL, checkRequest, newToken } from './auth';
import { contentSecurityPolicy } from './csp';
import { resolveStatic, sendFile } from './static-files';
import { DEFAULT_MAX_REPLY_CHARS, serveConnection } from './ws-transport';

/** What startServer needs; everything but the renderer and projects folders has a default. */
export interface ServerOptions {
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** The only folder browser-mode projects live in; created if missing. */
  projectsDir: string;
  /** App state (recent files, recovery journals); default `<projectsDir>/.neurite-state`. */
  stateDir?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** The request handlers; default: every service's (src-main/services/handlers.ts). */
  handlers?: PartialHandlers;
  /** Largest WebSocket message accepted, in bytes (bigger ones close the connection). */
  maxMessageBytes?: number;
  /** Largest reply sent, in characters of JSON (a bigger one becomes an error reply for that request). */
  maxReplyChars?: number;
  /** Where problems are logged; default console.error. */
  log?: (message: string, error?: unknown) => void;
}

/** A running browser-mode server. */
export interface RunningServer {
  /** The URL to open, token included (the page moves it into its own tab's storage and out of the address bar). */
  url: string;
  port: number;
  token: string;
  projectsDir: string;
  stateDir: string;
  /** Stops accepting, drops every connection and resolves when the port is free. */
  close(): Promise<void>;
}

const HOST = '127.0.0.1';

/** The CSP of browser mode: the app's, plus the WebSocket to this very port. */
export const browserCsp = (port: number) => contentSecurityPolicy({ connect: [`ws://${HOST}:${port}`, `ws://localhost:${port}`] });

function securityHeaders(res: ServerResponse, port: number) {
  res.setHeader('Content-Security-Policy', browserCsp(port));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

function refuse(res: ServerResponse, status: number, text: string) {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.end(`${text}\n`);
}

/**
 * Room for the largest request a client may send: a network document at LIMITS (250,000 synapses whose ids,
 * sources and targets may be 200 characters each, and 10,000 neurons with 1,000-character labels: about 180 MB of
 * JSON) plus the envelope. Uploads come in chunks of at most UPLOAD_CHUNK_MAX_BYTES and need far less.
 */
const DEFAULT_MAX_MESSAGE_BYTES = 200 * 1024 * 1024;

/**
 * The state folder (working copies, uploads, the recent list) sits inside the projects folder by
 * default, which other people or archives may write to: a symbolic link planted as it, or as one
 * of its folders, would carry Neurite's writes out of the folder, so the server refuses to start.
 */
function refuseLinkedStateFolders(stateDir: string, isDefault: boolean): void {
  const folders = [...(isDefault ? [stateDir] : []), resolve(stateDir, 'working'), resolve(stateDir, 'uploads')];
  for (const dir of folders) {
    let st;
    try {
      st = lstatSync(dir);
    } catch {
      continue;
    }
    if (!st.isDirectory()) throw new Error(`${dir} is ${st.isSymbolicLink() ? 'a symbolic link' : 'not a folder'}; Neurite keeps its state there and will not write through it. Remove it and start again.`);
  }
}

/** Starts the loopback HTTP + WebSocket server of browser mode (127.0.0.1 only, token-gated). */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const log = options.log ?? ((m: string, e?: unknown) => console.error(`[neurite] ${m}`, e ?? ''));
  const projectsDir = resolve(options.projectsDir);
  const stateDir = resolve(options.stateDir ?? resolve(projectsDir, '.neurite-state'));
  mkdirSync(projectsDir, { recursive: true });
  mkdirSync(stateDir, { recursive: true });
  refuseLinkedStateFolders(stateDir, options.stateDir === undefined);
  const handlers = options.handlers ?? (await import('../services/handlers')).handlers;
  const dispatch = createDispatcher(handlers, log);
  const token = newToken();
  let port = 0;

  const onRequest = async (req: IncomingMessage, res: ServerResponse) => {
    securityHeaders(res, port);
    // Static files hold no secret: Host and Origin are checked, the token is not needed (and no cookie carries it).
    const verdict = checkRequest(req, port, token, 'static');
    if (!verdict.ok) return refuse(res, verdict.status, 'Forbidden');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return refuse(res, 405, 'Method Not Allowed');
    }
    const pathname = new URL(req.url ?? '/', 'http://x').pathname;
    const file = await resolveStatic(options.rendererDir, pathname);
    if (!file) return refuse(res, 404, 'Not Found');
    await sendFile(res, file, req.method === 'HEAD');
  };

  const server = createServer((req, res) => {
    onRequest(req, res).catch((e) => {
      log('request failed', e);
      if (!res.headersSent) refuse(res, 500, 'Internal Server Error');
      else res.destroy();
    });
  });
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES,
    // Select the app's subprotocol, never the token one: the token is not echoed back.
    handleProtocols: (offered) => (offered.has(APP_PROTOCOL) ? APP_PROTOCOL : false),
  });
  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const verdict = checkRequest(req, port, token, 'socket');
    const pathname = new URL(req.url ?? '/', 'http://x').pathname;
    const status = !verdict.ok ? verdict.status : pathname !== '/ws' ? 404 : 0;
    if (status) {
      const text = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found' }[status as 401 | 403 | 404];
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveConnection(ws, dispatch, { projectsDir, stateDir }, log, options.maxReplyChars ?? DEFAULT_MAX_REPLY_CHARS));
  });
  server.on('clientError', (_e, socket) => socket.destroy());

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, HOST, () => {
      server.off('error', fail);
      ok();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://${HOST}:${port}/?token=${token}`,
    port,
    token,
    projectsDir,
    stateDir,
    close: () =>
      new Promise<void>((ok) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.close(() => ok());
        server.closeAllConnections();
      }),
  };
}
