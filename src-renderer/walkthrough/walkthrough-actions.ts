/**
 * Opening, stepping and leaving the guided example. A step sets the overlay mode and the sample (the walkthrough's
 * typed inputs, or the example's dataset for the Dataset step) and highlights what it talks about; the user may
 * change anything afterwards and the step's text follows the live numbers.
 */
import { api } from '../api';
import { fitViewSoon } from '../state/command-bus';
import { useOverlayStore } from '../overlay/overlay-store';
import { newFromExample } from '../data/data-actions';
import { useEditorStore } from '../state/editor-store';
import { startTraining } from '../training/training-actions';
import { useTrainingStore } from '../state/training-store';
import { isWalkthroughNetwork, markDaleByMajority, withExampleWeights, STEPS, WALKTHROUGH_DATASET_NAME, WALKTHROUGH_SAMPLE } from '../../src-shared/walkthrough/negative-output';
import { saveStep, useWalkthroughStore } from '../state/walkthrough-store';

/** Help › What Does a Negative Output Do?: resumes on the example's network, else opens the example first. */
export async function openWalkthrough(): Promise<void> {
  if (!isWalkthroughNetwork(useEditorStore.getState().network)) {
    if (!(await newFromExample({ kind: 'negative-output' }))) return;
  }
  // The panel applies the step once the new document's own overlay resets have run (WalkthroughPanel).
  useWalkthroughStore.setState({ open: true });
  fitViewSoon();
}

/** Goes to step `index` (clamped) and applies its overlay, sample and highlights. */
export function goToStep(index: number): void {
  const step = Math.max(0, Math.min(STEPS.length - 1, index));
  useWalkthroughStore.setState({ step });
  saveStep(step);
  applyStep(step);
}

/** Closes the panel; `finished` starts the next opening from step 1, else it resumes here. */
export function closeWalkthrough(finished = false): void {
  const { step } = useWalkthroughStore.getState();
  saveStep(finished ? 0 : step);
  useWalkthroughStore.setState({ open: false, step: finished ? 0 : step, neurons: new Set(), synapses: new Set() });
}

let datasetAsk = 0;

/** Sets the overlay and sample of a step and its highlights. */
export function applyStep(index: number): void {
  const s = STEPS[index];
  useWalkthroughStore.setState({ neurons: new Set(s.neurons), synapses: new Set(s.synapses) });
  const overlay = useOverlayStore.getState();
  overlay.setMode(s.mode);
  const my = ++datasetAsk;
  if (s.mode === 'dataset') {
    // The example's dataset, every row: the share of rows where each synapse excites.
    void api.request('dataset.list', {}).then((list) => {
      if (my !== datasetAsk) return;
      const chosen = useTrainingStore.getState().datasetId;
      const id = [...list].reverse().find((d) => d.name === WALKTHROUGH_DATASET_NAME)?.id ?? list.find((d) => d.id === chosen)?.id ?? list[0]?.id;
      if (id) useOverlayStore.getState().setSource({ datasetId: id, split: 'all', position: 0, total: 0, label: null, truth: null, manual: true });
    });
  } else {
    overlay.setSource({ datasetId: null, split: 'validation', position: 0, total: 0, label: null, truth: null, manual: true });
    overlay.setInputs(WALKTHROUGH_SAMPLE);
  }
}

/** Step 8: marks every hidden neuron E or I by the sign most of its outgoing weight carries (one undoable edit). */
export function markDale(): void {
  useEditorStore.getState().commit((net) => markDaleByMajority(net));
}

/**
 * Step 8: trains with or without Dale's constraint, at full speed, from the example's own weights (so the two runs
 * start alike; one undoable edit puts them back), and shows the Runs tab.
 */
export async function trainWith(dale: boolean): Promise<void> {
  const t = useTrainingStore.getState();
  if (t.live) return;
  useEditorStore.getState().commit((net) => withExampleWeights(net));
  useTrainingStore.setState({ config: { ...t.config, dale }, tempo: null });
  if (await startTraining()) useTrainingStore.setState({ open: true, tab: 'runs' });
}
