/**
 * Keeps the overlay in step with the document: whenever the network, the mode, the sample or the
 * lesions change, asks the inference worker again (stale answers are dropped) and stores the result.
 */
import { useEffect, useRef } from 'react';
import { api } from '../api';
import { useEditorStore } from '../state/editor-store';
import { sampleView, type StatsView } from './overlay-math';
import { useOverlayStore } from './overlay-store';

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Mount once (the overlay panel does): runs forward passes and dataset statistics for the overlays. */
export function useOverlaySync(): void {
  const network = useEditorStore((s) => s.network);
  const mode = useOverlayStore((s) => s.mode);
  const inputs = useOverlayStore((s) => s.inputs);
  const lesions = useOverlayStore((s) => s.lesions);
  const source = useOverlayStore((s) => s.source);
  const classIndex = useOverlayStore((s) => s.classIndex);
  const seq = useRef(0);

  // A dataset row becomes the sample's input values.
  const { datasetId, split, position } = source;
  useEffect(() => {
    if (!datasetId) return;
    let live = true;
    api.request('overlay.datasetRow', { network, datasetId, split, position }).then(
      (r) => {
        if (!live) return;
        const ids = network.neurons.filter((n) => n.role === 'input').map((n) => n.id);
        useOverlayStore.getState().setInputs(Object.fromEntries(ids.map((id, k) => [id, r.inputs[k]])));
        useOverlayStore.getState().setSource({ total: r.total, label: r.label });
      },
      (e) => live && useOverlayStore.getState().setResults(network, { error: message(e) }),
    );
    return () => {
      live = false;
    };
  }, [network, datasetId, split, position]);

  useEffect(() => {
    const my = ++seq.current;
    const store = useOverlayStore.getState();
    if (mode === 'off' || mode === 'weights') {
      store.setResults(network, { error: null });
      if (mode === 'off') return;
    }
    const values = network.neurons.filter((n) => n.role === 'input').map((n) => inputs[n.id] ?? 0);
    const anyLesion = lesions.synapses.length + lesions.neurons.length > 0;
    const run = async () => {
      if (network.neurons.length === 0) return;
      const base = sampleView(await api.request('overlay.forward', { network, inputs: values }));
      const cut = anyLesion ? sampleView(await api.request('overlay.forward', { network, inputs: values, lesions })) : base;
      let stats: StatsView | null | undefined;
      let classes: string[] | null | undefined;
      if (mode === 'dataset' && datasetId) {
        const r = await api.request('overlay.datasetStats', { network, datasetId, split, classIndex });
        stats = { count: r.count, mean: new Map(r.synapseIds.map((id, k) => [id, r.mean[k]])), meanAbs: new Map(r.synapseIds.map((id, k) => [id, r.meanAbs[k]])), excitatoryShare: new Map(r.synapseIds.map((id, k) => [id, r.excitatoryShare[k]])) };
        classes = r.classes;
      } else if (mode === 'dataset') stats = null;
      if (my === seq.current) useOverlayStore.getState().setResults(network, { sample: cut, baseline: base, stats, classes, error: null });
    };
    run().catch((e) => my === seq.current && useOverlayStore.getState().setResults(network, { sample: null, baseline: null, error: message(e) }));
  }, [network, mode, inputs, lesions, datasetId, split, classIndex]);
}
