import { useEffect, useRef } from 'react';
import { CLASS_COLORS, gridRange, rampColor } from './heatmap-colors';

/** A res × res grid (row j = 0 at the bottom) painted into a canvas; class grids use class colours, others the ramp. */
export function HeatmapCanvas({ grid, res, classes, className, testId }: { grid: readonly number[]; res: number; classes?: boolean; className?: string; testId?: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [lo, hi] = classes ? [0, 1] : gridRange(grid);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const img = ctx.createImageData(res, res);
    for (let j = 0; j < res; j++) {
      for (let i = 0; i < res; i++) {
        const v = grid[j * res + i];
        const [r, g, b] = classes ? CLASS_COLORS[Math.max(0, v) % CLASS_COLORS.length] : rampColor((v - lo) / (hi - lo));
        const at = ((res - 1 - j) * res + i) * 4;
        img.data[at] = r;
        img.data[at + 1] = g;
        img.data[at + 2] = b;
        img.data[at + 3] = classes ? 110 : 255;
      }
    }
    ctx.putImageData(img, 0, 0);
  }, [grid, res, classes, lo, hi]);
  return <canvas ref={ref} width={res} height={res} className={className} data-testid={testId} data-min={lo} data-max={hi} />;
}
