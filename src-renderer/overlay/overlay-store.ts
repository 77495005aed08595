/**
 * View-only overlay state: the mode, the sample's input values, the lesions of this sample, the
 * worker's answers and what they mean for each synapse and neuron. Never part of the document:
 * nothing here reaches the saved weights.
 */
import { create } from 'zustand';
import { emptyNetwork, type Network } from '../../src-shared/model/network';
import type { DatasetMeta } from '../../src-shared/data/schema';
import type { OverlaySplit } from '../../src-shared/overlay/contract';
import { edgeViews, LazyBudgets, type EdgeViews, type OverlayMode, type SampleView, type StatsView } from './overlay-math';

/** Where the sample comes from: values typed in, or a row of a stored dataset. */
export interface SampleSource {
  datasetId: string | null;
  split: OverlaySplit;
  /** Position among the split's rows. */
  position: number;
  /** Rows in the split (known after the first row arrives). */
  total: number;
  /** The row's class, when the dataset has one. */
  label: string | null;
  /** The row's target(s) in original units ("species = setosa"), when it has any. */
  truth?: string | null;
  /** Chosen by the user (not the default first validation row): kept until the project changes. */
  manual?: boolean;
}

/** The overlay store's state and actions. */
export interface OverlayState {
  mode: OverlayMode;
  /** Input values by input neuron id (absent = 0). */
  inputs: Record<string, number>;
  /** The dataset row the input values came from (null when typed in). */
  inputsRow: number | null;
  /** The dataset row whose forward pass is drawn (null when typed in): the page's signal that a sample step reached the canvas. */
  drawnRow: number | null;
  lesions: { synapses: string[]; neurons: string[] };
  source: SampleSource;
  /** Dataset mode: only rows of this class. */
  classIndex: number | null;
  classes: string[] | null;
  /** The sample with the lesions applied (equal to `baseline` without lesions). */
  sample: SampleView | null;
  /** The same sample without lesions. */
  baseline: SampleView | null;
  stats: StatsView | null;
  /** The sample dataset's description (units of the inputs, targets), when the sample can come from one. */
  meta: DatasetMeta | null;
  error: string | null;
  /** Derived: how each synapse and neuron is drawn (worked out for what the canvas asks for). */
  edges: EdgeViews;
  budgets: LazyBudgets;
  setMode(mode: OverlayMode): void;
  setInput(id: string, v: number): void;
  /** Sets several input values at once; `row` names the dataset row they came from. */
  setInputs(values: Record<string, number>, row?: number | null): void;
  toggleLesion(kind: 'synapses' | 'neurons', id: string): void;
  clearLesions(): void;
  setSource(patch: Partial<SampleSource>): void;
  setClassIndex(k: number | null): void;
  setMeta(meta: DatasetMeta | null): void;
  /** Stores the worker's answers and derives the drawing for `net`. */
  setResults(net: Network, r: { sample?: SampleView | null; baseline?: SampleView | null; stats?: StatsView | null; classes?: string[] | null; error?: string | null; drawnRow?: number | null }): void;
}

const EMPTY = emptyNetwork();
const NO_EDGES = edgeViews(EMPTY, 'off', null, null, new Set());
const NO_BUDGETS = new LazyBudgets(EMPTY, null);

/** The one overlay store of the window. */
export const useOverlayStore = create<OverlayState>()((set, get) => ({
  mode: 'off',
  inputs: {},
  inputsRow: null,
  drawnRow: null,
  lesions: { synapses: [], neurons: [] },
  source: { datasetId: null, split: 'validation', position: 0, total: 0, label: null },
  classIndex: null,
  classes: null,
  sample: null,
  baseline: null,
  stats: null,
  meta: null,
  error: null,
  edges: NO_EDGES,
  budgets: NO_BUDGETS,
  setMode: (mode) => set({ mode }),
  // A value typed in makes the sample the typed values (starting from the row's): a dataset row would ignore it.
  setInput(id, v) {
    const { inputs, source } = get();
    set({ inputs: { ...inputs, [id]: v }, inputsRow: null, ...(source.datasetId ? { source: { ...source, datasetId: null, label: null, truth: null, manual: true } } : {}) });
  },
  setInputs: (values, row = null) => set({ inputs: { ...get().inputs, ...values }, inputsRow: row }),
  toggleLesion(kind, id) {
    const cur = get().lesions;
    const list = cur[kind].includes(id) ? cur[kind].filter((x) => x !== id) : [...cur[kind], id];
    set({ lesions: { ...cur, [kind]: list } });
  },
  clearLesions: () => set({ lesions: { synapses: [], neurons: [] } }),
  setSource: (patch) => set({ source: { ...get().source, ...patch } }),
  setClassIndex: (classIndex) => set({ classIndex }),
  setMeta: (meta) => set({ meta }),
  setResults(net, r) {
    const next = { ...get(), ...Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) } as OverlayState;
    const off = new Set([...next.lesions.synapses]);
    set({
      sample: next.sample,
      baseline: next.baseline,
      stats: next.stats,
      classes: next.classes,
      error: next.error,
      drawnRow: next.drawnRow,
      edges: next.mode === 'off' ? NO_EDGES : edgeViews(net, next.mode, next.sample, next.stats, off, get().edges),
      budgets: next.sample ? new LazyBudgets(net, next.sample) : NO_BUDGETS,
    });
  },
}));
