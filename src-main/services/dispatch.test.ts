import fs, { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileNetwork } from '../../src-shared/engine/compile';
import type { Network } from '../../src-shared/model/network';
import { appHandlers } from './app-handlers';
import { createDispatcher, formatPath } from './dispatch';
import { createSession } from './session';
import { UserError } from './user-error';

// A fresh state dir: a fixed one could hold markers (first-launch offer, recent list) from elsewhere.
const STATE_DIR = mkdtempSync(join(tmpdir(), 'neurite-dispatch-'));
const { session } = createSession({ mode: 'browser', projectsDir: '/tmp/p', stateDir: STATE_DIR, emit: () => {} });

const network = (activation: string): Network =>
  ({
    version: 1,
    neurons: [
      { id: 'a', role: 'input', label: 'x1', activation: 'identity', bias: 0, position: { x: 0, y: 0 } },
      { id: 'b', role: 'output', label: 'y1', activation, bias: 0.5, position: { x: 100, y: 0 } },
    ],
    synapses: [{ id: 's', source: 'a', target: 'b', weight: -1.5 }],
  }) as Network;

describe('createDispatcher', () => {
  const logged: string[] = [];
  const dispatch = createDispatcher(
    {
      ...appHandlers,
      'project.current': async () => {
        throw new UserError('project.none', 'No project is open.');
      },
      'project.recent': async () => {
        throw new Error('disk on fire');
      },
    },
    (m) => logged.push(m),
  );

  it('answers app.info with the session mode and the package version', async () => {
    const reply = await dispatch('app.info', {}, session);
    expect(reply).toEqual({ ok: true, result: { name: 'Neurite', version: '0.1.0', mode: 'browser', platform: process.platform, firstLaunchExample: process.env.NEURITE_NO_EXAMPLE !== '1' } });
  });

  it('reports the first-launch example as off under NEURITE_NO_EXAMPLE=1 (serve --no-example)', async () => {
    const before = process.env.NEURITE_NO_EXAMPLE;
    try {
      process.env.NEURITE_NO_EXAMPLE = '1';
      expect(await dispatch('app.info', {}, session)).toMatchObject({ ok: true, result: { firstLaunchExample: false } });
      delete process.env.NEURITE_NO_EXAMPLE;
      expect(await dispatch('app.info', {}, session)).toMatchObject({ ok: true, result: { firstLaunchExample: true } });
    } finally {
      if (before === undefined) delete process.env.NEURITE_NO_EXAMPLE;
      else process.env.NEURITE_NO_EXAMPLE = before;
    }
  });

  it('keeps the window preferences in the state folder, as JSON only', async () => {
    expect(await dispatch('app.getPrefs', {}, session)).toEqual({ ok: true, result: { prefs: null } });
    expect(await dispatch('app.setPrefs', { prefs: '{"theme":"dark"}' }, session)).toEqual({ ok: true, result: {} });
    expect(await dispatch('app.getPrefs', {}, session)).toEqual({ ok: true, result: { prefs: '{"theme":"dark"}' } });
    // Not JSON, or too long: nothing changes.
    await dispatch('app.setPrefs', { prefs: 'rm -rf /' }, session);
    expect((await dispatch('app.setPrefs', { prefs: 'x'.repeat(5000) }, session)).ok).toBe(false);
    expect(await dispatch('app.getPrefs', {}, session)).toEqual({ ok: true, result: { prefs: '{"theme":"dark"}' } });
  });

  it('refuses an unknown channel without calling anything', async () => {
    const reply = await dispatch('fs.readFile', { path: '/etc/passwd' }, session);
    expect(reply).toEqual({ ok: false, error: { code: 'unknown-channel', message: 'Unknown request channel: fs.readFile' } });
    // Inherited object keys are not channels either.
    expect((await dispatch('constructor', {}, session)).ok).toBe(false);
    expect((await dispatch('__proto__', {}, session)).ok).toBe(false);
  });

  it('reports a channel of the contract that has no handler yet', async () => {
    const reply = await dispatch('project.list', {}, session);
    expect(reply).toMatchObject({ ok: false, error: { code: 'not-implemented' } });
  });

  it('names the path of an invalid field', async () => {
    const reply = await dispatch('network.check', { network: network('swish') }, session);
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error.code).toBe('invalid-payload');
    expect(reply.error.message).toMatch(/^Invalid network\.check request: network\.neurons\[1\]\.activation: /);
  });

  it('refuses extra keys and a missing payload', async () => {
    const extra = await dispatch('app.info', { sneaky: true }, session);
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    if (!extra.ok) expect(extra.error.message).toContain('sneaky');
    const missing = await dispatch('network.check', undefined, session);
    expect(missing).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    if (!missing.ok) expect(missing.error.message).toMatch(/payload: /);
  });

  it('passes the parsed payload (with defaults) to the handler', async () => {
    const reply = await dispatch('network.check', { network: network('tanh') }, session);
    expect(reply).toEqual({ ok: true, result: { neurons: 2, synapses: 1 } });
  });

  it('turns a UserError into its code and message, and anything else into internal (logged)', async () => {
    expect(await dispatch('project.current', {}, session)).toEqual({ ok: false, error: { code: 'project.none', message: 'No project is open.' } });
    const reply = await dispatch('project.recent', {}, session);
    expect(reply).toEqual({ ok: false, error: { code: 'internal', message: 'Internal error in project.recent: disk on fire' } });
    expect(logged).toEqual(['handler for project.recent failed']);
  });
});

