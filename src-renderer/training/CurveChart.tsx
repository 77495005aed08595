import { useEffect, useMemo, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { alignSeries, type CurveSeries } from './chart-data';
import { cssColor } from '../ui/css-color';
import { useUiStore } from '../state/ui-store';

// Axis text and grid follow the theme: read at draw time, redrawn when the theme changes.
const themed = { stroke: () => cssColor('--chart-axis'), grid: { stroke: () => cssColor('--chart-grid') }, ticks: { stroke: () => cssColor('--chart-grid') } };

/**
 * Loss (left axis) and accuracy or R² (right axis) by epoch, drawn with uPlot. The values drawn are
 * also on the element as data-series (label → values), for tests and for copying.
 */
export function CurveChart({ series, scoreLabel, testId, marker = null }: { series: CurveSeries[]; scoreLabel: string; testId: string; marker?: number | null }) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  // The replay's epoch, drawn as a vertical line (read by the draw hook, so a move only redraws).
  const markerRef = useRef<number | null>(marker);
  const { x, ys } = useMemo(() => alignSeries(series), [series]);
  // The chart is rebuilt only when the set of lines changes; new points just update its data.
  const shape = series.map((s) => `${s.label}|${s.color}|${s.scale}|${s.dash ? 1 : 0}`).join(';') + scoreLabel;

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const hasScore = series.some((s) => s.scale === 'score');
    const opts: uPlot.Options = {
      width: Math.max(200, el.clientWidth),
      height: Math.max(120, el.clientHeight - 30),
      scales: { x: { time: false }, loss: { auto: true }, score: { auto: true } },
      axes: [
        { label: 'epoch', size: 34, labelSize: 14, ...themed },
        { scale: 'loss', label: 'loss', size: 48, labelSize: 14, ...themed },
        ...(hasScore ? [{ scale: 'score', label: scoreLabel, side: 1, size: 48, labelSize: 14, ...themed, grid: { show: false } } as uPlot.Axis] : []),
      ],
      series: [{ label: 'epoch' }, ...series.map((s) => ({ label: s.label, stroke: s.color, width: 1.6, dash: s.dash ? [6, 4] : undefined, scale: s.scale, spanGaps: true, points: { show: false } }))],
      legend: { show: true },
      cursor: { drag: { x: true, y: false } },
      hooks: {
        draw: [
          (u) => {
            const m = markerRef.current;
            if (m === null) return;
            const x = Math.round(u.valToPos(m, 'x', true));
            const { ctx, bbox } = u;
            ctx.save();
            ctx.strokeStyle = getComputedStyle(el).getPropertyValue('--replay-marker').trim() || '#444b57';
            ctx.lineWidth = 2 * devicePixelRatio;
            ctx.setLineDash([5 * devicePixelRatio, 3 * devicePixelRatio]);
            ctx.beginPath();
            ctx.moveTo(x, bbox.top);
            ctx.lineTo(x, bbox.top + bbox.height);
            ctx.stroke();
            ctx.restore();
          },
        ],
      },
    };
    const u = new uPlot(opts, [[], ...series.map(() => [])], el);
    plot.current = u;
    const resize = new ResizeObserver(() => u.setSize({ width: Math.max(200, el.clientWidth), height: Math.max(120, el.clientHeight - 30) }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      u.destroy();
      plot.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- rebuilt by shape; data flows through the effect below
  }, [shape]);

  useEffect(() => {
    plot.current?.setData([x, ...ys] as uPlot.AlignedData);
  }, [x, ys, shape]);

  useEffect(() => {
    markerRef.current = marker;
    plot.current?.redraw(false, false);
  }, [marker]);

  const theme = useUiStore((s) => s.resolvedTheme);
  useEffect(() => {
    plot.current?.redraw(false, true);
  }, [theme]);

  const drawn = JSON.stringify(Object.fromEntries(series.map((s, i) => [s.label, ys[i]])));
  return <div ref={host} className="curve-chart" data-testid={testId} data-epochs={x.length} data-series={drawn} data-marker={marker ?? ''} role="img" aria-label={`Curves: ${series.map((s) => s.label).join(', ')} by epoch`} />;
}
