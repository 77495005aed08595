import { useEffect, useState, type RefObject } from 'react';

/** The canvas's size in pixels, followed as panels and the dock open and close. */
export function useCanvasSize(el: RefObject<HTMLDivElement | null>): { width: number; height: number } {
  const [size, setSize] = useState({ width: 0, height: 0 });
  useEffect(() => {
    const node = el.current;
    if (!node) return;
    const ro = new ResizeObserver(() => setSize({ width: node.clientWidth, height: node.clientHeight }));
    ro.observe(node);
    return () => ro.disconnect();
  }, [el]);
  return size;
}
