import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { appHandlers } from '../services/app-handlers';
import type { PartialHandlers } from '../services/dispatch';
import { handshakeProtocols } from './auth';
import { startServer, type RunningServer } from './http-server';
import { installProcessGuards } from './process-guards';

const SECRET = 'top-secret-outside-the-root';
const base = mkdtempSync(join(tmpdir(), 'neurite-server-test-'));
const rendererDir = join(base, 'renderer');
mkdirSync(join(rendererDir, 'assets'), { recursive: true });
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Neurite</title>');
writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
writeFileSync(join(base, 'secret.txt'), SECRET);

const closedSessions: string[] = [];
const handlers: PartialHandlers = {
  ...appHandlers,
  // Emits an event before answering, and records when its session ends.
  'project.current': async (_p, session) => {
    session.onClose?.(() => closedSessions.push(session.id));
    session.emit('menu.command', { command: 'help.about' });
    return null;
  },
  // Replies that cannot be sent: a JSON text longer than V8's longest string (one 100 MB string six
  // times: little memory, but JSON.stringify throws RangeError), a value JSON cannot hold, and
  // one over the server's reply limit.
  'project.recent': async () => {
    const label = 'x'.repeat(100 * 1024 * 1024);
    return Array.from({ length: 6 }, (_, i) => ({ path: `${i}.neurite`, name: label, openedAt: '' }));
  },
  'project.list': async () => [{ path: 'a.neurite', name: 'a', size: 10n as unknown as number, modified: '' }],
  'project.recovery': async () => [{ id: 'r', path: null, name: 'y'.repeat(MAX_REPLY_CHARS), editedAt: '' }],
  // A reply with a long number array: it travels packed.
  'overlay.forward': async () => ({ neuronIds: ['a'], synapseIds: [], z: [0.25], o: [-0], contributions: LONG }),
  // A handler that leaves a rejected promise behind after answering (the process must not exit).
  'project.close': async () => {
    void Promise.reject(new Error('nobody listens to this'));
    setTimeout(() => {
      throw new Error('thrown from a timer');
    }, 0);
    return {};
  },
};
const MAX_REPLY_CHARS = 256 * 1024;
const LONG = Array.from({ length: 1000 }, (_, i) => Math.sin(i) / 7);
const logged: string[] = [];

let server: RunningServer;
let host: string;

let removeGuards: () => void;

beforeAll(async () => {
  const log = (m: string, e?: unknown) => logged.push(`${m} ${e instanceof Error ? e.message : ''}`);
  // serve.ts installs these; the test runner's own handlers would otherwise see the planted rejection first.
  removeGuards = installProcessGuards(log);
  server = await startServer({ rendererDir, projectsDir: join(base, 'projects'), handlers, maxMessageBytes: 64 * 1024, maxReplyChars: MAX_REPLY_CHARS, log });
  host = `127.0.0.1:${server.port}`;
});
afterAll(async () => {
  await server.close();
  removeGuards();
});

type RawResponse = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

/** A raw HTTP request: unlike fetch, it sends the path and Host exactly as given. */
function raw(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method, headers: { host, ...headers } }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * Opens a WebSocket the way the page does (the token as an offered subprotocol; `token: null`
 * offers none); resolves with the socket, or with the HTTP status the upgrade got instead.
 */
function connect(path: string, options: WebSocket.ClientOptions & { token?: string | null; protocols?: string[] } = {}): Promise<{ ws?: WebSocket; status?: number }> {
  const { token = server.token, protocols, ...rest } = options;
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}${path}`, protocols ?? (token === null ? ['neurite'] : handshakeProtocols(token)), rest);
    ws.once('open', () => resolve({ ws }));
    ws.once('unexpected-response', (_req, res) => resolve({ status: res.statusCode }));
    ws.once('error', reject);
  });
}

/** Sends one text frame and resolves with the next message that is not an event. */
function ask(ws: WebSocket, text: string): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const msg = JSON.parse(data.toString());
      if ('event' in msg) return;
      ws.off('message', onMessage);
      resolve(msg);
    };
    ws.on('message', onMessage);
    ws.send(text);
  });
}

describe('HTTP gate', () => {
  it('listens on 127.0.0.1 only and prints a URL with the token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
    expect(server.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(existsSync(join(base, 'projects', '.neurite-state'))).toBe(true);
  });

  it('serves the page and assets without the token (they hold no secret), never setting a cookie, with strict headers', async () => {
    for (const url of [`http://${host}/`, server.url, `http://${host}/?token=wrong`]) {
      const res = await fetch(url);
      expect(res.status, url).toBe(200);
      expect(await res.text()).toContain('<title>Neurite</title>');
      // No credential a browser would send to another server on this host (cookies ignore ports).
      expect(res.headers.get('set-cookie'), url).toBeNull();
      const csp = res.headers.get('content-security-policy')!;
      expect(csp).toMatch(/script-src 'self'(;|$)/);
      expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${server.port} ws://localhost:${server.port}`);
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    }
  });

  it('serves assets with their content type', async () => {
    const res = await raw('/assets/app.js');
    expect(res.status).toBe(200);
    expect(res.body).toBe('console.log(1)');
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('ignores a token cookie: only the handshake carries the token', async () => {
    const withCookie = await connect('/ws', { token: null, headers: { cookie: `neurite-token-${server.port}=${server.token}` } });
    expect(withCookie).toEqual({ status: 401 });
  });

  it('refuses a foreign Host header with 403 even with the token (DNS rebinding)', async () => {
    expect((await raw(`/?token=${server.token}`, { host: `evil.example:${server.port}` })).status).toBe(403);
    expect((await raw(`/?token=${server.token}`, { host: '127.0.0.1:1' })).status).toBe(403);
    expect((await raw(`/?token=${server.token}`, { host: `localhost:${server.port}` })).status).toBe(200);
  });

  it('refuses a foreign Origin with 403 even with the token, and accepts the same origin', async () => {
    expect((await raw(`/?token=${server.token}`, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await raw(`/?token=${server.token}`, { origin: `http://localhost:${server.port}` })).status).toBe(403);
    expect((await raw(`/?token=${server.token}`, { origin: `http://${host}` })).status).toBe(200);
  });

  it('never leaves the renderer folder and never lists a directory', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/assets/%2e%2e/%2e%2e/secret.txt', '/..%5csecret.txt', '/../package.json', '/assets/', '/assets', '/index.html%00.js']) {
      const res = await raw(path);
      expect(res.status, path).toBe(404);
      expect(res.body, path).not.toContain(SECRET);
      expect(res.body, path).not.toContain('app.js');
    }
  });

  it('accepts only GET and HEAD', async () => {
    const post = await raw('/', {}, 'POST');
    expect(post.status).toBe(405);
    const head = await raw('/assets/app.js', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe('14');
    expect(head.body).toBe('');
  });
});

