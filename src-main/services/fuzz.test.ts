/**
 * A seeded fuzz of every request channel of the contract, against the real services: at least
 * 50 payloads each (random values, mutations of a valid payload, and structurally broken
 * networks that pass the schema), through the dispatcher in process, then a smaller sample of
 * JSON payloads through the real WebSocket server. No reply may be `internal`, none may take
 * more than 10 s, and the process keeps answering.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { requests, type Channel, type Reply } from '../../src-shared/api';
import type { Network } from '../../src-shared/model/network';
import { handshakeProtocols } from '../server/auth';
import { startServer, type RunningServer } from '../server/http-server';
import { createDispatcher } from './dispatch';
import { payloadsFor } from './fuzz-payloads';
import { handlers } from './handlers';
import { closeSession } from './project/service';
import { removeTempDirs, tempDir } from './project/test-helpers';
import { createSession, type Session } from './session';

const PER_CHANNEL = 50;
const REPLY_LIMIT_MS = 10_000;

const projects = tempDir('neurite-fuzz-');
const internals: string[] = [];
const dispatch = createDispatcher(handlers, (m, e) => internals.push(`${m}: ${e instanceof Error ? e.stack : String(e)}`));
const { session, close } = createSession({ mode: 'browser', projectsDir: projects, stateDir: path.join(projects, '.state'), emit: () => {} });

let fixture: { datasetId: string; network: Network; runId: string; uploadId: string };

async function call(channel: string, payload: unknown, s: Session = session): Promise<Reply> {
  return Promise.race([dispatch(channel, payload, s), new Promise<Reply>((r) => setTimeout(() => r({ ok: false, error: { code: 'timeout', message: '' } }), REPLY_LIMIT_MS))]);
}

async function must<T>(channel: string, payload: unknown): Promise<T> {
  const r = await call(channel, payload);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  return r.result as T;
}

/** A valid payload for every channel (the Record type makes a new channel fail to compile until it is listed here). */
function validPayloads(): Record<Channel, unknown> {
  const { datasetId, network, runId, uploadId } = fixture;
  const csvColumns = [
    { name: 'a', type: 'numeric', role: 'feature', encoding: 'none', missing: 'drop' },
    { name: 'b', type: 'numeric', role: 'target', encoding: 'regression', missing: 'drop' },
  ];
  return {
    'app.info': {},
    'app.startupPath': {},
    'app.closeWindow': {},
    'app.getPrefs': {},
    'app.setPrefs': { prefs: '{"theme":"dark"}' },
    'network.check': { network },
    'project.new': {},
    'project.open': { path: 'fixture.neurite' },
    'project.current': {},
    'project.save': { network, path: 'saved.neurite' },
    'project.close': {},
    'project.recent': {},
    'project.list': {},
    'project.pickPath': { mode: 'save', suggestedName: 'x' },
    'project.journal': { network },
    'project.recovery': {},
    'project.recover': { id: '00000000-0000-4000-8000-000000000000' },
    'project.discardRecovery': { id: '00000000-0000-4000-8000-000000000000' },
    'dataset.preview': { file: { path: 'data.csv' }, options: {} },
    'dataset.import': { importId: 'imp', file: { path: 'data.csv' }, options: {}, columns: csvColumns, split: { train: 80, val: 20, test: 0, seed: 1 }, network },
    'dataset.pickFile': {},
    'dataset.uploadStart': { name: 'up.csv', size: 8 },
    'dataset.uploadChunk': { uploadId, offset: 0, data: Buffer.from('a,b\n1,2\n').toString('base64') },
    'dataset.uploadDiscard': { uploadId },
    'dataset.welcomeOffered': {},
    'dataset.cancel': { importId: 'imp' },
    'dataset.list': {},
    'dataset.summary': { id: datasetId },
    'dataset.page': { id: datasetId, offset: 0, limit: 10 },
    'dataset.example': { kind: 'xor', size: 40, seed: 2 },
    'overlay.network': { network },
    'overlay.forward': { network, inputs: network.neurons.filter((n) => n.role === 'input').map(() => 0.5) },
    'overlay.datasetStats': { network, datasetId, split: 'train' },
    'overlay.datasetRow': { network, datasetId, split: 'train', position: 0 },
    'training.start': { datasetId, network, config: { epochs: 2, batchSize: 16 } },
    'training.tempo': { runId, tempo: 5 },
    'training.sweepStart': { datasetId, network, config: { epochs: 1 }, spec: { lrs: [0.01], seeds: [1] } },
    'training.sweepStop': { sweepId: 'sweep-1' },
    'training.snapshots': { runId },
    'training.snapshot': { runId, epoch: 0, step: 0 },
    'training.pause': { runId },
    'training.resume': { runId },
    'training.stop': { runId },
    'training.step': { runId, unit: 'batch' },
    'training.resetWeights': { network, seed: 3 },
    'training.runs': {},
    'training.run': { runId },
    'training.loadWeights': { runId, which: 'final' },
    'training.continue': { runId, epochs: 1 },
    'training.predictions': { datasetId, network, split: 'train', offset: 0, limit: 20 },
    'training.boundary': { datasetId, network, xFeature: 0, yFeature: 1, resolution: 8 },
    'export.onnx': { network, datasetId, name: 'net.onnx' },
    'export.pytorch': { network, datasetId, name: 'torch-folder' },
    'export.networkJson': { network, name: 'net.json' },
    'export.importWeights': { network, datasetId, fileName: 'w.json', text: '{}' },
  };
}

