/** Bounding-box checks for the shell journeys: what a user sees, not what Playwright could scroll into view. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { menu } from './canvas-helpers';
import { expect } from './fixtures';

type Box = { x: number; y: number; width: number; height: number };

/** The element's box on screen (it must be rendered). */
export async function box(l: Locator): Promise<Box> {
  const b = await l.boundingBox();
  if (!b) throw new Error(`${l} has no box on screen`);
  return b;
}

/** `inner` lies wholly inside `outer` (1 px of rounding allowed). */
export function expectInside(inner: Box, outer: Box, what: string): void {
  const e = 1;
  expect(inner.x, `${what}: left edge`).toBeGreaterThanOrEqual(outer.x - e);
  expect(inner.y, `${what}: top edge`).toBeGreaterThanOrEqual(outer.y - e);
  expect(inner.x + inner.width, `${what}: right edge`).toBeLessThanOrEqual(outer.x + outer.width + e);
  expect(inner.y + inner.height, `${what}: bottom edge`).toBeLessThanOrEqual(outer.y + outer.height + e);
}

/** The element is what the user sees at its centre: not clipped, covered or scrolled away. */
export async function expectOnTop(l: Locator, what: string): Promise<void> {
  const onTop = await l.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return !!hit && (hit === el || el.contains(hit));
  });
  expect(onTop, `${what} is hidden at its place on screen`).toBe(true);
}

/**
 * A dialog and its primary button as the user sees them: the dialog inside the window, the button
 * inside the dialog and on top (not covered, not scrolled away), and no sideways scrolling in the body.
 */
export async function expectDialogFits(page: Page, dialog: Locator, primary: Locator, what: string): Promise<void> {
  const vp = page.viewportSize()!;
  const window = { x: 0, y: 0, width: vp.width, height: vp.height };
  const d = await box(dialog);
  const p = await box(primary);
  expectInside(d, window, `${what} dialog in the window`);
  expectInside(p, d, `${what} primary button in the dialog`);
  expectInside(p, window, `${what} primary button in the window`);
  // Nothing lies over the button's centre (a scrolled-away or clipped button fails here).
  const onTop = await primary.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return !!hit && (hit === el || el.contains(hit));
  });
  expect(onTop, `${what}: the primary button is what the user sees at its place`).toBe(true);
  const body = dialog.locator('.modal__body');
  const scroll = await body.evaluate((el) => ({ sw: el.scrollWidth, cw: el.clientWidth, sl: el.scrollLeft }));
  expect(scroll.sw, `${what}: the dialog body has no horizontal scroll`).toBeLessThanOrEqual(scroll.cw);
  // The title stays in view too.
  expectInside(await box(dialog.locator('.modal__title')), d, `${what} title in the dialog`);
}

/** A CSV with `cols` columns (the last a 3-class target) and wide column names, in a temp folder. */
export function wideCsv(cols: number, rows = 40): string {
  const names = [...Array.from({ length: cols - 1 }, (_, j) => `measurement_${String(j + 1).padStart(2, '0')}`), 'species'];
  const lines = [names.join(',')];
  for (let i = 0; i < rows; i++) lines.push([...Array.from({ length: cols - 1 }, (_, j) => ((i * (j + 3)) % 17) * 0.731 + j), ['setosa', 'versicolor', 'virginica'][i % 3]].join(','));
  const file = join(mkdtempSync(join(tmpdir(), 'neurite-wide-')), `wide-${cols}.csv`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** Reloads the page; a recovery prompt for the unsaved example is answered with Discard. */
export async function reloadDiscarding(page: Page): Promise<void> {
  await page.reload();
  const recovery = page.getByTestId('recovery-dialog');
  await expect(recovery.or(page.locator('[data-testid="canvas"]:not([data-loads="0"])'))).toBeVisible();
  if (await recovery.isVisible()) await recovery.getByRole('button', { name: 'Discard' }).first().click();
  await expect(recovery).toHaveCount(0);
}

/** Opens the import wizard on a CSV through File › Import CSV…. */
export async function openImport(page: Page, file: string): Promise<Locator> {
  const chooser = page.waitForEvent('filechooser');
  await menu(page, 'File', 'file.importCsv');
  await (await chooser).setFiles(file);
  const wizard = page.getByTestId('import-wizard');
  await expect(wizard.getByTestId('preview-table')).toBeVisible();
  return wizard;
}

/** Starts a new project from an example (File › New from Example…). */
export async function openExample(page: Page, kind: 'iris' | 'circles' | 'xor' = 'iris'): Promise<void> {
  await menu(page, 'File', 'file.newFromExample');
  await page.getByTestId(`example-${kind}`).click();
  const opened = page.getByTestId('toast').filter({ hasText: 'Opened example' });
  const unsaved = page.getByTestId('unsaved-dialog');
  await expect(opened.or(unsaved)).toBeVisible();
  if (await unsaved.isVisible()) await unsaved.getByRole('button', { name: 'Don’t Save' }).click();
  await expect(opened).toBeVisible();
}