describe('WebSocket transport', () => {
  it('refuses an upgrade without a token (401), from a foreign Origin or Host (403), or off /ws (404)', async () => {
    expect(await connect('/ws', { token: null })).toEqual({ status: 401 });
    expect(await connect('/ws', { token: 'wrong' })).toEqual({ status: 401 });
    expect(await connect('/ws', { token: `${server.token}x` })).toEqual({ status: 401 });
    // The token in the URL no longer opens the socket (URLs end up in logs and history).
    expect(await connect(`/ws?token=${server.token}`, { token: null })).toEqual({ status: 401 });
    expect(await connect('/ws', { origin: 'http://evil.example' })).toEqual({ status: 403 });
    expect(await connect('/ws', { headers: { host: `evil.example:${server.port}` } })).toEqual({ status: 403 });
    expect(await connect('/other')).toEqual({ status: 404 });
  });

  it('round-trips app.info with the token in the handshake and a same-origin Origin, selecting the app protocol, not the token', async () => {
    const { ws } = await connect('/ws', { origin: `http://${host}` });
    expect(ws!.protocol).toBe('neurite');
    const reply = await ask(ws!, JSON.stringify({ id: 7, channel: 'app.info', payload: {} }));
    expect(reply).toEqual({ id: 7, ok: true, result: { name: 'Neurite', version: '0.1.0', mode: 'browser', platform: process.platform, firstLaunchExample: process.env.NEURITE_NO_EXAMPLE !== '1' } });
    ws!.close();
  });

  it('sends a long number array as base64 of its float64 bytes, listed under packed, and leaves short ones as JSON', async () => {
    const { ws } = await connect('/ws');
    const reply = await ask(ws!, JSON.stringify({ id: 4, channel: 'overlay.forward', payload: { networkKey: 'k', inputs: [] } }));
    expect(reply).toMatchObject({ id: 4, ok: true, packed: [['contributions']], result: { z: [0.25], o: [0] } });
    const text = (reply.result as { contributions: string }).contributions;
    expect(Array.from(new Float64Array(Uint8Array.from(Buffer.from(text, 'base64')).buffer))).toEqual(LONG);
    ws!.close();
  });

  it('answers an invalid payload, malformed JSON and an unknown channel with clear errors and stays open', async () => {
    const { ws } = await connect('/ws');
    const invalid = await ask(ws!, JSON.stringify({ id: 1, channel: 'network.check', payload: { network: { version: 1, neurons: [{ id: 'a' }], synapses: [] } } }));
    expect(invalid).toMatchObject({ id: 1, ok: false, error: { code: 'invalid-payload' } });
    expect((invalid.error as { message: string }).message).toMatch(/network\.neurons\[0\]\.role: /);
    expect(await ask(ws!, '{not json')).toEqual({ id: null, ok: false, error: { code: 'bad-message', message: 'The message is not valid JSON.' } });
    expect(await ask(ws!, '[1,2]')).toMatchObject({ id: null, ok: false, error: { code: 'bad-message' } });
    expect(await ask(ws!, JSON.stringify({ channel: 'app.info', payload: {} }))).toMatchObject({ id: null, ok: false, error: { code: 'bad-message' } });
    expect(await ask(ws!, JSON.stringify({ id: 2, channel: 'shell.exec', payload: {} }))).toMatchObject({ id: 2, ok: false, error: { code: 'unknown-channel' } });
    expect(await ask(ws!, JSON.stringify({ id: 3, channel: 'app.info', payload: {} }))).toMatchObject({ id: 3, ok: true });
    ws!.close();
  });

  it('closes a connection that sends an oversized message (1009) and keeps serving others', async () => {
    const { ws } = await connect('/ws');
    const code = await new Promise<number>((resolve) => {
      ws!.once('close', (c) => resolve(c));
      ws!.send(JSON.stringify({ id: 1, channel: 'app.info', payload: { pad: 'x'.repeat(100 * 1024) } }));
    });
    expect(code).toBe(1009);
    const { ws: again } = await connect('/ws');
    expect(await ask(again!, JSON.stringify({ id: 1, channel: 'app.info', payload: {} }))).toMatchObject({ ok: true });
    again!.close();
  });

  it('pushes events to its own connection only and ends the session when the socket closes', async () => {
    const { ws: a } = await connect('/ws');
    const { ws: b } = await connect('/ws');
    const seenA: unknown[] = [];
    const seenB: unknown[] = [];
    a!.on('message', (d) => seenA.push(JSON.parse(d.toString())));
    b!.on('message', (d) => seenB.push(JSON.parse(d.toString())));
    await ask(a!, JSON.stringify({ id: 'x', channel: 'project.current', payload: {} }));
    expect(seenA[0]).toEqual({ event: 'menu.command', payload: { command: 'help.about' } });
    expect(seenA[1]).toEqual({ id: 'x', ok: true, result: null });
    expect(seenB).toEqual([]);
    const before = closedSessions.length;
    a!.close();
    await new Promise((r) => setTimeout(r, 100));
    expect(closedSessions.length).toBe(before + 1);
    expect(closedSessions.at(-1)).toMatch(/^browser-/);
    b!.close();
  });
});

