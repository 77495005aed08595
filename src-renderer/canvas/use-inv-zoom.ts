import { useStoreApi } from '@xyflow/react';
import { useEffect, type RefObject } from 'react';
import type { CanvasEdge, CanvasNode } from '../state/flow-types';

/**
 * Pop-ups on the canvas (a budget's equation, a hovered synapse's numbers) stay at screen size: they scale by
 * `--inv-zoom` (1 / zoom). The variable is set once the zoom settles, never per frame: changing an inherited
 * custom property restyles the whole canvas, which with thousands of synapses would make every zoom frame slow.
 */
export function useInverseZoom(wrapperRef: RefObject<HTMLDivElement | null>): void {
  const flowStore = useStoreApi<CanvasNode, CanvasEdge>();
  useEffect(() => {
    const apply = () => wrapperRef.current?.style.setProperty('--inv-zoom', String(1 / flowStore.getState().transform[2]));
    apply();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = flowStore.subscribe((s, prev) => {
      if (s.transform[2] === prev.transform[2]) return;
      clearTimeout(timer);
      timer = setTimeout(apply, 150);
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [flowStore, wrapperRef]);
}
