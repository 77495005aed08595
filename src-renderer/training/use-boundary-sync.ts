/**
 * Keeps the heatmaps in step with the canvas: while they are on, every change of weights or structure
 * (live during training too) asks main for fresh grids, one request at a time, at most 5 a second
 * (2 a second while a run is live: each answer is a grid per neuron, and parsing them and collecting
 * their garbage five times a second held frames of a hundred-neuron network training at full speed),
 * always for the newest network.
 */
import { useEffect } from 'react';
import { api } from '../api';
import { useEditorStore } from '../state/editor-store';
import { useBoundaryStore } from '../state/boundary-store';
import { useTrainingStore } from '../state/training-store';

const MIN_GAP_MS = 200;
const TRAINING_GAP_MS = 500;
/** When the last grid request left, across effect runs. */
let lastRequest = 0;

/** Mounted once (by the training dock). */
export function useBoundarySync(): void {
  const neurons = useEditorStore((s) => s.network.neurons);
  const synapses = useEditorStore((s) => s.network.synapses);
  const enabled = useBoundaryStore((s) => s.enabled);
  const xFeature = useBoundaryStore((s) => s.xFeature);
  const yFeature = useBoundaryStore((s) => s.yFeature);
  const datasetId = useTrainingStore((s) => s.datasetId);
  const training = useTrainingStore((s) => s.live !== null);

  useEffect(() => {
    if (!enabled) return;
    if (!datasetId) {
      useBoundaryStore.setState({ data: null, problem: 'Import a CSV or open an example to see heatmaps.' });
      return;
    }
    let cancelled = false;
    const timer = setTimeout(
      () => {
        lastRequest = Date.now();
        const network = useEditorStore.getState().network;
        api.request('training.boundary', { datasetId, network, xFeature, yFeature, resolution: 32, maxPoints: 400 }).then(
          (data) => !cancelled && useBoundaryStore.setState({ data, problem: null }),
          (e: unknown) => !cancelled && useBoundaryStore.setState({ data: null, problem: e instanceof Error ? e.message : String(e) }),
        );
      },
      Math.max(0, lastRequest + (training ? TRAINING_GAP_MS : MIN_GAP_MS) - Date.now()),
    );
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [enabled, datasetId, xFeature, yFeature, neurons, synapses, training]);
}