describe('createDispatcher: what a user can cause is a sentence, never internal', () => {
  const logged: string[] = [];
  const dispatch = createDispatcher(
    {
      ...appHandlers,
      // A handler that trips over the file system the way a user can make it (a name too long).
      'project.recent': async () => {
        fs.writeFileSync(join(STATE_DIR, 'n'.repeat(300)), 'x');
        return [];
      },
      'training.resetWeights': async ({ network: net }) => {
        compileNetwork(net as Network);
        return { network: net as Network };
      },
    },
    (m) => logged.push(m),
  );

  it('refuses a network with duplicate ids or a synapse to nowhere before any handler sees it', async () => {
    const base = network('tanh');
    const dup = { ...base, neurons: [...base.neurons, { ...base.neurons[0] }] };
    expect(await dispatch('network.check', { network: dup }, session)).toEqual({ ok: false, error: { code: 'invalid-network', message: 'The network cannot be used: two neurons share the id "a".' } });
    const dangling = { ...base, synapses: [...base.synapses, { id: 't', source: 'a', target: 'ghost', weight: 1 }] };
    expect(await dispatch('network.check', { network: dangling }, session)).toEqual({ ok: false, error: { code: 'invalid-network', message: 'The network cannot be used: synapse "t" goes to neuron "ghost", which does not exist.' } });
  });

  it("turns the engine's refusal of a graph (a cycle) into its sentence", async () => {
    const base = network('tanh');
    const cycle = {
      ...base,
      neurons: [...base.neurons, { id: 'h1', role: 'hidden', label: 'h1', activation: 'tanh', bias: 0, position: { x: 0, y: 0 } }, { id: 'h2', role: 'hidden', label: 'h2', activation: 'tanh', bias: 0, position: { x: 0, y: 0 } }],
      synapses: [...base.synapses, { id: 'c1', source: 'h1', target: 'h2', weight: 1 }, { id: 'c2', source: 'h2', target: 'h1', weight: 1 }],
    };
    expect(await dispatch('training.resetWeights', { network: cycle, seed: 1 }, session)).toEqual({ ok: false, error: { code: 'invalid-network', message: 'The network has a cycle; connections must flow one way.' } });
  });

  it('turns a file system failure into a sentence naming the file, not internal', async () => {
    const reply = await dispatch('project.recent', {}, session);
    expect(reply).toEqual({ ok: false, error: { code: 'file.ENAMETOOLONG', message: `Neurite could not open "${'n'.repeat(60)}…nnnnnnnnnnnn": the name is too long for the file system.` } });
    expect(logged).toEqual([]);
  });
});

describe('formatPath', () => {
  it('writes array indices in brackets and keys with dots', () => {
    expect(formatPath(['network', 'neurons', 0, 'activation'])).toBe('network.neurons[0].activation');
    expect(formatPath([0, 'x'])).toBe('[0].x');
    expect(formatPath([])).toBe('');
  });
});

describe('createSession', () => {
  it('runs close listeners once, and at once when registered after closing', () => {
    const { session: s, close } = createSession({ mode: 'electron', projectsDir: null, stateDir: STATE_DIR, emit: () => {} });
    const calls: string[] = [];
    s.onClose!(() => calls.push('a'));
    close();
    close();
    s.onClose!(() => calls.push('late'));
    expect(calls).toEqual(['a', 'late']);
    expect(s.id).toMatch(/^electron-/);
  });
});
