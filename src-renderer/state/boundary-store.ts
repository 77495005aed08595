/** Heatmaps of neuron outputs over two inputs: whether they are on, which inputs, and the last grids main computed. */
import { create } from 'zustand';
import type { Boundary } from '../../src-shared/training/contract';

/** The heatmap state. */
export interface BoundaryState {
  enabled: boolean;
  xFeature: number;
  yFeature: number;
  data: Boundary | null;
  /** Why there is nothing to draw (no dataset, a network that does not fit it). */
  problem: string | null;
}

/** The one heatmap store of the window. */
export const useBoundaryStore = create<BoundaryState>()(() => ({ enabled: false, xFeature: 0, yFeature: 1, data: null, problem: null }));
