/**
 * The renderer's only door to main. In Electron it goes through the preload bridge; in a
 * browser it speaks JSON over a WebSocket to serve.ts. Nothing else in the renderer knows which.
 */
import { decodeFloat64, unpackNumberArrays } from '../src-shared/packed-arrays';
import { ApiCallError, type Channel, type EventName, type EventOf, type NeuriteApi, type Reply, type RequestOf, type ResponseOf } from '../src-shared/api';

/** Which transport this page talks through. */
export const runMode: 'electron' | 'browser' = typeof window !== 'undefined' && window.neuriteBridge ? 'electron' : 'browser';

/** The state of the link to main: always 'open' in Electron. */
export type ConnectionState = 'connecting' | 'open' | 'reconnecting';

type Listener = (payload: unknown) => void;
type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };

const unwrap = <T>(reply: Reply): T => {
  if (reply.ok) return reply.result as T;
  throw new ApiCallError(reply.error.code, reply.error.message);
};

function bridgeApi(bridge: NonNullable<Window['neuriteBridge']>): NeuriteApi {
  return {
    request: async <C extends Channel>(channel: C, payload: RequestOf<C>) => unwrap<ResponseOf<C>>(await bridge.request(channel, payload)),
    on: <E extends EventName>(event: E, listener: (payload: EventOf<E>) => void) => bridge.on(event, listener as Listener),
  };
}

/** A WebSocket client that queues requests until the socket opens and reconnects with backoff. */
class SocketClient {
  state: ConnectionState = 'connecting';
  private socket: WebSocket | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly queue: Array<{ id: number; text: string }> = [];
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly stateListeners = new Set<(s: ConnectionState) => void>();
  private retryMs = 250;

  constructor(
    private readonly url: string,
    private readonly protocols: string[],
  ) {}

  request(channel: string, payload: unknown): Promise<unknown> {
    this.ensureSocket();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      const text = JSON.stringify({ id, channel, payload });
      if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(text);
      else this.queue.push({ id, text });
    });
  }

  on(event: string, listener: Listener): () => void {
    this.ensureSocket();
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener);
    return () => void set.delete(listener);
  }

  onState(listener: (s: ConnectionState) => void): () => void {
    this.stateListeners.add(listener);
    listener(this.state);
    return () => void this.stateListeners.delete(listener);
  }

  private setState(state: ConnectionState) {
    if (state === this.state) return;
    this.state = state;
    for (const l of this.stateListeners) l(state);
  }

  private ensureSocket() {
    if (this.socket) return;
    // The token goes in the handshake's Sec-WebSocket-Protocol header, which only this socket carries.
    const socket = new WebSocket(this.url, this.protocols);
    this.socket = socket;
    socket.onopen = () => {
      this.retryMs = 250;
      this.setState('open');
      for (const { text } of this.queue.splice(0)) socket.send(text);
    };
    socket.onmessage = (e) => this.receive(e.data);
    socket.onclose = () => {
      this.socket = null;
      // A request in flight may or may not have run; the caller decides whether to retry.
      const unsent = new Set(this.queue.map((q) => q.id));
      for (const [id, p] of this.pending) {
        if (!unsent.has(id)) {
          this.pending.delete(id);
          p.reject(new ApiCallError('disconnected', 'Lost the connection to Neurite before it answered.'));
        }
      }
      this.setState('reconnecting');
      const delay = this.retryMs;
      this.retryMs = Math.min(this.retryMs * 2, 5000);
      setTimeout(() => this.ensureSocket(), delay);
    };
  }

  private receive(data: unknown) {
    if (typeof data !== 'string') return;
    let msg: { id?: unknown; event?: unknown; payload?: unknown; result?: unknown; packed?: unknown } & Partial<Reply>;
    try {
      msg = JSON.parse(data);
    } catch {
      console.error('Neurite: unreadable message from the server');
      return;
    }
    if (Array.isArray(msg.packed)) unpackNumberArrays(typeof msg.event === 'string' ? msg.payload : msg.result, msg.packed, decodeFloat64);
    if (typeof msg.event === 'string') {
      for (const l of this.listeners.get(msg.event) ?? []) l(msg.payload);
      return;
    }
    if (typeof msg.id !== 'number') {
      // A reply without an id answers something unreadable we sent; nothing waits for it.
      if (msg.ok === false) console.error('Neurite:', msg.error?.message);
      return;
    }
    const p = this.pending.get(msg.id);
    if (!p) return;
    this.pending.delete(msg.id);
    try {
      p.resolve(unwrap(msg as Reply));
    } catch (e) {
      p.reject(e as Error);
    }
  }
}

/** Where this tab keeps the run's token: sessionStorage is per tab and per origin (port included), unlike a cookie. */
const TOKEN_KEY = 'neurite-token';

/** Offered subprotocols of the handshake: the app's, and the token as `neurite-token.<token>` (see src-main/server/auth.ts). */
const handshakeProtocols = (token: string | null): string[] => (token ? ['neurite', `neurite-token.${token}`] : ['neurite']);

/**
 * Takes the token out of the address bar once (history.replaceState, so it is neither shown,
 * bookmarked nor shared by accident) into this tab's sessionStorage, where a reload finds it.
 */
function takeToken(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    try {
      window.sessionStorage.setItem(TOKEN_KEY, fromUrl);
    } catch {
      // Storage switched off: the token still lives in this page's memory.
    }
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`);
    return fromUrl;
  }
  try {
    return window.sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

function socketUrl(): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss' : 'ws'}://${host}/ws`;
}

const token = runMode === 'browser' && typeof window !== 'undefined' ? takeToken() : null;
const socket = runMode === 'browser' && typeof window !== 'undefined' ? new SocketClient(socketUrl(), handshakeProtocols(token)) : null;

/** False in a browser tab opened without the run's token (the page then says how to get in); always true in Electron. */
export const hasToken = runMode === 'electron' || token !== null;

/** The typed client of src-shared/api.ts; replies with `ok: false` reject with ApiCallError. */
export const api: NeuriteApi = socket
  ? {
      request: <C extends Channel>(channel: C, payload: RequestOf<C>) => socket.request(channel, payload) as Promise<ResponseOf<C>>,
      on: <E extends EventName>(event: E, listener: (payload: EventOf<E>) => void) => socket.on(event, listener as Listener),
    }
  : bridgeApi(window.neuriteBridge!);

/** Subscribes to the link state (called at once with the current one) so the UI can show "Reconnecting…". */
export function onConnectionChange(listener: (state: ConnectionState) => void): () => void {
  if (!socket) {
    listener('open');
    return () => {};
  }
  return socket.onState(listener);
}

/** The file system path of a dropped file where main can open it (the desktop app); null in a browser, which never reveals paths. */
export function pathForDroppedFile(file: File): string | null {
  return window.neuriteBridge?.pathForFile(file) || null;
}
