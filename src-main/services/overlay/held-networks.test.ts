import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { layeredNetwork } from '../../../src-shared/engine/build';
import { compileNetwork, forwardSample, paramsFromNetwork } from '../../../src-shared/engine/index';
import type { Network } from '../../../src-shared/model/network';
import { createDispatcher } from '../dispatch';
import { createSession } from '../session';
import { overlayHandlers } from './handlers';
import { inferenceHost } from '../inference/inference-host';

const dir = mkdtempSync(join(tmpdir(), 'neurite-held-'));
const closers: (() => void)[] = [];
afterAll(async () => {
  closers.forEach((c) => c());
  await inferenceHost().close();
  rmSync(dir, { recursive: true, force: true });
});

function setup() {
  const { session, close } = createSession({ mode: 'electron', projectsDir: null, stateDir: mkdtempSync(join(dir, 'state-')), emit: () => {} });
  closers.push(close);
  const dispatch = createDispatcher(overlayHandlers, () => {});
  return async <T>(channel: string, payload: unknown): Promise<T> => {
    const r = await dispatch(channel, payload, session);
    if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
    return r.result as T;
  };
}

function network(weight: number): Network {
  const net = layeredNetwork([2, 3, 1], { activations: ['tanh', 'identity'] });
  return { ...net, synapses: net.synapses.map((s, i) => ({ ...s, weight: weight + i / 10 })) };
}

function expected(net: Network, inputs: number[]): number[] {
  const p = compileNetwork(net);
  return Array.from(forwardSample(p, paramsFromNetwork(p, net), inputs, null).contributions);
}

describe('a network held by key for sample steps', () => {
  it('answers a step that names the network by key exactly as one that carries it, per network', async () => {
    const call = setup();
    const a = network(0.5);
    const b = network(-1);
    const { networkKey: ka } = await call<{ networkKey: string }>('overlay.network', { network: a });
    const { networkKey: kb } = await call<{ networkKey: string }>('overlay.network', { network: b });
    expect(ka).not.toBe(kb);
    for (const [key, net] of [[ka, a], [kb, b], [ka, a]] as const) {
      for (const inputs of [[0.3, -0.7], [1, 2]]) {
        const byKey = await call<{ contributions: number[] }>('overlay.forward', { networkKey: key, inputs });
        const byValue = await call<{ contributions: number[] }>('overlay.forward', { network: net, inputs });
        expect(byKey.contributions).toEqual(expected(net, inputs));
        expect(byValue.contributions).toEqual(byKey.contributions);
      }
    }
  });

  it('sends the network to a restarted worker again', async () => {
    const call = setup();
    const net = network(2);
    const { networkKey } = await call<{ networkKey: string }>('overlay.network', { network: net });
    await call('overlay.forward', { networkKey, inputs: [1, 1] });
    await inferenceHost().close();
    const r = await call<{ contributions: number[] }>('overlay.forward', { networkKey, inputs: [0.25, -1] });
    expect(r.contributions).toEqual(expected(net, [0.25, -1]));
  });

  it('the worker computes only with the network it holds under that key', async () => {
    const host = inferenceHost();
    const a = network(0.5);
    await host.run({ kind: 'forward', network: a, networkKey: 'held-a', inputs: [1, 1] });
    const r = await host.run({ kind: 'forward', network: null, networkKey: 'held-a', inputs: [0.5, 0.5] });
    expect(Array.from(r.contributions)).toEqual(expected(a, [0.5, 0.5]));
    await expect(host.run({ kind: 'forward', network: null, networkKey: 'held-b', inputs: [1, 1] })).rejects.toThrow(/does not hold that network/);
  });

  it('refuses an unknown key with a code the renderer answers by naming the network again, and a request with both or neither', async () => {
    const call = setup();
    await expect(call('overlay.forward', { networkKey: 'net-999999', inputs: [1, 1] })).rejects.toMatchObject({ code: 'overlay.staleNetwork' });
    const other = setup();
    const { networkKey } = await other<{ networkKey: string }>('overlay.network', { network: network(1) });
    // Keys are per session: another window cannot use this one's network.
    await expect(call('overlay.forward', { networkKey, inputs: [1, 1] })).rejects.toMatchObject({ code: 'overlay.staleNetwork' });
    await expect(call('overlay.forward', { inputs: [1, 1] })).rejects.toThrow(/either network or networkKey/);
    await expect(call('overlay.forward', { network: network(1), networkKey, inputs: [1, 1] })).rejects.toThrow(/either network or networkKey/);
  });
});
