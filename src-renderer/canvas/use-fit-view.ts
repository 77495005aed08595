import { getViewportForBounds, useReactFlow, type Viewport } from '@xyflow/react';
import { useCallback, useEffect, useRef, type RefObject } from 'react';
import { useEditorStore } from '../state/editor-store';
import type { CanvasEdge, CanvasNode } from '../state/flow-types';
import { useUiStore } from '../state/ui-store';
import { levelsOf, tallLevels } from './layers';
import { useLayerStore } from './layer-store';
import { nodeHeight } from './node-extent';
import { currentExtras, useRoomForExtras } from './use-room';
import { FIT, LEGIBLE_ZOOM, MINIMAP, ZOOM_LIMITS } from './view-limits';

/** The canvas's fit view and what keeps it fitted; `fitted` is true while the view is as the last fit left it. */
export interface FitView {
  fitLegibly(): void;
  fitted: RefObject<boolean>;
  onMoveStart(e: MouseEvent | TouchEvent | null): void;
  onMoveEnd(e: unknown, viewport: Viewport): void;
}

/**
 * Fit view around the minimap, after collapsing levels too tall to read; the view fits again when a document
 * loads, when overlays spread the neurons, and when the canvas resizes while fitted (the dock, side panels).
 */
export function useFitView(wrapperRef: RefObject<HTMLDivElement | null>, size: { width: number; height: number }, showMinimap: boolean, loadCount: number): FitView {
  const rf = useReactFlow<CanvasNode, CanvasEdge>();
  // True while the view is as the last fit left it: a resize (dock, panels) then fits again.
  const fitted = useRef(false);
  const minimapShown = useRef(showMinimap);
  useEffect(() => {
    minimapShown.current = showMinimap;
  }, [showMinimap]);

  const fit = useCallback(() => {
    fitted.current = true;
    const el = wrapperRef.current;
    // `data-fits` counts fits whose animation has ended (written directly: no re-render of the canvas for it).
    const settled = () => {
      if (wrapperRef.current) wrapperRef.current.dataset.fits = String(Number(wrapperRef.current.dataset.fits ?? 0) + 1);
    };
    if (!el || !minimapShown.current || !rf.getNodes().length) return void rf.fitView(FIT).then(settled);
    // Leave the minimap's corner free: reserve its width on the right or its height at the bottom, whichever zooms less out.
    const bounds = rf.getNodesBounds(rf.getNodes());
    const { clientWidth: w, clientHeight: h } = el;
    const options = [
      { ...FIT.padding, right: `${MINIMAP.width + 24}px` as const },
      { ...FIT.padding, bottom: `${MINIMAP.height + 24}px` as const },
    ].map((padding) => getViewportForBounds(bounds, w, h, ZOOM_LIMITS.min, FIT.maxZoom, padding));
    const best = options[0].zoom >= options[1].zoom ? options[0] : options[1];
    void rf.setViewport(best, { duration: FIT.duration }).then(settled);
  }, [rf, wrapperRef]);

  // Fit view keeps labels legible: levels too tall to read at fit are collapsed into layer nodes first (unless
  // the user expanded one since the document loaded), then the view fits.
  const fitLegibly = useCallback(() => {
    const layers = useLayerStore.getState();
    // With heatmaps on, the user came to see every neuron's map: nothing collapses then.
    if (!layers.userExpanded && !currentExtras().heatmap) {
      const height = wrapperRef.current?.clientHeight ?? 560;
      const tall = tallLevels(levelsOf(useEditorStore.getState().network), (height - 40) / LEGIBLE_ZOOM, nodeHeight(currentExtras())).filter((l) => !layers.collapsed.includes(l));
      if (tall.length) {
        layers.collapse(tall);
        useUiStore.getState().toast(`Collapsed ${tall.length === 1 ? 'a level' : `${tall.length} levels`} too tall to read into layer nodes; double-click one (or ⤢) to expand it.`);
        setTimeout(fit, 60);
        return;
      }
    }
    fit();
  }, [fit, wrapperRef]);
  useRoomForExtras(fit);

  useEffect(() => {
    useLayerStore.getState().reset();
  }, [loadCount]);

  useEffect(() => {
    if (loadCount) requestAnimationFrame(fitLegibly);
  }, [loadCount, fitLegibly]);

  // The dock or a side panel opened or closed: keep a fitted network fitted to the space it now has.
  useEffect(() => {
    if (fitted.current && size.width && size.height) fit();
  }, [size.width, size.height, showMinimap, fit]);

  const onMoveEnd = useCallback((_: unknown, viewport: Viewport) => useEditorStore.getState().setViewport(viewport), []);
  // A pan or zoom by the user ends "fitted"; programmatic moves (fit itself, zoom buttons) come without an event.
  const onMoveStart = useCallback((e: MouseEvent | TouchEvent | null) => {
    if (e) fitted.current = false;
  }, []);

  return { fitLegibly, fitted, onMoveStart, onMoveEnd };
}
