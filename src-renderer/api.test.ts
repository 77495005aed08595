import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { ApiCallError } from '../src-shared/api';

// A stand-in for serve.ts speaking the same wire protocol, so the client is tested without main's code.
let wss: WebSocketServer;
const seenUrls: string[] = [];
const seenProtocols: string[] = [];
const stored = new Map<string, string>();
const addressBar: string[] = [];
let connections = 0;
const PACKED_VALUES = [1, -2.5, Math.PI];
const PACKED = Buffer.from(Float64Array.from(PACKED_VALUES).buffer).toString('base64');

beforeAll(async () => {
  wss = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: (p) => (p.has('neurite') ? 'neurite' : false) });
  await new Promise((r) => wss.once('listening', r));
  wss.on('connection', (ws, req) => {
    connections += 1;
    seenUrls.push(req.url ?? '');
    seenProtocols.push(String(req.headers['sec-websocket-protocol']).split(/,\s*/).join(' '));
    ws.on('message', (data) => {
      const { id, channel } = JSON.parse(data.toString());
      if (channel === 'app.info') ws.send(JSON.stringify({ id, ok: true, result: { name: 'Neurite', version: '0', mode: 'browser', platform: 'test' } }));
      else if (channel === 'overlay.forward') {
        // Long number arrays arrive packed: base64 of their float64 bytes, their paths listed under `packed`.
        ws.send(JSON.stringify({ event: 'training.progress', payload: { curve: PACKED }, packed: [['curve']] }));
        ws.send(JSON.stringify({ id, ok: true, result: { z: [0.5], contributions: PACKED }, packed: [['contributions']] }));
      } else if (channel === 'project.current') {
        ws.send(JSON.stringify({ event: 'menu.command', payload: { command: 'view.fitView' } }));
        ws.send(JSON.stringify({ id, ok: true, result: null }));
      } else if (channel === 'project.close') ws.terminate();
      else ws.send(JSON.stringify({ id, ok: false, error: { code: 'invalid-payload', message: 'Invalid: network: required' } }));
    });
  });
  const port = (wss.address() as { port: number }).port;
  const location = { protocol: 'http:', host: `127.0.0.1:${port}`, href: `http://127.0.0.1:${port}/?token=t0k#x` };
  const window = {
    location,
    sessionStorage: { setItem: (k: string, v: string) => stored.set(k, v), getItem: (k: string) => stored.get(k) ?? null },
    history: { state: null, replaceState: (_s: unknown, _t: string, url: string) => addressBar.push(url) },
  };
  Object.assign(globalThis, { window, WebSocket });
});
afterAll(async () => {
  for (const c of wss.clients) c.terminate();
  await new Promise((r) => wss.close(r));
});

describe('the renderer client over WebSocket', () => {
  it('takes the token out of the address bar, queues until open, sends the token in the handshake, resolves replies, rejects errors, delivers events and reconnects', async () => {
    const { api, runMode, onConnectionChange } = await import('./api');
    expect(runMode).toBe('browser');
    const states: string[] = [];
    onConnectionChange((s) => states.push(s));

    const [a, b] = await Promise.all([api.request('app.info', {}), api.request('app.info', {})]);
    expect(a.name).toBe('Neurite');
    expect(b.mode).toBe('browser');
    // The token left the address bar for this tab's storage and travels only in the handshake, not in the URL.
    expect(seenUrls).toEqual(['/ws']);
    expect(seenProtocols).toEqual(['neurite neurite-token.t0k']);
    expect(stored.get('neurite-token')).toBe('t0k');
    expect(addressBar).toEqual(['/#x']);

    const err = await api.request('network.check', {} as never).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiCallError);
    expect(err).toMatchObject({ code: 'invalid-payload', message: 'Invalid: network: required' });

    const events: string[] = [];
    const off = api.on('menu.command', ({ command }) => events.push(command));
    expect(await api.request('project.current', {})).toBeNull();
    off();
    await api.request('project.current', {});
    expect(events).toEqual(['view.fitView']);

    const curves: unknown[] = [];
    const offProgress = api.on('training.progress', (p) => curves.push((p as unknown as { curve: unknown }).curve));
    expect(await api.request('overlay.forward', { networkKey: 'k', inputs: [] })).toEqual({ z: [0.5], contributions: PACKED_VALUES });
    expect(curves).toEqual([PACKED_VALUES]);
    offProgress();

    // The server drops the socket mid-request: that request fails, the client reconnects, later ones work.
    const dropped = await api.request('project.close', {}).catch((e: unknown) => e);
    expect(dropped).toMatchObject({ code: 'disconnected' });
    expect((await api.request('app.info', {})).name).toBe('Neurite');
    expect(connections).toBe(2);
    expect(states).toEqual(['connecting', 'open', 'reconnecting', 'open']);
  });
});
