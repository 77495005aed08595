/**
 * The replay of a stored run: scrubbing its timeline puts that snapshot's weights on the canvas (like live
 * training: no undo entries, structure locked), so the overlays, heatmaps and decision boundary all show the
 * network as it was then. Leaving the replay puts the document's own weights back; "Keep" makes the shown
 * weights one undo step.
 */
import type { Network } from '../../src-shared/model/network';
import { api } from '../api';
import { useEditorStore } from '../state/editor-store';
import { useUiStore } from '../state/ui-store';
import { useTrainingStore, type Replay, type SnapshotKey } from '../state/training-store';

/** The document when the replay first changed the canvas. */
let before: Network | null = null;
/** Snapshot weights already fetched, per run and position. */
const cache = new Map<string, { synapseWeights: number[]; biases: number[] }>();
/** The scrub position asked for last; older answers that arrive later are dropped. */
let wanted = 0;
let timer: ReturnType<typeof setTimeout> | null = null;

const keyOf = (runId: string, k: SnapshotKey) => `${runId}:${k.epoch}:${k.step}`;

/** The lock message while a replay is on the canvas. */
export const REPLAY_LOCK = 'Replaying a run: press Exit replay (or Esc on the timeline) to change the network.';

/** Where the replay shows, as the user reads it. */
export function snapshotLabel(k: SnapshotKey): string {
  return k.step ? `epoch ${k.epoch} + ${k.step} batch${k.step === 1 ? '' : 'es'}` : `epoch ${k.epoch}`;
}

function setReplay(patch: Partial<Replay>): void {
  const r = useTrainingStore.getState().replay;
  if (r) useTrainingStore.setState({ replay: { ...r, ...patch } });
}

/** Loads a run's timeline (the canvas keeps its weights until the user scrubs). */
export async function loadReplay(runId: string): Promise<void> {
  leaveReplay();
  try {
    const { snapshots, synapseIds, neuronIds } = await api.request('training.snapshots', { runId });
    const net = useEditorStore.getState().network;
    const fits = synapseIds.length === net.synapses.length && neuronIds.length === net.neurons.length && synapseIds.every((id, i) => id === net.synapses[i].id) && neuronIds.every((id, i) => id === net.neurons[i].id);
    useTrainingStore.setState({
      replay: { runId, snapshots, index: null, playing: false, problem: fits ? null : 'This run trained another network: load its final weights (Runs › Load final) to replay it on the canvas.' },
    });
  } catch {
    useTrainingStore.setState({ replay: null });
  }
}

/** Shows snapshot `index` of the loaded replay on the canvas. */
export async function scrubTo(index: number): Promise<boolean> {
  const r = useTrainingStore.getState().replay;
  if (!r || r.problem || !r.snapshots.length) return false;
  const i = Math.max(0, Math.min(r.snapshots.length - 1, Math.round(index)));
  const k = r.snapshots[i];
  const ticket = ++wanted;
  setReplay({ index: i });
  let weights = cache.get(keyOf(r.runId, k));
  if (!weights) {
    try {
      weights = (await api.request('training.snapshot', { runId: r.runId, epoch: k.epoch, step: k.step })).weights;
    } catch (e) {
      useUiStore.getState().toast(e instanceof Error ? e.message : String(e), 'error');
      return false;
    }
    if (cache.size > 400) cache.clear();
    cache.set(keyOf(r.runId, k), weights);
  }
  if (ticket !== wanted || useTrainingStore.getState().replay?.runId !== r.runId) return false;
  const editor = useEditorStore.getState();
  if (!before) {
    before = editor.network;
    editor.setLock(REPLAY_LOCK);
  }
  editor.setLiveWeights(weights.synapseWeights, weights.biases);
  return true;
}

/** Puts the document's own weights back and unlocks; the timeline stays loaded. */
export function leaveReplay(): void {
  stopPlaying();
  const editor = useEditorStore.getState();
  if (before) {
    editor.restoreLiveEdit(before);
    editor.setLock(null);
  }
  before = null;
  setReplay({ index: null });
}

/** Keeps the weights the replay shows as the document's (one undo step). */
export function keepReplayWeights(): void {
  stopPlaying();
  const editor = useEditorStore.getState();
  if (before) {
    editor.settleLiveEdit(before);
    editor.setLock(null);
    useUiStore.getState().toast('Kept the replayed weights (undo puts the previous ones back).');
  }
  before = null;
  setReplay({ index: null });
}

/** Forgets the replay without touching the canvas (another document was loaded). */
export function dropReplay(): void {
  stopPlaying();
  if (before) useEditorStore.getState().setLock(null);
  before = null;
  cache.clear();
  useTrainingStore.setState({ replay: null });
}

function stopPlaying(): void {
  if (timer) clearTimeout(timer);
  timer = null;
  setReplay({ playing: false });
}

/** Replay speed in epochs per second: the Training speed, with by-hand and full speed read as sensible rates. */
function playRate(): number {
  const t = useTrainingStore.getState().tempo;
  return t === null ? 60 : t === 0 ? 5 : t;
}

/** Plays the replay from the shown snapshot (or the start) at the Training speed; again to pause. */
export function togglePlay(): void {
  const r = useTrainingStore.getState().replay;
  if (!r || r.problem || !r.snapshots.length) return;
  if (r.playing) return stopPlaying();
  const last = r.snapshots.length - 1;
  let at = r.index === null || r.index >= last ? 0 : r.index;
  // Position in epochs, advanced by wall time; each frame shows the newest snapshot at or before it.
  let epoch = r.snapshots[at].epoch;
  let t0 = performance.now();
  setReplay({ playing: true });
  const frame = async () => {
    timer = null;
    const now = performance.now();
    epoch += ((now - t0) / 1000) * playRate();
    t0 = now;
    const snaps = useTrainingStore.getState().replay?.snapshots ?? [];
    let next = at;
    while (next < last && snaps[next + 1].epoch <= epoch) next++;
    if (next !== at) {
      at = next;
      await scrubTo(at);
    }
    if (!useTrainingStore.getState().replay?.playing) return;
    if (at >= last) return stopPlaying();
    timer = setTimeout(() => void frame(), 50);
  };
  void scrubTo(at).then(() => {
    t0 = performance.now();
    if (useTrainingStore.getState().replay?.playing) timer = setTimeout(() => void frame(), 50);
  });
}
