/**
 * File › Export and Import: ONNX, the PyTorch folder, network JSON (file and clipboard), and weights trained
 * elsewhere back as a run. The desktop app names the target in a native dialog; browser mode asks in the page
 * and writes into the projects folder.
 */
import { create } from 'zustand';
import { runMode, api } from '../api';
import { useProjectStore } from '../state/project-store';
import { useEditorStore } from '../state/editor-store';
import { networkFromText, networkToText } from '../state/network-edits';
import { useUiStore } from '../state/ui-store';
import { refreshRuns, runLabel } from '../training/training-actions';
import { useTrainingStore } from '../state/training-store';

/** What can be exported. */
export type ExportKind = 'onnx' | 'pytorch' | 'json';

/** The export waiting for a name in the page (browser mode), if any. */
export const useExportStore = create<{ pending: { kind: ExportKind; name: string } | null }>(() => ({ pending: null }));

const SUFFIX: Record<ExportKind, string> = { onnx: '.onnx', pytorch: '-pytorch', json: '.network.json' };
const WHAT: Record<ExportKind, string> = { onnx: 'ONNX model', pytorch: 'PyTorch folder', json: 'network JSON' };

const fail = (e: unknown) => useUiStore.getState().toast(e instanceof Error ? e.message : String(e), 'error');
const baseName = () => (useProjectStore.getState().info?.name ?? 'network').replace(/\.neurite$/, '');

/** Starts an export: straight to the native dialog in the desktop app, via the name dialog in a browser. */
export async function startExport(kind: ExportKind): Promise<void> {
  if ((kind === 'pytorch' || kind === 'onnx') && !useEditorStore.getState().network.neurons.length) return fail('There is no network to export yet.');
  if (kind === 'pytorch' && !useTrainingStore.getState().datasetId) return fail('The PyTorch export carries the dataset: import a CSV or open an example first.');
  const name = `${baseName()}${SUFFIX[kind]}`;
  if (runMode === 'electron') await runExport(kind, name);
  else useExportStore.setState({ pending: { kind, name } });
}

/** Writes the export under a name; true when written (or cancelled in the native dialog). */
export async function runExport(kind: ExportKind, name: string): Promise<boolean> {
  const network = useEditorStore.getState().network;
  const datasetId = useTrainingStore.getState().datasetId;
  try {
    const { path } =
      kind === 'onnx'
        ? await api.request('export.onnx', { network, datasetId, name })
        : kind === 'pytorch'
          ? await api.request('export.pytorch', { network, datasetId: datasetId ?? '', name })
          : await api.request('export.networkJson', { network, name });
    if (path) useUiStore.getState().toast(`Exported the ${WHAT[kind]} to ${path}.`);
    return true;
  } catch (e) {
    fail(e);
    return false;
  }
}

/** Copies the whole network as JSON (paste it into another project, a chat or a repository). */
export async function copyNetworkJson(): Promise<void> {
  const text = networkToText(useEditorStore.getState().network);
  useEditorStore.getState().setClipboard(text);
  await globalThis.navigator?.clipboard?.writeText(text).catch(() => undefined);
  useUiStore.getState().toast('Copied the network as JSON.');
}

/** Asks for a file in the page's own picker and hands its text on. */
function pickText(accept: string, testId: string, then: (text: string, name: string) => Promise<void> | void): void {
  const input = document.createElement('input');
  input.type = 'file';
  input.accept = accept;
  input.dataset.testid = testId;
  input.style.display = 'none';
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    input.remove();
    if (file) void file.text().then((t) => then(t, file.name), fail);
  });
  document.body.append(input);
  input.click();
}

/** Import › Network JSON: replaces the canvas network (one undo step); a file that is not a network changes nothing. */
export function importNetworkJson(): void {
  pickText('.json,application/json', 'json-file-input', (text, name) => {
    const doc = networkFromText(text);
    if (!doc) return fail(`${name} is not a Neurite network (JSON of a network document was expected).`);
    useEditorStore.getState().commit(() => doc);
    useUiStore.getState().toast(`Imported ${name}: ${doc.neurons.length} neurons, ${doc.synapses.length} synapses.`);
  });
}

/** Import › Weights: a weights file from the PyTorch export becomes a new run and goes on the canvas (one undo step). */
export function importWeights(): void {
  pickText('.json,application/json', 'weights-file-input', async (text, fileName) => {
    try {
      const { runId, network } = await api.request('export.importWeights', { network: useEditorStore.getState().network, datasetId: useTrainingStore.getState().datasetId, fileName, text });
      useEditorStore.getState().commit(() => network);
      await refreshRuns();
      useUiStore.getState().toast(`Imported ${fileName} as run ${runLabel(runId)}; its weights are on the canvas.`);
    } catch (e) {
      fail(e);
    }
  });
}
