/** Turns metric histories into the aligned columns a uPlot chart draws. */
import type { History } from '../state/training-store';

/** One line of a chart. */
export interface CurveSeries {
  label: string;
  points: [number, number][];
  color: string;
  dash?: boolean;
  /** 'loss' (left axis) or 'score' (right axis: accuracy or R²). */
  scale: 'loss' | 'score';
}

/** Colours for lines, colour-blind safe and clear of the orange/purple the overlays use for signs. */
export const CURVE_COLORS = ['#0072B2', '#009E73', '#56B4E9', '#1b1f27', '#8a8f99', '#B8A200'];

/** x (the union of every series' epochs, ascending) and one y column per series, null where a series has no point. */
export function alignSeries(series: readonly CurveSeries[]): { x: number[]; ys: (number | null)[][] } {
  const x = [...new Set(series.flatMap((s) => s.points.map(([e]) => e)))].sort((a, b) => a - b);
  const at = new Map(x.map((e, i) => [e, i]));
  const ys = series.map((s) => {
    const col: (number | null)[] = new Array(x.length).fill(null);
    for (const [e, v] of s.points) col[at.get(e)!] = Number.isFinite(v) ? v : null;
    return col;
  });
  return { x, ys };
}

/** The curves of one run: train and validation loss, and the score if the run has one. */
export function runSeries(h: History, scoreName: string, color = CURVE_COLORS[0], prefix = ''): CurveSeries[] {
  const out: CurveSeries[] = [{ label: `${prefix}train loss`, points: h['train.loss'] ?? [], color, scale: 'loss' }];
  if (h['val.loss']?.length) out.push({ label: `${prefix}validation loss`, points: h['val.loss'], color, dash: true, scale: 'loss' });
  const score = h['val.score'] ?? h['train.score'];
  if (score?.length && !prefix) out.push({ label: scoreName, points: score, color: CURVE_COLORS[4], scale: 'score' });
  return out;
}
