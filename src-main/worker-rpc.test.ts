import { MessageChannel } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { RpcError, workerClient, workerServer, type WorkerEvent } from './worker-rpc';

type Demo = {
  requests: {
    add(a: number, b: number): number;
    later(ms: number): Promise<string>;
    refuse(code: string): void;
    poke(): void;
  };
  events: { poked: { count: number }; data: Float64Array };
};

const channels: MessageChannel[] = [];
afterEach(() => channels.splice(0).forEach((c) => (c.port1.close(), c.port2.close())));

function pair() {
  const ch = new MessageChannel();
  channels.push(ch);
  const events: WorkerEvent<Demo>[] = [];
  const client = workerClient<Demo>(ch.port1, (e) => events.push(e));
  const server = workerServer<Demo>(ch.port2);
  let pokes = 0;
  const sent = new Float64Array([1, 2, 3]);
  server.serve({
    add: (a, b) => a + b,
    later: (ms) => new Promise((r) => setTimeout(() => r(`after ${ms}`), ms)),
    refuse(code) {
      throw code === 'plain' ? new Error('plain failure') : new RpcError(code, `refused: ${code}`);
    },
    poke() {
      server.emit('poked', { count: ++pokes });
      server.emit('data', sent);
    },
  });
  return { client, events, sent };
}

const tick = () => new Promise((r) => setTimeout(r, 20));

describe('worker-rpc', () => {
  it('answers each call with its own answer, also out of order', async () => {
    const { client } = pair();
    const slow = client.call('later', 30);
    const [sum, fast] = await Promise.all([client.call('add', 2, 3), client.call('later', 1)]);
    expect(sum).toBe(5);
    expect(fast).toBe('after 1');
    expect(await slow).toBe('after 30');
  });

  it('a refusal keeps its code; any other failure comes back as code "failed"; an unknown request is refused', async () => {
    const { client } = pair();
    await expect(client.call('refuse', 'stale')).rejects.toMatchObject({ name: 'RpcError', code: 'stale', message: 'refused: stale' });
    await expect(client.call('refuse', 'plain')).rejects.toMatchObject({ code: 'failed', message: 'plain failure' });
    await expect((client.call as (n: string) => Promise<unknown>)('nothing')).rejects.toThrow("The worker has no request 'nothing'.");
  });

  it('notifications get no answer; events arrive in order, typed arrays as copies (never transferred)', async () => {
    const { client, events, sent } = pair();
    client.notify('poke');
    client.notify('poke');
    await tick();
    expect(events.map((e) => e.name)).toEqual(['poked', 'data', 'poked', 'data']);
    expect(events[2]).toEqual({ name: 'poked', payload: { count: 2 } });
    const data = events[1].payload as Float64Array;
    expect(Array.from(data)).toEqual([1, 2, 3]);
    expect(data).not.toBe(sent);
    expect(sent.byteLength).toBe(24);
  });

  it('fail rejects every call still waiting', async () => {
    const { client } = pair();
    const waiting = client.call('later', 200);
    client.fail(new Error('the worker stopped'));
    await expect(waiting).rejects.toThrow('the worker stopped');
  });
});
