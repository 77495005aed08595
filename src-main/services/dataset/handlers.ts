/**
 * The dataset channels: preview and import a CSV (streamed in main, progress pushed as
 * 'dataset.progress', cancellable), built-in examples, and the data view's summary and pages.
 * An import is stored in the project's working database only after it fully succeeds, so a
 * failed or cancelled import leaves the project unchanged.
 */
import { LIMITS } from '../../../src-shared/model/limits';
import path from 'node:path';
import type { ResponseOf } from '../../../src-shared/api';
import { bindNetworkToDataset } from '../../../src-shared/data/bind';
import { distinctName } from '../../../src-shared/data/dataset-name';
import { seededRng } from '../../../src-shared/engine/rng';
import { insertHiddenLayers } from '../../../src-shared/model/insert-layer';
import type { Network } from '../../../src-shared/model/network';
import type { datasetRequests, DatasetFile, HiddenLayers } from '../../../src-shared/data/contract';
import { decodedColumnNames, decodeRow } from '../../../src-shared/data/decode';
import { DatasetError, datasetErrors } from '../../../src-shared/data/errors';
import { freshId, randomId, takenIds } from '../../../src-shared/model/ids';
import { makeExample } from '../../../src-shared/data/examples';
import { negativeOutputExample } from '../../../src-shared/walkthrough/negative-output';
import { defaultColumnConfigs, withClassNames } from '../../../src-shared/data/infer';
import type { PayloadOf } from '../dispatch';
import { markUnsaved, workingDatabase } from '../project/service';
import { resolveInside } from './paths';
import type { Session } from '../session';
import { sessionRegistry } from '../session-registry';
import { UserError } from '../user-error';
import { loadIrisExample } from './examples';
import { importCsv, previewCsv, type CsvPreview } from './reader';
import { fileSource, type ByteSource } from './source';
import { projectDataset } from './project-dataset';
import { listDatasets, loadDatasetMeta, saveDataset } from './store';
import { appendChunk, discardUpload, startUpload, uploadedFile } from './uploads';
import { markWelcomeExampleOffered } from './welcome';
import { rememberedImport, rememberImport } from './remembered';

type DatasetChannel = keyof typeof datasetRequests;

/** Imports in flight, per session, by the renderer's import id. */
// A closed window or dropped connection cancels its imports.
const running = sessionRegistry<AbortController>((c) => c.abort());

function sourceOf(session: Session, file: DatasetFile): ByteSource {
  // Messages name the file the user chose, not the temp file of an upload.
  if ('upload' in file) {
    const up = uploadedFile(session, file.upload);
    return fileSource(up.file, { noFollow: true, name: up.name });
  }
  const abs = resolveInside(session, file.path);
  try {
    return fileSource(abs, { noFollow: session.mode === 'browser' });
  } catch (e) {
    if (e instanceof UserError && e.code !== 'file.ENOENT') throw e;
    if (e instanceof UserError) throw new UserError('dataset.io', `"${path.basename(abs)}" cannot be read: there is no such file.`);
    throw e;
  }
}

/** Runs `fn`, turning a DatasetError into a UserError the renderer shows (code `dataset.<code>`). */
async function userFacing<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof DatasetError) throw new UserError(`dataset.${e.code}`, e.message);
    throw e;
  }
}

/** The network bound to a dataset, with hidden layers inserted between its inputs and outputs when asked (weights seeded, like binding's). */
export function bindWithHidden(network: Network, meta: Parameters<typeof bindNetworkToDataset>[1], hidden: HiddenLayers | null | undefined, seed = 1): Network {
  const bound = bindNetworkToDataset(network, meta, { seed });
  if (!hidden) return bound;
  const taken = takenIds(bound);
  return insertHiddenLayers(bound, hidden.sizes, hidden.activation, (prefix) => freshId(prefix, taken), seededRng(seed ^ 0x1a7e4));
}

/** The starting configuration of every column for a preview: the inferred defaults, with a metadata line's class names on the class target. */
export function guessedConfigs(preview: Pick<CsvPreview, 'inferred' | 'classNames' | 'rows'>) {
  return withClassNames(defaultColumnConfigs(preview.inferred), preview.inferred, preview.classNames, preview.rows);
}

/** A dataset id: random, so no two projects (or imports) share one. */
function newId(): string {
  return randomId('ds-');
}

