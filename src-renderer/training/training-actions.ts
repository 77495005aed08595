/**
 * What the training panel does: start, pause, resume, stop, step and continue runs in main's worker,
 * relay live weights onto the canvas (no undo entries while the run lasts, one when it ends), and
 * load run history. The structure stays locked from start to done/error.
 */
import { useEffect } from 'react';
import type { EventOf } from '../../src-shared/api';
import type { Network } from '../../src-shared/model/network';
import type { RunSummary } from '../../src-shared/training/contract';
import { api } from '../api';
import { useProjectStore } from '../state/project-store';
import { useEditorStore } from '../state/editor-store';
import { withWeights } from '../state/network-edits';
import { useUiStore } from '../state/ui-store';
import type { Tempo } from '../../src-shared/training/tempo';
import { dropReplay, leaveReplay, loadReplay } from './replay-actions';
import { appendEpochs, scoreOfLoss, useTrainingStore, type LiveRun } from '../state/training-store';

/** Shown when an edit is refused during a run. */
export const LOCK_MESSAGE = 'Training is running: stop it (Shift+F5) to change the network.';

/** The canvas document when the live run started: its end becomes one undo step from here. */
let before: Network | null = null;

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));
const fail = (e: unknown) => useUiStore.getState().toast(messageOf(e), 'error');

/** Reloads the project's datasets and chooses `prefer` (a dataset just imported), else keeps the chosen one if it still exists, else the newest. */
export async function refreshDatasets(prefer?: string): Promise<void> {
  try {
    const list = await api.request('dataset.list', {});
    const current = prefer ?? useTrainingStore.getState().datasetId;
    const datasetId = list.some((d) => d.id === current) ? current : (list.at(-1)?.id ?? null);
    useTrainingStore.setState({ datasets: list });
    await chooseDataset(datasetId);
  } catch {
    useTrainingStore.setState({ datasets: [] });
    await chooseDataset(null);
  }
}

/** Picks the dataset to train on and fetches its metadata. */
export async function chooseDataset(datasetId: string | null): Promise<void> {
  const meta = datasetId ? await api.request('dataset.summary', { id: datasetId }).catch(() => null) : null;
  useTrainingStore.setState({ datasetId, meta });
}

/** How a run is named to the user: its number in the Runs list (or the start of its id before the list knows it). */
export function runLabel(runId: string): string {
  const k = useTrainingStore.getState().runs.findIndex((r) => r.id === runId);
  return k >= 0 ? `#${k + 1}` : runId.slice(0, 8);
}

/** Reloads the run history list. */
export async function refreshRuns(): Promise<void> {
  try {
    const { runs } = await api.request('training.runs', {});
    useTrainingStore.setState({ runs });
  } catch {
    useTrainingStore.setState({ runs: [] });
  }
}

function beginLive(live: LiveRun): void {
  leaveReplay();
  dropReplay();
  const editor = useEditorStore.getState();
  before = editor.network;
  editor.setLock(LOCK_MESSAGE);
  // The run is in the project's working copy only until the user saves.
  useProjectStore.setState({ saved: null });
  const { tab } = useTrainingStore.getState();
  // The curves come into view; the heatmaps stay if they were showing (they follow the weights too).
  useTrainingStore.setState({ live, outcome: null, open: true, tab: tab === 'boundary' ? tab : 'curves' });
}

function endLive(weights: { synapseWeights: number[]; biases: number[] } | null): void {
  const editor = useEditorStore.getState();
  if (weights) editor.setLiveWeights(weights.synapseWeights, weights.biases);
  if (before) editor.settleLiveEdit(before);
  before = null;
  editor.setLock(null);
}

function abandonLive(): void {
  void stopTraining();
  before = null;
  useEditorStore.getState().setLock(null);
  useTrainingStore.setState({ live: null });
}

/** Train: a new run on the chosen dataset with the canvas network and the edited config, at the Training speed (paused: to step it). */
export async function startTraining(opts: { paused?: boolean } = {}): Promise<boolean> {
  const s = useTrainingStore.getState();
  if (s.live) return false;
  if (!s.datasetId) {
    useTrainingStore.setState({ open: true, tab: 'setup' });
    useUiStore.getState().toast('Import a CSV (File › Import CSV…) or open an example first: training needs a dataset.', 'error');
    return false;
  }
  // A replay on the canvas is a view, not the document: training starts from the document's weights.
  leaveReplay();
  const network = useEditorStore.getState().network;
  try {
    const r = await api.request('training.start', { datasetId: s.datasetId, network, config: s.config, tempo: s.tempo, paused: opts.paused ?? false });
    useTrainingStore.setState({ scoreName: scoreOfLoss(r.loss) });
    beginLive({ runId: r.runId, datasetId: s.datasetId, progress: null, history: {} });
    return true;
  } catch (e) {
    useTrainingStore.setState({ open: true });
    fail(e);
    return false;
  }
}

