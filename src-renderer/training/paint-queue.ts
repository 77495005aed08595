/**
 * Heatmap canvases are painted a few per frame: a reply of a hundred grids arriving mid-training would
 * otherwise paint them all in one task and hold a frame for tens of milliseconds. Each canvas keeps only
 * its newest grid, so a slow frame never paints a grid that is already stale.
 */

/** How long one frame may spend painting before the rest waits for the next frame. */
const BUDGET_MS = 6;

const pending = new Map<HTMLCanvasElement, () => void>();
let scheduled = false;

function drain(): void {
  scheduled = false;
  const until = performance.now() + BUDGET_MS;
  for (const [canvas, paint] of pending) {
    pending.delete(canvas);
    if (canvas.isConnected) paint();
    if (performance.now() > until) break;
  }
  if (pending.size > 0) schedule();
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  requestAnimationFrame(drain);
}

/** Paints `canvas` with `paint` in an upcoming frame, replacing a paint of it that has not run yet. */
export function queuePaint(canvas: HTMLCanvasElement, paint: () => void): void {
  pending.delete(canvas);
  pending.set(canvas, paint);
  schedule();
}
