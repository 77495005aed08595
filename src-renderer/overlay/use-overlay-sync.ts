/**
 * Keeps the overlay in step with the document: whenever the network, the mode, the sample or the
 * lesions change, asks the inference worker again (stale answers are dropped) and stores the result.
 */
import { useEffect, useRef } from 'react';
import { api } from '../api';
import { useEditorStore } from '../state/editor-store';
import type { DatasetMeta } from '../../src-shared/data/schema';
import type { Network } from '../../src-shared/model/network';
import type { OverlaySplit } from '../../src-shared/overlay/contract';
import { useTrainingStore } from '../state/training-store';
import { withNetworkKey } from './network-key';
import { answeredWithRow, drawnAlready, drawRow, fetchAround, requestRow, rowsBringForward, type RowReply } from './sample-rows';
import { sampleView, type StatsView } from './overlay-math';
import { useOverlayStore } from './overlay-store';

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The split a default sample comes from: validation when the dataset has validation rows, else test, else train. */
export function defaultSplit(meta: DatasetMeta): OverlaySplit {
  const [train, val, test] = meta.split.counts;
  return val > 0 ? 'validation' : test > 0 ? 'test' : train > 0 ? 'train' : 'all';
}

/**
 * A meaningful first sample: when the project has a dataset and the user has not picked a sample source, the
 * first validation row of the dataset training uses (else the first stored one). A new project starts over.
 */
function useDefaultSample(): void {
  const loadCount = useEditorStore((s) => s.loadCount);
  const trainingDataset = useTrainingStore((s) => s.datasetId);
  const datasetCount = useTrainingStore((s) => s.datasets.length);
  const lastLoad = useRef(loadCount);
  useEffect(() => {
    const store = useOverlayStore.getState();
    // A project opened or made anew: its predecessor's sample (dataset, row, lesions) means nothing here.
    if (lastLoad.current !== loadCount) {
      lastLoad.current = loadCount;
      store.setSource({ datasetId: null, split: 'validation', position: 0, total: 0, label: null, truth: null, manual: false });
      store.clearLesions();
      store.setMeta(null);
    }
    const { source } = useOverlayStore.getState();
    if (source.manual) return;
    let live = true;
    api.request('dataset.list', {}).then(
      async (list) => {
        const id = list.find((d) => d.id === trainingDataset)?.id ?? list[0]?.id;
        if (!live || !id || (source.datasetId === id && useOverlayStore.getState().meta)) return;
        const meta = await api.request('dataset.summary', { id });
        if (!live || useOverlayStore.getState().source.manual) return;
        useOverlayStore.getState().setMeta(meta);
        useOverlayStore.getState().setSource({ datasetId: id, split: defaultSplit(meta), position: 0, total: 0, label: null, truth: null, manual: false });
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [loadCount, trainingDataset, datasetCount]);
}

/** Keeps the description of the sample's dataset (units, targets) at hand. */
function useSampleMeta(datasetId: string | null): void {
  useEffect(() => {
    if (!datasetId) return;
    if (useOverlayStore.getState().meta?.id === datasetId) return;
    let live = true;
    api.request('dataset.summary', { id: datasetId }).then(
      (meta) => live && useOverlayStore.getState().setMeta(meta),
      () => live && useOverlayStore.getState().setMeta(null),
    );
    return () => {
      live = false;
    };
  }, [datasetId]);
}

/** Mount once (the overlay panel does): runs forward passes and dataset statistics for the overlays. */
export function useOverlaySync(): void {
  useDefaultSample();
  const network = useEditorStore((s) => s.network);
  const mode = useOverlayStore((s) => s.mode);
  const inputs = useOverlayStore((s) => s.inputs);
  const lesions = useOverlayStore((s) => s.lesions);
  const source = useOverlayStore((s) => s.source);
  const classIndex = useOverlayStore((s) => s.classIndex);
  const seq = useRef(0);

  // A dataset row becomes the sample's input values. With Contributions on and nothing lesioned, the row's forward
  // pass comes in the same reply and is drawn with it: a sample step is one round trip and one render, or, to a row
  // fetched ahead, no round trip at all (sample-rows.ts draws it in the step's own update).
  const { datasetId, split, position } = source;
  const steppedOn = useRef<Network | null>(null);
  useSampleMeta(datasetId);
  useEffect(() => {
    if (!datasetId) return;
    let live = true;
    const query = { datasetId, split, position, forward: rowsBringForward() };
    const draw = (r: RowReply) => {
      // A step to a row fetched ahead drew it already, in the step's own update.
      if (!drawnAlready(network, r)) drawRow(network, r);
      // Only while the network holds still: live training replaces it many times a second.
      if (steppedOn.current === network) fetchAround(network, query, r.total);
      steppedOn.current = network;
    };
    const row = requestRow(network, query);
    if (row.now) draw(row.now);
    else row.later.then((r) => live && draw(r), (e) => live && useOverlayStore.getState().setResults(network, { error: message(e) }));
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
    const drawnRow = store.inputsRow;
    const anyLesion = lesions.synapses.length + lesions.neurons.length > 0;
    // These inputs came with their forward pass, already drawn.
    if (mode === 'contributions' && !anyLesion && answeredWithRow(inputs, network)) return;
    const run = async () => {
      if (network.neurons.length === 0) return;
      const base = sampleView(await withNetworkKey(network, (ref) => api.request('overlay.forward', { ...ref, inputs: values })));
      const cut = anyLesion ? sampleView(await withNetworkKey(network, (ref) => api.request('overlay.forward', { ...ref, inputs: values, lesions }))) : base;
      let stats: StatsView | null | undefined;
      let classes: string[] | null | undefined;
      if (mode === 'dataset' && datasetId) {
        const r = await api.request('overlay.datasetStats', { network, datasetId, split, classIndex });
        stats = { count: r.count, mean: new Map(r.synapseIds.map((id, k) => [id, r.mean[k]])), meanAbs: new Map(r.synapseIds.map((id, k) => [id, r.meanAbs[k]])), excitatoryShare: new Map(r.synapseIds.map((id, k) => [id, r.excitatoryShare[k]])) };
        classes = r.classes;
      } else if (mode === 'dataset') stats = null;
      if (my === seq.current) useOverlayStore.getState().setResults(network, { sample: cut, baseline: base, stats, classes, error: null, drawnRow });
    };
    run().catch((e) => my === seq.current && useOverlayStore.getState().setResults(network, { sample: null, baseline: null, error: message(e) }));
  }, [network, mode, inputs, lesions, datasetId, split, classIndex]);
}
