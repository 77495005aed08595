/**
 * A project file someone tampered with, opened in the app: the trigger it carries is left out (and said
 * so), a run a crash left "running" shows as interrupted, a run whose checkpoint lies is marked damaged
 * while the others work — legible at 1280×720 and 1440×900.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import type { Locator, Page } from '@playwright/test';
import { menu, neuron, saveAs } from './canvas-helpers';
import { expect, test } from './fixtures';

const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));

/** A checkpoint state whose header claims half a billion values it does not hold. */
function lyingState(): Buffer {
  const h = Buffer.from(JSON.stringify({ lengths: [0, 0, 0, 0, 5e8], t: 1, trainerEpoch: 1, stepInEpoch: 0, rngState: 1, epoch: 1, shuffleRng: 1, bestLoss: 1, bestEpoch: 1, sinceBest: 0, pos: 0, epochLossSum: 0, epochSteps: 0 }));
  const len = Buffer.alloc(4);
  len.writeUInt32LE(h.length);
  return Buffer.concat([len, h, Buffer.alloc((8 - ((4 + h.length) % 8)) % 8)]);
}

/** Inside the viewport, at least 10 px text, not overlapping `others`. */
async function legible(page: Page, target: Locator, others: Locator[] = []): Promise<void> {
  const box = (await target.boundingBox())!;
  const vp = page.viewportSize()!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(vp.width);
  expect(box.y + box.height).toBeLessThanOrEqual(vp.height);
  expect(parseFloat(await target.evaluate((el) => getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(10);
  for (const o of others) {
    const b = (await o.boundingBox())!;
    const overlap = box.x < b.x + b.width && b.x < box.x + box.width && box.y < b.y + b.height && b.y < box.y + box.height;
    expect(overlap).toBe(false);
  }
}

test('a tampered project opens with its trigger left out, an interrupted run and a damaged one marked', async ({ page, app }) => {
  test.setTimeout(120_000);
  await menu(page, 'File', 'file.newFromExample');
  await page.getByTestId('example-iris').click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Opened example' })).toBeVisible();
  const toggle = page.getByTestId('training-toggle');
  await toggle.click();
  await page.getByTestId('cfg-epochs').fill('5');
  await page.getByTestId('cfg-epochs').press('Enter');
  await neuron(page, 'h1').click();
  for (const n of [1, 2]) {
    await page.getByTestId('train-start').click();
    await expect(page.getByTestId('toast').filter({ hasText: `Training finished: run #${n}.` })).toBeVisible({ timeout: 30_000 });
  }
  await saveAs(page, 'tampered');
  await menu(page, 'File', 'file.close');

  const file = join(app.projectsDir, 'tampered.neurite');
  const db = new Database(file);
  db.exec('CREATE TRIGGER wipe AFTER DELETE ON neurons BEGIN DELETE FROM datasets; DELETE FROM runs; END');
  const [first, second] = db.prepare('SELECT id FROM runs ORDER BY started, id').pluck().all() as string[];
  db.prepare("UPDATE runs SET status = 'running', finished = NULL WHERE id = ?").run(first);
  db.prepare('UPDATE checkpoints SET optimizer_state = ? WHERE id = ?').run(lyingState(), `${second}:final`);
  db.close();

  await page.keyboard.press('Control+o');
  await page.getByTestId('open-file-tampered').click();
  await expect(page).toHaveTitle('tampered — Neurite');
  const warning = page.getByTestId('toast').filter({ hasText: 'trigger "wipe" on neurons' });
  await expect(warning).toContainText('Neurite left it out and never ran it; the next save writes the project without it.');

  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await page.getByTestId('training-tab-runs').click();
  const rows = page.getByTestId('run-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toHaveAttribute('data-status', 'interrupted');
  await expect(rows.nth(1)).toHaveAttribute('data-status', 'damaged');
  await expect(rows.nth(1).getByRole('cell', { name: 'damaged' })).toHaveAttribute('title', /claims 4000000000 bytes of arrays but holds 0/);
  await expect(rows.nth(1).getByTestId('run-continue')).toBeDisabled();
  await expect(rows.nth(0).getByTestId('run-continue')).toBeEnabled();

  for (const size of [
    { width: 1280, height: 720 },
    { width: 1440, height: 900 },
  ]) {
    await page.setViewportSize(size);
    await legible(page, warning);
    for (const r of [0, 1]) await legible(page, rows.nth(r).getByRole('cell').nth(3), [rows.nth(r).getByRole('cell').nth(2), rows.nth(r).getByRole('cell').nth(4)]);
    await page.screenshot({ path: `${ARTIFACTS}hostile-file-${size.width}.png` });
  }

  // The interrupted run continues from its last checkpoint.
  await rows.nth(0).getByTestId('run-continue').click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Training finished: run #1.' })).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('training-tab-runs').click();
  await expect(rows.nth(0)).toHaveAttribute('data-status', 'completed');
  await expect(rows.nth(1)).toHaveAttribute('data-status', 'damaged');
});
