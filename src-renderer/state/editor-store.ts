/**
 * The editor store: the network document with its undo/redo history, the React Flow view of it
 * (nodes/edges with selection and live drag positions) and the clipboard. History covers the
 * document only; selection and viewport changes are never undo steps. Hand-rolled snapshots
 * rather than zundo because documents are immutable (snapshots share structure) and a drag must
 * become one step only when it ends.
 */
import { applyEdgeChanges, applyNodeChanges, type EdgeChange, type NodeChange } from '@xyflow/react';
import { create } from 'zustand';
import { emptyNetwork, type Network, type Viewport } from '../../src-shared/model/network';
import type { NeuronFlowNode, SynapseFlowEdge } from './flow-types';
import { buildEdges, buildNodes } from './to-flow';
import { moveNeurons, sameExceptPositions, withWeights } from './network-edits';
import { useUiStore } from './ui-store';

/** How many undo steps are kept. */
export const HISTORY_LIMIT = 200;

/** Selected neuron and synapse ids, in document order. */
export interface Selection {
  neurons: string[];
  synapses: string[];
}

const NO_SELECTION: Selection = { neurons: [], synapses: [] };

/** The editor state and its actions. */
export interface EditorState {
  network: Network;
  past: Network[];
  future: Network[];
  nodes: NeuronFlowNode[];
  edges: SynapseFlowEdge[];
  selection: Selection;
  /** The last copied document as text (works without clipboard permission). */
  clipboard: string | null;
  /** Bumps whenever a whole new document is loaded, so the canvas can fit it into view. */
  loadCount: number;
  /** Why edits other than moving neurons are refused right now (a training run is live), or null. */
  lock: string | null;

  /** Applies an edit as one undo step (no step when it returns the same document); optionally replaces the selection. */
  commit(edit: (net: Network) => Network, select?: Partial<Selection>): boolean;
  undo(): boolean;
  redo(): boolean;
  /** Replaces the document and clears the history (opening a file, tests). */
  load(net: Network): void;
  onNodesChange(changes: NodeChange<NeuronFlowNode>[]): void;
  onEdgesChange(changes: EdgeChange<SynapseFlowEdge>[]): void;
  select(select: Partial<Selection>): void;
  selectAll(): void;
  setClipboard(text: string): void;
  /** Records the viewport in the document without an undo step. */
  setViewport(viewport: Viewport): void;
  /** Locks (reason shown when an edit is refused) or unlocks the structure. */
  setLock(reason: string | null): void;
  /** Puts weights (document order) on the canvas without an undo step: live training updates. */
  setLiveWeights(synapseWeights: readonly number[], biases: readonly number[]): void;
  /** Makes everything since `before` (a whole training run, with any moves made meanwhile) one undo step. */
  settleLiveEdit(before: Network): void;
  /** Puts `before` back (weights and all) without an undo step: a replay left without keeping its weights. */
  restoreLiveEdit(before: Network): void;
}

function selectionOf(nodes: readonly NeuronFlowNode[], edges: readonly SynapseFlowEdge[]): Selection {
  return { neurons: nodes.filter((n) => n.selected).map((n) => n.id), synapses: edges.filter((e) => e.selected).map((e) => e.id) };
}

function sameSelection(a: Selection, b: Selection): boolean {
  return a.neurons.length === b.neurons.length && a.synapses.length === b.synapses.length && a.neurons.every((x, i) => x === b.neurons[i]) && a.synapses.every((x, i) => x === b.synapses[i]);
}

/** Rebuilds the view for a document, keeping the selection (or setting a new one). */
function view(state: Pick<EditorState, 'nodes' | 'edges' | 'selection'>, net: Network, select?: Partial<Selection>) {
  const nodeSel = select ? new Set(select.neurons ?? []) : new Set(state.selection.neurons);
  const edgeSel = select ? new Set(select.synapses ?? []) : new Set(state.selection.synapses);
  const nodes = buildNodes(net, state.nodes, nodeSel);
  const edges = buildEdges(net, state.edges, edgeSel);
  const selection = selectionOf(nodes, edges);
  return { nodes, edges, selection: sameSelection(selection, state.selection) ? state.selection : selection };
}

