/**
 * The data view of a stored dataset: per-column summary (min, max, mean, missing, category
 * counts), the rows in a paged table (in original units), and a scatter of any two columns
 * coloured by the target. Everything comes from main a page at a time.
 */
import { useEffect, useMemo, useState } from 'react';
import type { DatasetMeta } from '../../src-shared/data/schema';
import { api } from '../api';
import { classCss } from '../training/heatmap-colors';
import { formatCell } from '../../src-shared/format-number';
import './data-panels.css';

type Page = { total: number; columns: string[]; rows: { index: number; split: number; cells: (number | string | null)[] }[] };

const PAGE = 50;
const SPLIT_NAMES = ['train', 'validation', 'test'];
/** Up to this many distinct target values are coloured as classes (the app's one class palette); more as a ramp. */
const MAX_CLASSES = 8;

/** Scatter of two numeric columns from a sample of rows, points coloured by the target's value or class. */
function Scatter({ page, xCol, yCol, colourCol, classOrder }: { page: Page; xCol: number; yCol: number; colourCol: number; classOrder: string[] | null }) {
  const W = 320;
  const H = 240;
  const pts = page.rows.map((r) => ({ x: r.cells[xCol], y: r.cells[yCol], c: r.cells[colourCol] })).filter((p) => typeof p.x === 'number' && typeof p.y === 'number') as { x: number; y: number; c: number | string | null }[];
  if (!pts.length) return <p className="muted">Pick two numeric columns.</p>;
  const xs = pts.map((p) => p.x);
  const ys = pts.map((p) => p.y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const sx = (v: number) => 10 + ((v - x0) / (x1 - x0 || 1)) * (W - 20);
  const sy = (v: number) => H - 10 - ((v - y0) / (y1 - y0 || 1)) * (H - 20);
  // Classes in the dataset's own order, so class k has the same colour here as in the boundary and predictions.
  const classes = classOrder ?? [...new Set(pts.map((p) => String(p.c)))].sort();
  const numericColour = !classOrder && pts.every((p) => typeof p.c === 'number') && classes.length > MAX_CLASSES;
  const cs = pts.map((p) => (typeof p.c === 'number' ? p.c : 0));
  const [c0, c1] = [Math.min(...cs), Math.max(...cs)];
  const colour = (c: number | string | null) =>
    numericColour ? `hsl(${240 - 240 * (((c as number) - c0) / (c1 - c0 || 1))}, 70%, 45%)` : classCss(Math.max(0, classes.indexOf(String(c))));
  return (
    <svg className="ds-scatter" width={W} height={H} data-testid="data-scatter" role="img" aria-label="Scatter plot">
      {pts.map((p, i) => (
        <circle key={i} cx={sx(p.x)} cy={sy(p.y)} r={2.5} fill={colour(p.c)} fillOpacity={0.75} />
      ))}
    </svg>
  );
}

/** The data view of one stored dataset. */
export function DataView({ datasetId }: { datasetId: string }) {
  const [meta, setMeta] = useState<DatasetMeta | null>(null);
  const [page, setPage] = useState<Page | null>(null);
  const [sample, setSample] = useState<Page | null>(null);
  const [offset, setOffset] = useState(0);
  const [split, setSplit] = useState<number | undefined>(undefined);
  const [axes, setAxes] = useState<[number, number]>([0, 1]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api.request('dataset.summary', { id: datasetId }).then(setMeta, (e: Error) => setError(e.message));
    api.request('dataset.page', { id: datasetId, offset: 0, limit: 1000 }).then((s) => {
      setSample(s);
      // Start the scatter on the first two numeric columns (categorical ones cannot be plotted).
      const numeric = s.columns.map((_, j) => j).filter((j) => s.rows.some((r) => typeof r.cells[j] === 'number'));
      if (numeric.length >= 2) setAxes([numeric[0], numeric[1]]);
    }, (e: Error) => setError(e.message));
  }, [datasetId]);
  useEffect(() => {
    api.request('dataset.page', { id: datasetId, offset, limit: PAGE, split }).then(setPage, (e: Error) => setError(e.message));
  }, [datasetId, offset, split]);

  const used = useMemo(() => meta?.columns.filter((c) => c.params) ?? [], [meta]);
  const targetCol = Math.max(0, used.findIndex((c) => c.config.role === 'target'));

  if (error) return <div className="ds-problem">{error}</div>;
  if (!meta || !page) return <p className="muted">Loading…</p>;
  return (
    <div className="ds-wizard" data-testid="data-view">
      <p>
        <strong>{meta.name}</strong> — {meta.rowCount} rows ({meta.split.counts.join(' / ')} train / validation / test), {meta.features.length} input features, {meta.outputs.length} outputs
        {meta.droppedRows ? `, ${meta.droppedRows} rows dropped for missing values` : ''}.
      </p>
      <div className="ds-summary" data-testid="data-summary">
        {used.map((c) => (
          <div key={c.name}>
            <strong>{c.name}</strong> <span className="ds-inferred">{c.config.role}, {c.config.type}</span>
            <br />
            {c.summary?.min !== null && c.summary?.min !== undefined && (
              <>
                min {formatCell(c.summary.min)}, max {formatCell(c.summary.max)}, mean {formatCell(c.summary.mean)}
                <br />
              </>
            )}
            missing {c.summary?.missing ?? 0}
            {!!c.summary?.categories.length && (
              <>
                <br />
                {c.summary.categories.slice(0, 6).map((k) => `${k.value}: ${k.count}`).join(', ')}
                {c.summary.categories.length > 6 || c.summary.otherCategories ? ', …' : ''}
              </>
            )}
          </div>
        ))}
      </div>
      <div className="ds-pager">
        <select aria-label="Split" value={split ?? ''} onChange={(e) => (setSplit(e.target.value === '' ? undefined : +e.target.value), setOffset(0))}>
          <option value="">All rows</option>
          {SPLIT_NAMES.map((s, k) => (
            <option key={s} value={k}>
              {s}
            </option>
          ))}
        </select>
        <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
          ‹ Previous
        </button>
        <span data-testid="data-page-label">
          {page.total ? `${offset + 1}–${Math.min(offset + PAGE, page.total)} of ${page.total}` : 'No rows'}
        </span>
        <button type="button" disabled={offset + PAGE >= page.total} onClick={() => setOffset(offset + PAGE)}>
          Next ›
        </button>
      </div>
      <div className="ds-table-wrap" tabIndex={0} role="region" aria-label="Rows of the dataset">
        <table className="ds-table" data-testid="data-table">
          <thead>
            <tr>
              <th>#</th>
              <th>split</th>
              {page.columns.map((c) => (
                <th key={c}>{c}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {page.rows.map((r) => (
              <tr key={r.index}>
                <td>{r.index + 1}</td>
                <td>{SPLIT_NAMES[r.split]}</td>
                {r.cells.map((v, j) => (
                  <td key={j} className={typeof v === 'number' ? 'ds-num' : undefined}>
                    {formatCell(v)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {sample && (
        <div>
          <div className="ds-pager">
            Scatter
            {[0, 1].map((k) => (
              <select key={k} aria-label={k ? 'Y axis' : 'X axis'} value={axes[k]} onChange={(e) => setAxes(k ? [axes[0], +e.target.value] : [+e.target.value, axes[1]])}>
                {sample.columns.map((c, j) => (
                  <option key={c} value={j}>
                    {c}
                  </option>
                ))}
              </select>
            ))}
            <span className="muted">coloured by {sample.columns[targetCol]}, first {sample.rows.length} rows</span>
          </div>
          <Scatter page={sample} xCol={axes[0]} yCol={axes[1]} colourCol={targetCol} classOrder={meta?.targets.find((t) => t.kind === 'classes')?.classes ?? null} />
        </div>
      )}
    </div>
  );
}
