/** Which depth levels the canvas shows collapsed into one layer node (view state: never in the document). */
import { create } from 'zustand';

/** The layer store's state and actions. */
export interface LayerState {
  collapsed: number[];
  /** The user expanded a level since the document loaded: fit view then leaves the levels as they are. */
  userExpanded: boolean;
  collapse(levels: readonly number[]): void;
  expand(level: number): void;
  expandAll(): void;
  /** A new document: nothing collapsed, nothing expanded by hand. */
  reset(): void;
}

/** The one layer store of the window. */
export const useLayerStore = create<LayerState>()((set, get) => ({
  collapsed: [],
  userExpanded: false,
  collapse: (levels) => set({ collapsed: [...new Set([...get().collapsed, ...levels])].sort((a, b) => a - b) }),
  expand: (level) => set({ collapsed: get().collapsed.filter((l) => l !== level), userExpanded: true }),
  expandAll: () => set({ collapsed: [], userExpanded: true }),
  reset: () => set({ collapsed: [], userExpanded: false }),
}));