/** The one editor store of the window. */
export const useEditorStore = create<EditorState>()((set, get) => ({
  network: emptyNetwork(),
  past: [],
  future: [],
  nodes: [],
  edges: [],
  selection: NO_SELECTION,
  clipboard: null,
  loadCount: 0,
  lock: null,

  commit(edit, select) {
    const s = get();
    const next = edit(s.network);
    if (next === s.network) {
      if (select) set(view(s, s.network, select));
      return false;
    }
    if (s.lock) {
      if (!sameExceptPositions(s.network, next)) return refuse(s.lock);
      // Moves while locked join the live edit that settleLiveEdit makes one step.
      set({ network: next, ...view(s, next, select) });
      return true;
    }
    set({ network: next, past: [...s.past, s.network].slice(-HISTORY_LIMIT), future: [], ...view(s, next, select) });
    return true;
  },

  undo() {
    const s = get();
    if (s.lock) return refuse(s.lock);
    const prev = s.past.at(-1);
    if (!prev) return false;
    const restored = { ...prev, viewport: s.network.viewport };
    set({ network: restored, past: s.past.slice(0, -1), future: [s.network, ...s.future], ...view(s, restored) });
    return true;
  },

  redo() {
    const s = get();
    if (s.lock) return refuse(s.lock);
    const next = s.future[0];
    if (!next) return false;
    const restored = { ...next, viewport: s.network.viewport };
    set({ network: restored, past: [...s.past, s.network], future: s.future.slice(1), ...view(s, restored) });
    return true;
  },

  load(net) {
    const s = get();
    set({ network: net, past: [], future: [], loadCount: s.loadCount + 1, ...view({ nodes: [], edges: [], selection: NO_SELECTION }, net, NO_SELECTION) });
  },

  onNodesChange(changes) {
    // Removal goes through commit (one undo step with the synapses it drops), never straight from React Flow.
    const kept = changes.filter((c) => c.type !== 'remove' && c.type !== 'add' && c.type !== 'replace');
    if (!kept.length) return;
    const s = get();
    const nodes = applyNodeChanges(kept, s.nodes);
    if (kept.some((c) => c.type === 'select')) {
      const selection = selectionOf(nodes, s.edges);
      set({ nodes, selection: sameSelection(selection, s.selection) ? s.selection : selection });
    } else set({ nodes });
    // A settled move (the end of a drag, or arrow keys on a focused node) is one undo step;
    // moves while dragging stay in the view only.
    const settled = new Map<string, { x: number; y: number }>();
    for (const c of kept) if (c.type === 'position' && c.position && !c.dragging) settled.set(c.id, c.position);
    if (settled.size) get().commit((net) => moveNeurons(net, settled));
  },

  onEdgesChange(changes) {
    const kept = changes.filter((c) => c.type === 'select');
    if (!kept.length) return;
    const s = get();
    const edges = applyEdgeChanges(kept, s.edges);
    const selection = selectionOf(s.nodes, edges);
    set({ edges, selection: sameSelection(selection, s.selection) ? s.selection : selection });
  },

  select(select) {
    const s = get();
    set(view(s, s.network, select));
  },

  selectAll() {
    const s = get();
    set(view(s, s.network, { neurons: s.network.neurons.map((n) => n.id), synapses: s.network.synapses.map((x) => x.id) }));
  },

  setClipboard(text) {
    set({ clipboard: text });
  },

  setViewport(viewport) {
    const s = get();
    set({ network: { ...s.network, viewport } });
  },

  setLock(lock) {
    set({ lock });
  },

  setLiveWeights(synapseWeights, biases) {
    const s = get();
    const next = withWeights(s.network, synapseWeights, biases);
    if (next !== s.network) set({ network: next, ...view(s, next) });
  },

  settleLiveEdit(before) {
    const s = get();
    if (s.network !== before) set({ past: [...s.past, before].slice(-HISTORY_LIMIT), future: [] });
  },

  restoreLiveEdit(before) {
    const s = get();
    // Moves and the viewport changed meanwhile stay: only the weights go back.
    const next = withWeights(s.network, before.synapses.map((x) => x.weight), before.neurons.map((n) => n.bias));
    if (next !== s.network) set({ network: next, ...view(s, next) });
  },
}));

function refuse(reason: string): false {
  useUiStore.getState().toast(reason, 'error');
  return false;
}
