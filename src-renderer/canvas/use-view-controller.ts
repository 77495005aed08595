import { useReactFlow } from '@xyflow/react';
import { useEffect, useMemo, useRef, type PointerEvent, type RefObject } from 'react';
import { setViewController } from '../state/command-bus';
import type { CanvasEdge, CanvasNode } from '../state/flow-types';
import { ZOOM_LIMITS, ZOOM_STEP } from './view-limits';

/** Pointer handlers for the canvas's wrapper, which follow the pointer for pasting where the user points. */
export interface PointerTracking {
  onPointerMove(e: PointerEvent): void;
  onPointerLeave(): void;
}

/**
 * Hands the commands (menu, shortcuts, toolbar) the canvas's view: fit, zoom about the centre of the canvas
 * (the wheel zooms about the pointer, as React Flow does), its centre, and where the pointer is for pasting.
 */
export function useViewController(wrapperRef: RefObject<HTMLDivElement | null>, fitLegibly: () => void, fitted: RefObject<boolean>): PointerTracking {
  const rf = useReactFlow<CanvasNode, CanvasEdge>();
  // The last pointer position over the canvas (client coordinates), for pasting where the user points.
  const pointer = useRef<{ x: number; y: number } | null>(null);

  useEffect(() => {
    const zoomBy = (k: number) => {
      const el = wrapperRef.current;
      if (!el) return;
      fitted.current = false;
      const { x, y, zoom } = rf.getViewport();
      const next = Math.min(ZOOM_LIMITS.max, Math.max(ZOOM_LIMITS.min, zoom * k));
      const cx = el.clientWidth / 2;
      const cy = el.clientHeight / 2;
      const r = next / zoom;
      void rf.setViewport({ x: cx - (cx - x) * r, y: cy - (cy - y) * r, zoom: next }, { duration: 150 });
    };
    setViewController({
      fitView: fitLegibly,
      zoomIn: () => zoomBy(ZOOM_STEP),
      zoomOut: () => zoomBy(1 / ZOOM_STEP),
      center: () => {
        const r = wrapperRef.current?.getBoundingClientRect();
        return r ? rf.screenToFlowPosition({ x: r.left + r.width / 2, y: r.top + r.height / 2 }) : { x: 0, y: 0 };
      },
      pointer: () => (pointer.current ? rf.screenToFlowPosition(pointer.current) : null),
    });
    return () => setViewController(null);
  }, [rf, fitLegibly, wrapperRef, fitted]);

  return useMemo(
    () => ({
      onPointerMove: (e: PointerEvent) => {
        pointer.current = { x: e.clientX, y: e.clientY };
      },
      onPointerLeave: () => {
        pointer.current = null;
      },
    }),
    [],
  );
}