/** Stops whatever a payload may have started (training runs, continued runs), so runs never pile up. */
async function stopEverything(): Promise<void> {
  const runs = await call('training.runs', {});
  if (!runs.ok) return;
  for (const r of (runs.result as { runs: { id: string; status: string }[] }).runs) if (r.status === 'running') await call('training.stop', { runId: r.id });
}

beforeAll(async () => {
  fs.writeFileSync(path.join(projects, 'data.csv'), 'a,b\n1,2\n2,4\n3,6\n4,8\n5,10\n6,12\n');
  await must('project.new', {});
  const ex = await must<{ meta: { id: string }; network: Network }>('dataset.example', { kind: 'circles', size: 60, seed: 1 });
  const started = await must<{ runId: string }>('training.start', { datasetId: ex.meta.id, network: ex.network, config: { epochs: 2, batchSize: 16 } });
  for (let i = 0; i < 100; i++) {
    const runs = await must<{ runs: { id: string; status: string }[] }>('training.runs', {});
    if (runs.runs.find((r) => r.id === started.runId)?.status !== 'running') break;
    await new Promise((r) => setTimeout(r, 100));
  }
  await must('project.save', { network: ex.network, path: 'fixture.neurite' });
  const up = await must<{ uploadId: string }>('dataset.uploadStart', { name: 'up.csv', size: 8 });
  fixture = { datasetId: ex.meta.id, network: ex.network, runId: started.runId, uploadId: up.uploadId };
}, 60_000);

afterAll(() => {
  closeSession(session);
  close();
  removeTempDirs();
});

const channels = Object.keys(requests) as Channel[];