describe('no reply can take the server down', () => {
  it('a reply too long to serialize, one JSON cannot hold, and one over the limit become error replies; the connection and other clients go on', async () => {
    const { ws } = await connect('/ws');
    const { ws: other } = await connect('/ws');
    const huge = await ask(ws!, JSON.stringify({ id: 1, channel: 'project.recent', payload: {} }));
    expect(huge).toMatchObject({ id: 1, ok: false, error: { code: 'reply-too-large' } });
    expect((huge.error as { message: string }).message).toMatch(/^The reply to project\.recent is too large to send \(more than 512 MB\)/);
    expect(await ask(other!, JSON.stringify({ id: 1, channel: 'app.info', payload: {} }))).toMatchObject({ id: 1, ok: true });
    const bigint = await ask(ws!, JSON.stringify({ id: 2, channel: 'project.list', payload: {} }));
    expect(bigint).toMatchObject({ id: 2, ok: false, error: { code: 'reply-too-large', message: 'The reply to project.list could not be sent: it holds a value that cannot be written as JSON.' } });
    const over = await ask(ws!, JSON.stringify({ id: 3, channel: 'project.recovery', payload: {} }));
    expect(over).toMatchObject({ id: 3, ok: false, error: { code: 'reply-too-large' } });
    expect((over.error as { message: string }).message).toMatch(/^The reply to project\.recovery is too large to send \(0\.3 MB; the limit is 0\.3 MB\)/);
    expect(await ask(ws!, JSON.stringify({ id: 4, channel: 'app.info', payload: {} }))).toMatchObject({ id: 4, ok: true });
    ws!.close();
    other!.close();
  }, 60_000);

  it('a rejected promise nobody awaits and an exception thrown from a timer are logged; the server keeps answering', async () => {
    const { ws } = await connect('/ws');
    expect(await ask(ws!, JSON.stringify({ id: 1, channel: 'project.close', payload: {} }))).toMatchObject({ id: 1, ok: true });
    await new Promise((r) => setTimeout(r, 100));
    expect(logged.some((l) => l.startsWith('unhandled promise rejection (the server keeps running) nobody listens to this'))).toBe(true);
    expect(logged.some((l) => l.startsWith('uncaught exception from uncaughtException (the server keeps running) thrown from a timer'))).toBe(true);
    expect(await ask(ws!, JSON.stringify({ id: 2, channel: 'app.info', payload: {} }))).toMatchObject({ id: 2, ok: true });
    ws!.close();
  });
});

describe('the state folder inside the projects folder', () => {
  it('refuses to start when a link was planted as the state folder or its working or uploads folder', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'neurite-outside-'));
    for (const planted of ['.neurite-state', '.neurite-state/working', '.neurite-state/uploads']) {
      const projects = mkdtempSync(join(tmpdir(), 'neurite-planted-'));
      mkdirSync(join(projects, '.neurite-state'), { recursive: true });
      if (planted === '.neurite-state') rmSync(join(projects, '.neurite-state'), { recursive: true });
      symlinkSync(outside, join(projects, planted));
      await expect(startServer({ rendererDir, projectsDir: projects, log: () => {} })).rejects.toThrow(/is a symbolic link; Neurite keeps its state there and will not write through it/);
    }
    expect(readdirSync(outside)).toEqual([]);
  });
});
