/**
 * Sweeps: Setup trains a grid (learning rate × width of a hidden layer × seed) as ordinary runs in workers, compared
 * in one table and one chart, legible at 1280×720 and 1440×900; "Use best" puts the winner on the canvas.
 */
import type { Locator, Page } from '@playwright/test';
import { menu, neuron } from './canvas-helpers';
import { expect, test } from './fixtures';

type Box = { x: number; y: number; width: number; height: number };
const box = async (l: Locator): Promise<Box> => (await l.boundingBox())!;
const inside = (a: Box, b: Box) => a.x >= b.x - 0.5 && a.y >= b.y - 0.5 && a.x + a.width <= b.x + b.width + 0.5 && a.y + a.height <= b.y + b.height + 0.5;
const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** The dialog, its parts and its text fit the window and each other. */
async function checkLegible(page: Page, label: string) {
  const vp = page.viewportSize()!;
  const dialog = page.getByTestId('sweep-dialog');
  const d = await box(dialog);
  expect(inside(d, { x: 0, y: 0, width: vp.width, height: vp.height }), `${label}: dialog inside the window`).toBe(true);
  const table = await box(page.getByTestId('sweep-table'));
  const chart = await box(page.getByTestId('sweep-chart'));
  for (const [name, b] of [['table', table], ['chart', chart], ['start', await box(page.getByTestId('sweep-start'))], ['use best', await box(page.getByTestId('sweep-best'))]] as const) {
    expect(inside(b, d), `${label}: ${name} inside the dialog`).toBe(true);
  }
  expect(overlap(table, chart), `${label}: table and chart side by side`).toBe(false);
  // Every column shows whole, the Use buttons included: the table never needs scrolling sideways.
  const fits = await page.getByTestId('sweep-table').evaluate((el) => el.scrollWidth <= el.clientWidth + 1);
  expect(fits, `${label}: table without sideways scrolling`).toBe(true);
  const use = await box(page.getByTestId('sweep-use').last());
  expect(inside(use, table), `${label}: the last Use button inside the table`).toBe(true);
  const smallest = await dialog.evaluate((el) =>
    Math.min(...[...el.querySelectorAll('td, th, label, button, p, span')].filter((e) => (e as HTMLElement).offsetParent && e.textContent?.trim()).map((e) => parseFloat(getComputedStyle(e).fontSize))),
  );
  expect(smallest, `${label}: text at least 10 px`).toBeGreaterThanOrEqual(10);
}

test('a sweep trains a grid as runs in workers, compares them, and the best goes on the canvas in one click', async ({ page }) => {
  test.setTimeout(180_000);
  await menu(page, 'File', 'file.newFromExample');
  await page.getByTestId('example-xor').click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Opened example XOR' })).toBeVisible();
  await expect(neuron(page, 'x1')).toBeVisible();
  const nodesBefore = await page.locator('.react-flow__node').count();

  const toggle = page.getByTestId('training-toggle');
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await page.getByTestId('cfg-epochs').fill('12');
  await page.getByTestId('cfg-epochs').press('Enter');
  await expect(page.getByTestId('cfg-precision')).toHaveValue('float64');

  await page.getByTestId('sweep-open').click();
  const dialog = page.getByTestId('sweep-dialog');
  await expect(dialog).toBeVisible();
  await page.getByTestId('sweep-lrs').fill('0.003, 0.05');
  // The first hidden layer, resized to 2 and 6 neurons.
  await page.getByTestId('sweep-layer').selectOption('0');
  const layerSize = Number(/\((\d+) neurons\)/.exec((await page.getByTestId('sweep-layer').locator('option:checked').textContent())!)![1]);
  await page.getByTestId('sweep-widths').fill('2, 6');
  await page.getByTestId('sweep-seeds').fill('1');
  await expect(page.getByTestId('sweep-size')).toContainText('4 runs of 12 epochs');

  // A bad value is refused with a message, and nothing starts.
  await page.getByTestId('sweep-seeds').fill('1, x');
  await page.getByTestId('sweep-start').click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Seeds: "x" is not a number.' })).toBeVisible();
  await expect(page.getByTestId('sweep-table')).toHaveCount(0);
  await page.getByTestId('sweep-seeds').fill('1');

  await page.getByTestId('sweep-start').click();
  const rows = page.getByTestId('sweep-row');
  await expect(rows).toHaveCount(4);
  await expect(page.getByTestId('sweep-status')).toContainText(/worker/);
  // The sweep leaves the canvas alone: no live weights, no structure lock, the same network.
  await expect(page.getByTestId('structure-lock')).toHaveCount(0);
  await expect(page.locator('.react-flow__node')).toHaveCount(nodesBefore);

  await expect(page.getByTestId('sweep-status')).toContainText('4 of 4 runs done', { timeout: 150_000 });
  await expect(rows.filter({ has: page.locator('td', { hasText: 'completed' }) })).toHaveCount(4);
  const chart = page.getByTestId('sweep-chart');
  const series = JSON.parse((await chart.getAttribute('data-series'))!) as Record<string, (number | null)[]>;
  expect(Object.keys(series)).toEqual(['#1', '#2', '#3', '#4']);
  expect(Object.values(series).every((s) => s.filter((v) => v !== null).length === 12)).toBe(true);

  // The best row is the one with the lowest loss.
  const losses = (await page.getByTestId('sweep-loss').allTextContents()).map(Number);
  const bestIndex = losses.indexOf(Math.min(...losses));
  await expect(rows.nth(bestIndex)).toHaveAttribute('data-best', 'true');
  const bestWidth = Number(await rows.nth(bestIndex).locator('td').nth(2).textContent());
  const bestLr = (await rows.nth(bestIndex).locator('td').nth(1).textContent())!;

  await checkLegible(page, '1280×720');
  await page.screenshot({ path: 'e2e/artifacts/sweep-1280x720.png' });
  await page.setViewportSize({ width: 1440, height: 900 });
  await checkLegible(page, '1440×900');
  await page.screenshot({ path: 'e2e/artifacts/sweep-1440x900.png' });
  await page.setViewportSize({ width: 1280, height: 720 });

  await page.getByTestId('sweep-best').click();
  await expect(page.getByTestId('toast').filter({ hasText: /Loaded the best weights of run/ })).toBeVisible();
  // The canvas now has the best run's network: the first hidden layer at its width.
  await expect(page.locator('.react-flow__node')).toHaveCount(nodesBefore - layerSize + bestWidth);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('cfg-lr')).toHaveValue(bestLr);

  // Each run of the sweep is an ordinary run in the history.
  await page.getByTestId('training-tab-runs').click();
  await expect(page.getByTestId('run-row')).toHaveCount(4);
  // One undo step takes the canvas back to the network as drawn.
  await page.keyboard.press('Control+z');
  await expect(page.locator('.react-flow__node')).toHaveCount(nodesBefore);
});

