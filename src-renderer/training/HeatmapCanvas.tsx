import { useEffect, useRef } from 'react';
import { CLASS_COLORS, paintHeat, type HeatScale } from './heatmap-colors';
import { queuePaint } from './paint-queue';

/**
 * A res × res grid (row j = 0 at the bottom) painted into a canvas, on a diverging or sequential scale, or
 * in class colours. The canvas keeps its square pixels; CSS sizes it square too, so circles stay circles.
 */
export function HeatmapCanvas({ grid, res, scale, className, testId }: { grid: readonly number[]; res: number; scale: HeatScale | 'classes'; className?: string; testId?: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    queuePaint(canvas, () => {
      const ctx = canvas.getContext('2d');
      if (!ctx) return;
      const img = ctx.createImageData(res, res);
      const px = img.data;
      for (let j = 0; j < res; j++) {
        for (let i = 0; i < res; i++) {
          const v = grid[j * res + i];
          const at = ((res - 1 - j) * res + i) * 4;
          if (scale !== 'classes') paintHeat(px, at, v, scale);
          else {
            px.set(CLASS_COLORS[Math.max(0, v) % CLASS_COLORS.length], at);
            px[at + 3] = 110;
          }
        }
      }
      ctx.putImageData(img, 0, 0);
    });
  }, [grid, res, scale]);
  const s = scale === 'classes' ? null : scale;
  return <canvas ref={ref} width={res} height={res} className={className} data-testid={testId} data-scale={s?.kind ?? 'classes'} data-min={s?.lo} data-max={s?.hi} />;
}
