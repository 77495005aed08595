/**
 * Keeps room on the canvas for what the overlays draw: when the budgets (Contributions) or the heatmaps
 * switch on and the neurons' drawings would overlap where they stand, the columns are spread just enough
 * (one undo step, said in a toast) and the view fits again. Auto-layout spaces rows the same way.
 */
import { useEffect, useRef } from 'react';
import { useOverlayStore } from '../overlay/overlay-store';
import { useEditorStore } from '../state/editor-store';
import { LAYOUT_GAP } from '../state/network-edits';
import { useUiStore } from '../state/ui-store';
import { useBoundaryStore } from '../state/boundary-store';
import { MIN_GAP, nodeHeight, type NodeExtras } from './node-extent';
import { makeRoom, needsRoom } from './room';

/** What the overlays draw under every card right now. */
export function currentExtras(): NodeExtras {
  return { budget: useOverlayStore.getState().mode === 'contributions', heatmap: useBoundaryStore.getState().enabled };
}

/** The row pitch auto-layout uses for the current extras. */
export function currentRowPitch(): number {
  return Math.max(LAYOUT_GAP.y, nodeHeight(currentExtras()) + 2 * MIN_GAP.y);
}

/** Mounted once by the canvas; `fit` fits the view after a spread. */
export function useRoomForExtras(fit: () => void): void {
  const budget = useOverlayStore((s) => s.mode === 'contributions');
  const heatmap = useBoundaryStore((s) => s.enabled);
  const fitRef = useRef(fit);
  useEffect(() => {
    fitRef.current = fit;
  }, [fit]);
  useEffect(() => {
    const extras = { budget, heatmap };
    const store = useEditorStore.getState();
    if (!needsRoom(store.network, extras)) return;
    if (!store.commit((net) => makeRoom(net, extras))) return;
    useUiStore.getState().toast(`Moved neurons apart to make room for the ${heatmap ? 'heatmaps' : 'E/I budgets'} (undo puts them back).`);
    setTimeout(() => fitRef.current(), 30);
  }, [budget, heatmap]);
}