test('a long sweep leaves the window quick: the status bar follows it with the dialog closed, and Stop lands at once', async ({ page }) => {
  test.setTimeout(120_000);
  await menu(page, 'File', 'file.newFromExample');
  await page.getByTestId('example-xor').click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Opened example XOR' })).toBeVisible();
  const toggle = page.getByTestId('training-toggle');
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  // XOR trains a thousand epochs a second and more in each run: a minute of news per run for the window.
  await page.getByTestId('cfg-epochs').fill('100000');
  await page.getByTestId('cfg-epochs').press('Enter');
  await page.getByTestId('cfg-precision').selectOption('float32');
  await page.getByTestId('sweep-open').click();
  await page.getByTestId('sweep-lrs').fill('0.01, 0.1');
  await page.getByTestId('sweep-seeds').fill('1, 2');
  await expect(page.getByTestId('sweep-size')).toContainText('4 runs of 100000 epochs with the rest of Setup (float32 arithmetic)');
  await page.getByTestId('sweep-start').click();
  const rows = page.getByTestId('sweep-row');
  await expect(rows).toHaveCount(4);
  const epoch = rows.first().getByTestId('sweep-epoch');
  await expect.poll(async () => Number(await epoch.textContent()), { timeout: 30_000 }).toBeGreaterThan(100);

  // With the dialog closed the status bar tells of the sweep, legibly, and brings the dialog back.
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('sweep-dialog')).toHaveCount(0);
  const status = page.getByTestId('sweep-progress-status');
  await expect(status).toContainText(/Sweep: \d of 4 runs done, \d training on \d workers?…/);
  for (const [width, height, scheme] of [[1280, 720, 'light'], [1440, 900, 'dark']] as const) {
    await page.setViewportSize({ width, height });
    await page.emulateMedia({ colorScheme: scheme });
    const b = (await status.boundingBox())!;
    const bar = (await page.locator('.statusbar').boundingBox())!;
    const facts = (await page.locator('.statusbar__facts').boundingBox())!;
    expect(b.x >= bar.x && b.y >= bar.y - 0.5 && b.x + b.width <= Math.min(width, bar.x + bar.width) && b.y + b.height <= bar.y + bar.height + 0.5, `${width}×${height}: in the status bar`).toBe(true);
    expect(overlap(b, facts), `${width}×${height}: beside the counts`).toBe(false);
    expect(parseFloat(await status.evaluate((el) => getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(10);
    await page.screenshot({ path: `e2e/artifacts/sweep-status-${width}x${height}-${scheme}.png` });
  }
  await status.click();
  await expect(page.getByTestId('sweep-dialog')).toBeVisible();

  // Stop lands while the first run is still training: it ends stopped, and the runs not begun never start.
  await page.getByTestId('sweep-stop').click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Sweep stopped.' })).toBeVisible({ timeout: 10_000 });
  await expect(rows.first()).toHaveAttribute('data-status', 'stopped');
  const last = Number(await epoch.textContent());
  expect(last).toBeLessThan(100_000);
  // Not one epoch lost on the way, though they travel together: the stopped run's line has a point for each.
  const line = JSON.parse((await page.getByTestId('sweep-chart').getAttribute('data-series'))!)['#1'].filter((v: number | null) => v !== null);
  expect(line).toHaveLength(last);
  await expect(page.locator('[data-testid="sweep-row"][data-status="completed"]')).toHaveCount(0);
  await expect(status).toHaveCount(0);
});