/** The handlers of the dataset channels: payloads arrive already validated against src-shared/api.ts. */
export const datasetHandlers: { [C in DatasetChannel]: (payload: PayloadOf<C>, session: Session) => Promise<ResponseOf<C>> } = {
  'dataset.pickFile': async (_p, session) => {
    if (!session.pickPath) throw new UserError('dataset.noDialog', 'There is no native file dialog here; upload the CSV from the page instead.');
    return { path: await session.pickPath('csv') };
  },
  'dataset.preview': async ({ file, options, detect }, session) =>
    userFacing(async () => {
      const source = sourceOf(session, file);
      const remembered = rememberedImport(session.stateDir, source.name);
      // A file imported before opens with the settings that worked; otherwise the layout is guessed.
      const preview = detect && remembered ? await previewCsv(source, remembered.options) : await previewCsv(source, options, {}, !!detect);
      return { ...preview, defaults: guessedConfigs(preview), remembered };
    }),

  'dataset.import': async ({ importId, file, name, options, columns, split, network, hidden }, session) => {
    const db = workingDatabase(session); // refuse before reading when no project is open
    const mine = running.of(session);
    if (mine.has(importId)) throw new UserError('dataset.busy', 'An import with this id is already running.');
    const controller = new AbortController();
    mine.set(importId, controller);
    let last = 0;
    try {
      const source = sourceOf(session, file);
      const taken = listDatasets(db).map((d) => d.name);
      const dataset = await importCsv(
        source,
        { id: newId(), name: distinctName(name || source.name.replace(/\.[^.]+$/, ''), taken), options, columns, split },
        {
          signal: controller.signal,
          onProgress: (bytesRead, totalBytes) => {
            const now = Date.now();
            if (now - last < 100 && bytesRead < totalBytes) return;
            last = now;
            session.emit('dataset.progress', { importId, bytesRead, totalBytes });
          },
        },
      );
      if (controller.signal.aborted) throw datasetErrors.cancelled(dataset.meta.source.kind === 'csv' ? dataset.meta.source.file : dataset.meta.name);
      saveDataset(db, dataset);
      markUnsaved(session);
      // The upload is in the project now; its temp file has served its purpose.
      if ('upload' in file) discardUpload(session, file.upload);
      rememberImport(session.stateDir, source.name, { options, columns, split, hidden: hidden ?? null });
      return { status: 'imported' as const, meta: dataset.meta, network: bindWithHidden(network, dataset.meta, hidden) };
    } catch (e) {
      if (!(e instanceof DatasetError)) throw e;
      // Cancel leaves nothing behind, not even the upload; a refused file stays so the user can fix the settings and retry.
      if (e.code === 'cancelled' && 'upload' in file) discardUpload(session, file.upload);
      const { line, column, columnName, value } = e.place;
      return { status: 'refused' as const, problem: { code: e.code, message: e.message, line, column, columnName, value, fixes: e.fixes } };
    } finally {
      mine.delete(importId);
    }
  },

  'dataset.uploadStart': async ({ name, size }, session) => startUpload(session, name, size),
  'dataset.uploadChunk': async ({ uploadId, offset, data }, session) => appendChunk(session, uploadId, offset, data),
  'dataset.uploadDiscard': async ({ uploadId }, session) => ({ discarded: discardUpload(session, uploadId) }),
  'dataset.welcomeOffered': async (_p, session) => {
    markWelcomeExampleOffered(session.stateDir);
    return {};
  },

  'dataset.cancel': async ({ importId }, session) => {
    const c = running.get(session, importId);
    c?.abort();
    return { cancelled: !!c };
  },

  'dataset.list': async (_p, session) => listDatasets(workingDatabase(session)),

  'dataset.summary': async ({ id }, session) => {
    const meta = loadDatasetMeta(workingDatabase(session), id);
    if (!meta) throw new UserError('dataset.notFound', `There is no dataset "${id}" in this project.`);
    return meta;
  },

  'dataset.page': async ({ id, offset, limit, split }, session) => {
    const d = projectDataset(session, id);
    const rows: { index: number; split: number; cells: (number | string | null)[] }[] = [];
    const columns = decodedColumnNames(d.meta);
    // A page of a very wide dataset has fewer rows, so no reply outgrows what a client can take.
    const most = Math.min(limit, Math.max(1, Math.floor(LIMITS.replyValues / Math.max(1, columns.length))));
    let seen = 0;
    for (let i = 0; i < d.meta.rowCount && rows.length < most; i++) {
      if (split !== undefined && d.split[i] !== split) continue;
      if (seen++ < offset) continue;
      rows.push({ index: i, split: d.split[i], cells: decodeRow(d.meta, d.x, d.y, i) });
    }
    let total = d.meta.rowCount;
    if (split !== undefined) total = d.meta.split.counts[split];
    return { total, columns, rows };
  },

  'dataset.example': async ({ kind, ...options }, session) => {
    const db = workingDatabase(session);
    const example = kind === 'iris' ? await loadIrisExample(options.seed) : kind === 'negative-output' ? negativeOutputExample(options.seed) : makeExample(kind, options);
    saveDataset(db, example.dataset);
    markUnsaved(session);
    return { meta: example.dataset.meta, network: example.network };
  },
};