/** Sets the Training speed; a live run takes it at once. */
export async function setTempo(tempo: Tempo): Promise<void> {
  useTrainingStore.setState({ tempo });
  const live = useTrainingStore.getState().live;
  if (live) await api.request('training.tempo', { runId: live.runId, tempo }).catch(fail);
}

/** Pause or resume the live run. */
export async function pauseOrResume(): Promise<void> {
  const live = useTrainingStore.getState().live;
  if (!live) return;
  const paused = live.progress?.paused ?? false;
  try {
    await api.request(paused ? 'training.resume' : 'training.pause', { runId: live.runId });
    // Reflect the state at once (on the run as it is now: epochs may have arrived meanwhile); the next progress event confirms it.
    const now = useTrainingStore.getState().live;
    if (now?.runId === live.runId && now.progress) useTrainingStore.setState({ live: { ...now, progress: { ...now.progress, paused: !paused } } });
  } catch (e) {
    fail(e);
  }
}

/** Stop the live run (its weights so far stay; the run is kept as stopped). */
export async function stopTraining(): Promise<void> {
  const live = useTrainingStore.getState().live;
  if (live) await api.request('training.stop', { runId: live.runId }).catch(fail);
}

/** Pause and run one batch or one epoch of the live run; from idle, start a paused run first. */
export async function stepTraining(unit: 'batch' | 'epoch'): Promise<void> {
  if (!useTrainingStore.getState().live && !(await startTraining({ paused: true }))) return;
  const live = useTrainingStore.getState().live;
  if (live) await api.request('training.step', { runId: live.runId, unit }).catch(fail);
}

/** Reinitialise every weight and bias from the config's seed (one undo step). */
export async function resetWeights(): Promise<void> {
  leaveReplay();
  const seed = useTrainingStore.getState().config.seed ?? 1;
  try {
    const { network } = await api.request('training.resetWeights', { network: useEditorStore.getState().network, seed });
    if (useEditorStore.getState().commit(() => network)) useUiStore.getState().toast(`Weights reinitialised with seed ${seed}.`);
  } catch (e) {
    fail(e);
  }
}

const sameStructure = (a: Network, b: Network) =>
  a.neurons.length === b.neurons.length && a.synapses.length === b.synapses.length && a.neurons.every((n, i) => n.id === b.neurons[i].id) && a.synapses.every((x, i) => x.id === b.synapses[i].id);

/** Puts a run's final or best weights on the canvas (one undo step); a different structure replaces the network. */
export async function loadRunWeights(runId: string, which: 'final' | 'best'): Promise<boolean> {
  leaveReplay();
  try {
    const { network } = await api.request('training.loadWeights', { runId, which });
    const editor = useEditorStore.getState();
    const current = editor.network;
    const next = sameStructure(current, network)
      ? withWeights(
          current,
          network.synapses.map((x) => x.weight),
          network.neurons.map((n) => n.bias),
        )
      : network;
    editor.commit(() => next);
    useUiStore.getState().toast(`Loaded the ${which} weights of run ${runLabel(runId)}.`);
    return true;
  } catch (e) {
    fail(e);
    return false;
  }
}

/** Continues a stored run for more epochs: its final weights go on the canvas, then training resumes from its state. */
export async function continueRun(runId: string, epochs: number): Promise<void> {
  if (useTrainingStore.getState().live) return;
  const summary = useTrainingStore.getState().runs.find((r) => r.id === runId);
  if (!(await loadRunWeights(runId, 'final'))) return;
  try {
    const { history } = await api.request('training.run', { runId });
    const r = await api.request('training.continue', { runId, epochs, tempo: useTrainingStore.getState().tempo });
    beginLive({ runId: r.runId, datasetId: summary?.datasetId ?? '', progress: null, history });
  } catch (e) {
    fail(e);
  }
}

/** Shows a stored run's results and curves. */
export async function showRun(r: RunSummary): Promise<void> {
  try {
    const { history } = await api.request('training.run', { runId: r.id });
    const reason = r.status === 'error' ? 'error' : r.status === 'stopped' || r.status === 'early-stopped' ? r.status : 'completed';
    useTrainingStore.setState({ outcome: { runId: r.id, datasetId: r.datasetId ?? '', reason, evaluation: r.result, message: r.message, history }, tab: 'results', scoreName: r.loss ? scoreOfLoss(r.loss) : null });
    void loadReplay(r.id);
  } catch (e) {
    fail(e);
  }
}

