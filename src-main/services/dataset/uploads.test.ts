import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EventName } from '../../../src-shared/api';
import { numericImport } from './test-requests';
import { appHandlers } from '../app-handlers';
import { createDispatcher } from '../dispatch';
import { projectHandlers } from '../project/handlers';
import { createSession } from '../session';
import { datasetHandlers } from './handlers';
import { uploadsDir } from './uploads';

const dir = mkdtempSync(join(tmpdir(), 'neurite-upl-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function setup(mode: 'browser' | 'electron' = 'browser') {
  const events: { event: EventName; payload: unknown }[] = [];
  const stateDir = mkdtempSync(join(dir, 'state-'));
  const { session, close } = createSession({ mode, projectsDir: mode === 'browser' ? dir : null, stateDir, emit: (event, payload) => events.push({ event, payload }) });
  const dispatch = createDispatcher({ ...appHandlers, ...projectHandlers, ...datasetHandlers }, () => {});
  const call = async (channel: string, payload: unknown) => {
    const reply = await dispatch(channel, payload, session);
    return reply;
  };
  const ok = async <T>(channel: string, payload: unknown): Promise<T> => {
    const reply = await call(channel, payload);
    if (!reply.ok) throw new Error(`${channel}: ${reply.error.code} ${reply.error.message}`);
    return reply.result as T;
  };
  return { call, ok, events, close, session, uploads: () => (existsSync(uploadsDir(session)) ? readdirSync(uploadsDir(session)) : []) };
}

/** Uploads `text` in chunks of `chunk` bytes, as the page does with File.slice. */
async function upload(ok: ReturnType<typeof setup>['ok'], name: string, text: string, chunk: number): Promise<string> {
  const bytes = Buffer.from(text, 'utf8');
  const { uploadId } = await ok<{ uploadId: string }>('dataset.uploadStart', { name, size: bytes.length });
  for (let offset = 0; offset < bytes.length; offset += chunk) {
    const { received } = await ok<{ received: number }>('dataset.uploadChunk', { uploadId, offset, data: bytes.subarray(offset, offset + chunk).toString('base64') });
    expect(received).toBe(Math.min(bytes.length, offset + chunk));
  }
  return uploadId;
}

const numeric = (rows: number) => `a,b\n${Array.from({ length: rows }, (_, i) => `${i},${(i * 3) % 7}`).join('\n')}\n`;

describe('chunked uploads (browser mode)', () => {
  it('a file sent in chunks is byte-identical on disk, previews like a path, and is deleted when the session ends', async () => {
    const { ok, uploads, close, session } = setup();
    const text = `x,y,ü\n${'1,2,é\n'.repeat(3000)}`;
    // An odd chunk size splits multi-byte characters across chunks.
    const uploadId = await upload(ok, 'accents.csv', text, 1001);
    expect(uploads()).toEqual([`${uploadId}.part`]);
    expect(readFileSync(join(uploadsDir(session), `${uploadId}.part`), 'utf8')).toBe(text);
    const preview = await ok<{ file: string; columns: string[]; bytes: number }>('dataset.preview', { file: { upload: uploadId, name: 'accents.csv' }, options: {} });
    expect(preview).toMatchObject({ file: 'accents.csv', columns: ['x', 'y', 'ü'], bytes: Buffer.byteLength(text) });
    close();
    expect(uploads()).toEqual([]);
  });

  it('an import from an upload stores the dataset and deletes the temp file; a refused one keeps it for a retry', async () => {
    const { ok, uploads } = setup();
    await ok('project.new', {});
    const uploadId = await upload(ok, 'bad.csv', 'a,b\n1,2\n3,oops\n5,6\n', 7);
    const refused = await ok<{ status: string; problem: { message: string } }>('dataset.import', numericImport('i1', { upload: uploadId, name: 'bad.csv' }));
    expect(refused.status).toBe('refused');
    expect(refused.problem.message).toContain('"bad.csv"');
    expect(uploads()).toHaveLength(1);
    await ok('dataset.uploadDiscard', { uploadId });
    expect(uploads()).toEqual([]);

    const good = await upload(ok, 'good.csv', numeric(500), 4096);
    const imported = await ok<{ status: string; meta: { rowCount: number } }>('dataset.import', numericImport('i2', { upload: good, name: 'good.csv' }));
    expect(imported).toMatchObject({ status: 'imported', meta: { rowCount: 500 } });
    expect(uploads()).toEqual([]);
    expect(await ok<unknown[]>('dataset.list', {})).toHaveLength(1);
  });

  it('cancelling an import from an upload stores nothing and deletes the temp file', async () => {
    const { ok, call, events, uploads } = setup();
    await ok('project.new', {});
    const uploadId = await upload(ok, 'big.csv', numeric(400_000), 4 * 1024 * 1024);
    const importing = call('dataset.import', numericImport('big', { upload: uploadId, name: 'big.csv' }));
    while (!events.some((e) => e.event === 'dataset.progress')) await new Promise((r) => setTimeout(r, 1));
    await ok('dataset.cancel', { importId: 'big' });
    expect(await importing).toMatchObject({ ok: true, result: { status: 'refused', problem: { code: 'cancelled', message: 'The import of "big.csv" was cancelled; nothing was imported.' } } });
    expect(uploads()).toEqual([]);
    expect(await ok<unknown[]>('dataset.list', {})).toEqual([]);
    expect(await call('dataset.preview', { file: { upload: uploadId, name: 'big.csv' }, options: {} })).toMatchObject({ ok: false, error: { code: 'dataset.noUpload' } });
  });

  it('refuses chunks out of order, past the announced size, and reads of an unfinished upload', async () => {
    const { ok, call } = setup();
    const { uploadId } = await ok<{ uploadId: string }>('dataset.uploadStart', { name: 'x.csv', size: 6 });
    const b64 = (s: string) => Buffer.from(s).toString('base64');
    expect(await call('dataset.uploadChunk', { uploadId, offset: 3, data: b64('abc') })).toMatchObject({ ok: false, error: { code: 'dataset.uploadOrder' } });
    await ok('dataset.uploadChunk', { uploadId, offset: 0, data: b64('a,b') });
    expect(await call('dataset.preview', { file: { upload: uploadId, name: 'x.csv' }, options: {} })).toMatchObject({ ok: false, error: { code: 'dataset.uploadIncomplete' } });
    expect(await call('dataset.uploadChunk', { uploadId, offset: 3, data: b64('\n1,2') })).toMatchObject({ ok: false, error: { code: 'dataset.uploadTooBig' } });
    expect(await call('dataset.uploadChunk', { uploadId: 'up-nope', offset: 0, data: '' })).toMatchObject({ ok: false, error: { code: 'dataset.noUpload' } });
    // Another session cannot read or discard this session's upload.
    const other = setup();
    expect(await other.call('dataset.uploadDiscard', { uploadId })).toEqual({ ok: true, result: { discarded: false } });
    expect(await ok('dataset.uploadDiscard', { uploadId })).toEqual({ discarded: true });
  });

  it('the desktop app refuses uploads (it reads files where they are)', async () => {
    const { call } = setup('electron');
    expect(await call('dataset.uploadStart', { name: 'x.csv', size: 1 })).toMatchObject({ ok: false, error: { code: 'dataset.noUpload' } });
  });
});

describe('the first-launch example is offered once per state dir', () => {
  it('app.info offers it until dataset.welcomeOffered is recorded, and never under NEURITE_NO_EXAMPLE=1', async () => {
    const before = process.env.NEURITE_NO_EXAMPLE;
    delete process.env.NEURITE_NO_EXAMPLE;
    try {
      const a = setup();
      expect(await a.ok('app.info', {})).toMatchObject({ firstLaunchExample: true });
      expect(await a.ok('app.info', {})).toMatchObject({ firstLaunchExample: true });
      await a.ok('dataset.welcomeOffered', {});
      expect(await a.ok('app.info', {})).toMatchObject({ firstLaunchExample: false });
      // A new session (a reload) on the same state dir is no longer a first launch.
      const { session: reload } = createSession({ mode: 'browser', projectsDir: dir, stateDir: a.session.stateDir, emit: () => {} });
      const dispatch = createDispatcher({ ...appHandlers }, () => {});
      expect(await dispatch('app.info', {}, reload)).toMatchObject({ ok: true, result: { firstLaunchExample: false } });
      process.env.NEURITE_NO_EXAMPLE = '1';
      expect(await setup().ok('app.info', {})).toMatchObject({ firstLaunchExample: false });
    } finally {
      if (before === undefined) delete process.env.NEURITE_NO_EXAMPLE;
      else process.env.NEURITE_NO_EXAMPLE = before;
    }
  });
});