describe('every request channel under fuzzing (in process, seeded)', () => {
  it('lists a valid payload for every channel, and each is answered without internal', async () => {
    const valid = validPayloads();
    expect(Object.keys(valid).sort()).toEqual([...channels].sort());
  });

  it.each(channels.map((c, i) => [c, i] as const))('%s: at least 50 hostile payloads, no internal reply, each within 10 s', async (channel, index) => {
    internals.length = 0;
    // Each channel starts from the saved fixture, so an earlier close or new does not hide deeper code paths.
    await must('project.open', { path: 'fixture.neurite' });
    const payloads = payloadsFor(validPayloads()[channel], 1000 + index, PER_CHANNEL, false);
    expect(payloads.length).toBeGreaterThanOrEqual(PER_CHANNEL);
    const bad: string[] = [];
    for (const { kind, payload } of payloads) {
      const t0 = Date.now();
      const reply = await call(channel, payload);
      const ms = Date.now() - t0;
      if (ms > REPLY_LIMIT_MS || (!reply.ok && (reply.error.code === 'internal' || reply.error.code === 'timeout'))) {
        bad.push(`${kind} (${ms} ms): ${reply.ok ? 'ok' : `${reply.error.code} ${reply.error.message}`} ← ${JSON.stringify(payload)?.slice(0, 300)}`);
      }
      if (reply.ok && (channel === 'training.start' || channel === 'training.continue' || channel === 'training.resume' || channel === 'training.step')) await stopEverything();
    }
    await stopEverything();
    expect(bad, bad.join('\n')).toEqual([]);
    expect(internals, internals.join('\n')).toEqual([]);
  }, 120_000);
});

describe('a sample through the real WebSocket server', () => {
  let server: RunningServer;
  beforeAll(async () => {
    const dir = tempDir('neurite-fuzz-ws-');
    fs.copyFileSync(path.join(projects, 'fixture.neurite'), path.join(dir, 'fixture.neurite'));
    server = await startServer({ rendererDir: dir, projectsDir: dir, log: (m, e) => internals.push(`${m}: ${String(e)}`) });
  });
  afterAll(() => server.close());

  it('10 JSON payloads per channel (random, mutated, broken networks) are all answered, none internal; a second client is answered throughout', async () => {
    const connect = () =>
      new Promise<WebSocket>((resolve, reject) => {
        const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws`, handshakeProtocols(server.token));
        ws.once('open', () => resolve(ws));
        ws.once('error', reject);
      });
    const [ws, watcher] = await Promise.all([connect(), connect()]);
    const waiting = new Map<number, (r: Reply) => void>();
    const onReply = (socket: WebSocket) => socket.on('message', (d) => {
      const msg = JSON.parse(d.toString()) as { id?: number } & Reply;
      if (typeof msg.id === 'number') waiting.get(msg.id)?.(msg);
    });
    onReply(ws);
    onReply(watcher);
    let next = 1;
    const ask = (socket: WebSocket, channel: string, payload: unknown) =>
      new Promise<Reply>((resolve) => {
        const id = next++;
        const timer = setTimeout(() => resolve({ ok: false, error: { code: 'timeout', message: '' } }), REPLY_LIMIT_MS);
        waiting.set(id, (r) => {
          clearTimeout(timer);
          resolve(r);
        });
        socket.send(JSON.stringify({ id, channel, payload }));
      });
    const bad: string[] = [];
    let answered = 0;
    for (const [index, channel] of channels.entries()) {
      await ask(ws, 'project.open', { path: 'fixture.neurite' });
      const sample = payloadsFor(validPayloads()[channel], 5000 + index, 10, true).slice(0, 10);
      for (const { kind, payload } of sample) {
        const reply = await ask(ws, channel, payload);
        answered++;
        if (!reply.ok && (reply.error.code === 'internal' || reply.error.code === 'timeout')) bad.push(`${channel} ${kind}: ${reply.error.code} ${reply.error.message}`);
        if (reply.ok && channel.startsWith('training.')) {
          const runs = await ask(ws, 'training.runs', {});
          if (runs.ok) for (const r of (runs.result as { runs: { id: string; status: string }[] }).runs) if (r.status === 'running') await ask(ws, 'training.stop', { runId: r.id });
        }
      }
      expect(await ask(watcher, 'app.info', {}), channel).toMatchObject({ ok: true });
    }
    ws.close();
    watcher.close();
    expect(answered).toBeGreaterThanOrEqual(channels.length * 10);
    expect(bad, bad.join('\n')).toEqual([]);
    expect(internals, internals.join('\n')).toEqual([]);
  }, 300_000);
});
