/** Reading the canvas as a user sees it: boxes of what is drawn for each neuron, label heights, edge ends. */
import type { Page } from '@playwright/test';
import { viewportSettled } from './canvas-helpers';
import { expect } from './fixtures';

/** What the canvas shows: pairs of neurons whose drawings overlap, the smallest label height, labels outside the canvas. */
export interface CanvasReport {
  nodes: number;
  overlaps: string[];
  minLabel: number;
  outside: string[];
}

/** Every node's box is the union of its element and everything inside it (card, budget, heatmap, badges, handles). */
export async function canvasReport(page: Page): Promise<CanvasReport> {
  await page.mouse.move(1, 1);
  return page.evaluate(() => {
    const pane = document.querySelector('.react-flow')!.getBoundingClientRect();
    const boxes = [...document.querySelectorAll<HTMLElement>('.react-flow__node')].map((el) => {
      const r = el.getBoundingClientRect();
      let [x0, y0, x1, y1] = [r.left, r.top, r.right, r.bottom];
      for (const d of el.querySelectorAll('*')) {
        const b = d.getBoundingClientRect();
        if (!b.width || !b.height) continue;
        [x0, y0, x1, y1] = [Math.min(x0, b.left), Math.min(y0, b.top), Math.max(x1, b.right), Math.max(y1, b.bottom)];
      }
      const label = el.querySelector('.neuron__label')!.getBoundingClientRect();
      return { id: el.querySelector('.neuron__label')!.textContent ?? el.dataset.id!, x0, y0, x1, y1, label };
    });
    const overlaps: string[] = [];
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i];
        const b = boxes[j];
        if (Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0) > 0.5 && Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0) > 0.5) overlaps.push(`${a.id} / ${b.id}`);
      }
    const outside = boxes.filter((b) => b.label.top < pane.top - 1 || b.label.bottom > pane.bottom + 1 || b.label.left < pane.left - 1 || b.label.right > pane.right + 1).map((b) => b.id);
    return { nodes: boxes.length, overlaps, minLabel: Math.min(...boxes.map((b) => b.label.height)), outside };
  });
}

/** Waits until the viewport stops moving (fit view animates). */
export async function settle(page: Page) {
  await viewportSettled(page);
}

/** Fit view with the keyboard (Shift+F), as a user does, and wait for it to settle. */
export async function fitWithKeys(page: Page) {
  await page.locator('.react-flow__pane').click({ position: { x: 3, y: 3 } });
  await page.keyboard.press('Shift+F');
  await settle(page);
}

/** The rule: no two neurons' drawings overlap, every label is at least 10 px tall and inside the canvas. */
export async function expectLegible(page: Page, what: string) {
  const r = await canvasReport(page);
  expect(r.nodes, `${what}: neurons drawn`).toBeGreaterThan(0);
  expect(r.overlaps, `${what}: overlapping neurons`).toEqual([]);
  expect(r.minLabel, `${what}: smallest label height (px)`).toBeGreaterThanOrEqual(10);
  expect(r.outside, `${what}: labels outside the canvas`).toEqual([]);
  return r;
}

/** Synapse paths whose start or end is not on their own nodes' handles (screen coordinates, 3 px slack). */
export async function strayEdges(page: Page): Promise<{ count: number; stray: string[] }> {
  return page.evaluate(() => {
    const stray: string[] = [];
    const paths = [...document.querySelectorAll<SVGPathElement>('path.react-flow__edge-path[data-source]')];
    for (const p of paths) {
      const m = p.getScreenCTM()!;
      const a = p.getPointAtLength(0).matrixTransform(m);
      const b = p.getPointAtLength(p.getTotalLength()).matrixTransform(m);
      const src = document.querySelector(`.react-flow__node[data-id="${p.dataset.source}"] .react-flow__handle.source`)?.getBoundingClientRect();
      const tgt = document.querySelector(`.react-flow__node[data-id="${p.dataset.target}"] .react-flow__handle.target`)?.getBoundingClientRect();
      const on = (r: DOMRect | undefined, q: DOMPoint) => !!r && r.width > 0 && Math.abs(r.x + r.width / 2 - q.x) <= 3 + r.width / 2 && Math.abs(r.y + r.height / 2 - q.y) <= 3 + r.height / 2;
      if (!on(src, a) || !on(tgt, b)) stray.push(`${p.dataset.source} → ${p.dataset.target} from (${a.x.toFixed(0)}, ${a.y.toFixed(0)})`);
    }
    return { count: paths.length, stray: stray.slice(0, 5) };
  });
}