/** Shows a stored run's curves with its replay timeline. */
export async function replayRun(r: RunSummary): Promise<void> {
  await showRun(r);
  useTrainingStore.setState({ tab: 'curves' });
}

/** Adds a run's curves to the comparison chart, or removes them. */
export async function toggleCompared(runId: string): Promise<void> {
  const { compared } = useTrainingStore.getState();
  if (compared[runId]) {
    const { [runId]: _gone, ...rest } = compared;
    useTrainingStore.setState({ compared: rest });
    return;
  }
  try {
    const { history } = await api.request('training.run', { runId });
    useTrainingStore.setState({ compared: { ...useTrainingStore.getState().compared, [runId]: history } });
  } catch (e) {
    fail(e);
  }
}

/** The newest progress not yet on screen: applied once per animation frame, so a page behind on frames skips stale ones. */
let pendingProgress: EventOf<'training.progress'> | null = null;

function applyProgress(): void {
  const p = pendingProgress;
  pendingProgress = null;
  const live = useTrainingStore.getState().live;
  if (!p || !live || live.runId !== p.runId) return;
  useTrainingStore.setState({ live: { ...live, progress: p } });
  useEditorStore.getState().setLiveWeights(p.weights.synapseWeights, p.weights.biases);
}

function onProgress(p: EventOf<'training.progress'>): void {
  const live = useTrainingStore.getState().live;
  if (!live || live.runId !== p.runId) return;
  if (!pendingProgress) requestAnimationFrame(applyProgress);
  pendingProgress = p;
}

/** Epochs not yet on the chart: a small dataset finishes thousands of epochs a second, the chart needs ten updates. */
let pendingEpochs: EventOf<'training.epoch'>[] = [];
let epochFlush: ReturnType<typeof setTimeout> | null = null;

function flushEpochs(): void {
  if (epochFlush) clearTimeout(epochFlush);
  epochFlush = null;
  const live = useTrainingStore.getState().live;
  const mine = pendingEpochs.filter((e) => e.runId === live?.runId);
  pendingEpochs = [];
  if (live && mine.length) useTrainingStore.setState({ live: { ...live, history: appendEpochs(live.history, mine) } });
}

function onEpoch(e: EventOf<'training.epoch'>): void {
  pendingEpochs.push(e);
  epochFlush ??= setTimeout(flushEpochs, 100);
}

function onDone(d: EventOf<'training.done'>): void {
  applyProgress();
  flushEpochs();
  const live = useTrainingStore.getState().live;
  if (!live || live.runId !== d.runId) return;
  endLive(d.weights);
  // The curves stay in view: the results sit beside them (and one click away in Results).
  useTrainingStore.setState({ live: null, outcome: { runId: d.runId, datasetId: live.datasetId, reason: d.reason, evaluation: d.evaluation, message: null, history: live.history } });
  void loadReplay(d.runId);
  const verb = d.reason === 'completed' ? 'finished' : d.reason === 'stopped' ? 'stopped' : 'stopped early (validation loss stopped improving)';
  void refreshRuns().then(() => useUiStore.getState().toast(`Training ${verb}: run ${runLabel(d.runId)}.`));
}

function onError(d: EventOf<'training.error'>): void {
  applyProgress();
  flushEpochs();
  const live = useTrainingStore.getState().live;
  if (!live || live.runId !== d.runId) return;
  endLive(d.weights);
  useTrainingStore.setState({ live: null, outcome: { runId: d.runId, datasetId: live.datasetId, reason: 'error', evaluation: null, message: d.message, history: live.history } });
  void loadReplay(d.runId);
  useUiStore.getState().toast(d.message, 'error');
  void refreshRuns();
}

/** Subscribes the panel to training events, and reloads datasets and runs whenever another project document loads. */
export function useTrainingEvents(): void {
  const loadCount = useEditorStore((s) => s.loadCount);
  const inputs = useEditorStore((s) => s.network.neurons.length);
  useEffect(() => {
    const offs = [api.on('training.progress', onProgress), api.on('training.epoch', onEpoch), api.on('training.done', onDone), api.on('training.error', onError)];
    return () => offs.forEach((off) => off());
  }, []);
  useEffect(() => {
    // Another project replaced the document: a run still going belongs to the old one.
    if (useTrainingStore.getState().live) abandonLive();
    dropReplay();
    void refreshRuns();
    useTrainingStore.setState({ compared: {}, outcome: null });
  }, [loadCount]);
  useEffect(() => {
    void refreshDatasets();
  }, [loadCount, inputs]);
}
