import { afterAll, describe, expect, it } from 'vitest';
import type { EventName } from '../../../src-shared/api';
import { makeExample } from '../../../src-shared/data/examples';
import type { Network } from '../../../src-shared/model/network';
import { createDispatcher } from '../dispatch';
import { createSession } from '../session';
import { projectHandlers } from '../project/handlers';
import { workingDatabase } from '../project/service';
import { removeTempDirs, tempDir } from '../project/test-helpers';
import { saveDataset } from '../dataset/store';
import { trainingHandlers } from './handlers';

afterAll(removeTempDirs);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function setup() {
  const events: { event: EventName; payload: Record<string, unknown> }[] = [];
  const { session, close } = createSession({ mode: 'electron', projectsDir: null, stateDir: tempDir('neurite-train-state-'), emit: (event, payload) => events.push({ event, payload: payload as Record<string, unknown> }) });
  const dispatch = createDispatcher({ ...projectHandlers, ...trainingHandlers }, () => {});
  const call = async <T>(channel: string, payload: unknown): Promise<T> => {
    const r = await dispatch(channel, payload, session);
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
    return r.result as T;
  };
  const waitFor = async (event: EventName, runId: string) => {
    for (let i = 0; i < 2000; i++) {
      const e = events.find((x) => x.event === event && x.payload.runId === runId);
      if (e) return e.payload;
      await sleep(10);
    }
    throw new Error(`no ${event}`);
  };
  return { session, close, call, events, waitFor, dispatch };
}

describe('training channels through the dispatcher', () => {
  it('start → events → runs/run/loadWeights → continue', async () => {
    const { session, close, call, events, waitFor } = setup();
    try {
      await call('project.new', {});
      const ex = makeExample('xor', { seed: 2 });
      saveDataset(workingDatabase(session), ex.dataset);
      const { runId, loss } = await call<{ runId: string; loss: string }>('training.start', { datasetId: ex.dataset.meta.id, network: ex.network, config: { epochs: 40 } });
      expect(loss).toBe('bce');
      const done = await waitFor('training.done', runId);
      expect(done.reason).toBe('completed');
      const epochEvents = events.filter((e) => e.event === 'training.epoch');
      expect(epochEvents.map((e) => e.payload.epoch)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
      const progress = events.filter((e) => e.event === 'training.progress');
      const lastW = (progress[progress.length - 1].payload.weights as { synapseWeights: number[] }).synapseWeights;
      expect(lastW).toHaveLength(ex.network.synapses.length);

      const { runs } = await call<{ runs: { id: string; status: string; epochs: number; config: { dale: boolean } }[] }>('training.runs', {});
      expect(runs).toEqual([expect.objectContaining({ id: runId, status: 'completed', epochs: 40 })]);
      // Dale's constraint is asked for by default but no neuron is marked E or I: the run says it was off.
      expect(runs[0].config.dale).toBe(false);
      const { history } = await call<{ history: Record<string, [number, number][]> }>('training.run', { runId });
      expect(history['val.loss']).toHaveLength(40);
      const { network } = await call<{ network: Network }>('training.loadWeights', { runId, which: 'final' });
      // The loaded weights are the ones the done event carried, synapse by synapse.
      expect(network.synapses.map((s) => s.weight)).toEqual((done.weights as { synapseWeights: number[] }).synapseWeights);

      await call('training.continue', { runId, epochs: 5 });
      await sleep(50);
      const again = events.filter((e) => e.event === 'training.done' && e.payload.runId === runId);
      for (let i = 0; i < 500 && again.length < 2; i++) {
        await sleep(10);
        again.splice(0, again.length, ...events.filter((e) => e.event === 'training.done' && e.payload.runId === runId));
      }
      expect(again).toHaveLength(2);
      const after = await call<{ history: Record<string, [number, number][]> }>('training.run', { runId });
      expect(after.history['train.loss']).toHaveLength(45);
    } finally {
      close();
    }
  }, 30_000);

  it('rejects a network that does not fit the dataset and an unknown run with clear errors', async () => {
    const { session, close, dispatch } = setup();
    try {
      await dispatch('project.new', {}, session);
      const ex = makeExample('xor', { seed: 2 });
      const blobs = makeExample('blobs', { seed: 2, classes: 3 });
      saveDataset(workingDatabase(session), ex.dataset);
      const bad = await dispatch('training.start', { datasetId: ex.dataset.meta.id, network: blobs.network, config: {} }, session);
      expect(bad).toMatchObject({ ok: false, error: { code: 'bad-training' } });
      if (!bad.ok) expect(bad.error.message).toMatch(/has 1 target column but the network has 3 output neurons\./);
      expect(await dispatch('training.pause', { runId: 'nope' }, session)).toMatchObject({ ok: false, error: { code: 'no-run' } });
    } finally {
      close();
    }
  });

  it('resetWeights reinitialises from the seed; forward matches the engine', async () => {
    const { close, call } = setup();
    try {
      const ex = makeExample('xor', { seed: 2 });
      const a = await call<{ network: Network }>('training.resetWeights', { network: ex.network, seed: 7 });
      const b = await call<{ network: Network }>('training.resetWeights', { network: ex.network, seed: 7 });
      const c = await call<{ network: Network }>('training.resetWeights', { network: ex.network, seed: 8 });
      expect(a.network.synapses.map((s) => s.weight)).toEqual(b.network.synapses.map((s) => s.weight));
      expect(a.network.synapses.map((s) => s.weight)).not.toEqual(c.network.synapses.map((s) => s.weight));
    } finally {
      close();
    }
  });
});
