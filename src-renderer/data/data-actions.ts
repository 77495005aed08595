/**
 * The renderer's dataset actions: which dataset dialog is open (import wizard, data view,
 * examples), picking or receiving a CSV, and applying an import or an example to the editor.
 */
import { create } from 'zustand';
import type { DatasetFile } from '../../src-shared/data/contract';
import type { DatasetMeta } from '../../src-shared/data/schema';
import type { Network } from '../../src-shared/model/network';
import { api, pathForDroppedFile, runMode } from '../api';
import { confirmDiscard, newProjectSnapshot } from '../project/project-actions';
import { useEditorStore } from '../state/editor-store';
import { useUiStore } from '../state/ui-store';
import { refreshDatasets } from '../training/training-actions';
import { UploadCancelled, uploadFile } from './upload';

/** The open dataset dialog, if any (`upload`: browser mode sending a chosen file to main before the wizard opens). */
export type DataDialog =
  | { kind: 'import'; file: DatasetFile }
  | { kind: 'upload'; name: string; sent: number; total: number; cancel: () => void }
  | { kind: 'view' }
  | { kind: 'examples' }
  | null;

/** Which dataset dialog is open. */
export const useDataStore = create<{ dialog: DataDialog }>(() => ({ dialog: null }));

/** Opens the import wizard for a file the user chose or dropped: its path where main can read it, else after a chunked upload to main. */
export async function importFile(file: File): Promise<void> {
  const path = pathForDroppedFile(file);
  if (path) {
    useDataStore.setState({ dialog: { kind: 'import', file: { path } } });
    return;
  }
  const controller = new AbortController();
  const cancel = () => {
    controller.abort();
    useDataStore.setState({ dialog: null });
  };
  useDataStore.setState({ dialog: { kind: 'upload', name: file.name, sent: 0, total: file.size, cancel } });
  try {
    const upload = await uploadFile(
      file,
      (sent, total) => {
        if (!controller.signal.aborted) useDataStore.setState({ dialog: { kind: 'upload', name: file.name, sent, total, cancel } });
      },
      controller.signal,
    );
    useDataStore.setState({ dialog: { kind: 'import', file: { upload, name: file.name } } });
  } catch (e) {
    if (e instanceof UploadCancelled) return;
    useDataStore.setState({ dialog: null });
    useUiStore.getState().toast(e instanceof Error ? e.message : String(e), 'error');
  }
}

/** File › Import CSV…: main's native open dialog in the desktop app; an upload picker in a browser. */
export async function pickCsv(): Promise<void> {
  if (runMode === 'electron') {
    try {
      const { path } = await api.request('dataset.pickFile', {});
      if (path) useDataStore.setState({ dialog: { kind: 'import', file: { path } } });
    } catch (e) {
      useUiStore.getState().toast(e instanceof Error ? e.message : String(e), 'error');
    }
    return;
  }
  // Straight from the menu click: a browser shows a file chooser only during a user gesture.
  const input = document.createElement('input');
  input.type = 'file';
  input.accept = '.csv,.tsv,.txt,text/csv';
  input.dataset.testid = 'csv-file-input';
  input.style.display = 'none';
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    input.remove();
    if (file) void importFile(file);
  });
  document.body.append(input);
  input.click();
}

function describe(meta: DatasetMeta): string {
  const classes = meta.outputs.length;
  return `${meta.name}: ${meta.rowCount} rows, ${meta.features.length} input neuron${meta.features.length === 1 ? '' : 's'}, ${classes} output${classes === 1 ? '' : 's'}`;
}

/** Replaces the network with the one bound to a dataset, as one undoable edit. */
export function applyBoundNetwork(meta: DatasetMeta, network: Network, verb: string): void {
  useEditorStore.getState().commit(() => network);
  // Training and heatmaps use the dataset just imported, even when the network kept its shape.
  void refreshDatasets(meta.id);
  useUiStore.getState().toast(`${verb} ${describe(meta)}.`);
}

/**
 * New from Example: asks about unsaved edits, starts a new project, stores the example and loads
 * its starter network as the project's starting point: the example is a fresh project, so undo
 * stops there instead of reaching an empty canvas with the example's dataset left in the project.
 */
export async function newFromExample(request: { kind: 'xor' | 'circles' | 'spirals' | 'blobs' | 'surface' | 'iris' | 'negative-output'; size?: number; noise?: number }): Promise<boolean> {
  if (!(await confirmDiscard())) return false;
  try {
    await newProjectSnapshot();
    const reply = await api.request('dataset.example', request);
    useEditorStore.getState().load(reply.network);
    useUiStore.getState().toast(`Opened example ${describe(reply.meta)}.`);
    return true;
  } catch (e) {
    useUiStore.getState().toast(e instanceof Error ? e.message : String(e), 'error');
    return false;
  }
}
