/**
 * Training journeys: a CSV trained in the worker with the curve falling on screen, pause and
 * resume, stop, the confusion matrix, the run surviving save and reopen, a run made by the CLI
 * appearing in the app; and the same data trained with and without Dale's constraint, compared.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { menu, saveAs, neuron } from './canvas-helpers';
import { expect, ROOT, test } from './fixtures';

/** Two classes split by a line, with a deterministic spread of points. */
function twoClassCsv(rows = 240, name = 'sides'): string {
  const dir = mkdtempSync(join(tmpdir(), 'neurite-train-'));
  const lines = ['x1,x2,side'];
  for (let i = 0; i < rows; i++) {
    const x1 = Math.sin(i * 12.9898) * 2;
    const x2 = Math.cos(i * 78.233) * 2;
    lines.push(`${x1.toFixed(4)},${x2.toFixed(4)},${x1 + 0.5 * x2 > 0 ? 'above' : 'below'}`);
  }
  const file = join(dir, `${name}.csv`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

async function setField(page: Page, testId: string, value: string) {
  const field = page.getByTestId(testId);
  await field.fill(value);
  await field.press('Enter');
  await expect(field).toHaveValue(value);
}

/** The values the live chart draws for one series. */
async function drawn(page: Page, label: string, testId = 'live-chart'): Promise<number[]> {
  const json = await page.getByTestId(testId).getAttribute('data-series');
  return ((JSON.parse(json ?? '{}') as Record<string, (number | null)[]>)[label] ?? []).filter((v): v is number => v !== null);
}

async function openDock(page: Page) {
  const toggle = page.getByTestId('training-toggle');
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
}

const progressEpoch = async (page: Page) => Number(await page.getByTestId('training-progress').getAttribute('data-epoch'));
/** Completed epochs and steps into the next, as `epoch:step`. */
const progressPosition = async (page: Page) => {
  const bar = page.getByTestId('training-progress');
  return `${await bar.getAttribute('data-epoch')}:${await bar.getAttribute('data-step')}`;
};


async function reopen(page: Page, name: string) {
  await menu(page, 'File', 'file.close');
  const unsaved = page.getByTestId('unsaved-dialog');
  if (await unsaved.isVisible()) await unsaved.getByRole('button', { name: 'Don’t Save' }).click();
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
  await page.keyboard.press('Control+o');
  await page.getByTestId(`open-file-${name}`).click();
  await expect(page).toHaveTitle(`${name} — Neurite`);
}

test.describe('training', () => {
  test('trains an imported CSV: the curve falls, pause and resume, stop, confusion matrix, history after reopen, CLI runs appear', async ({ page, app }) => {
    test.setTimeout(120_000);
    const chooser = page.waitForEvent('filechooser');
    await menu(page, 'File', 'file.importCsv');
    await (await chooser).setFiles(twoClassCsv());
    await page.getByTestId('import-run').click();
    await expect(page.getByTestId('import-wizard')).toHaveCount(0);
    await expect(neuron(page, 'side=above')).toBeVisible();

    await openDock(page);
    await expect(page.getByTestId('cfg-loss')).toContainText('Auto (cross-entropy)');
    // Batch size 1 and many epochs: slow enough to pause, resume and stop by hand.
    await setField(page, 'cfg-batch', '1');
    await setField(page, 'cfg-epochs', '100000');
    await page.getByTestId('cfg-lr').fill('abc');
    await page.getByTestId('cfg-lr').press('Enter');
    await expect(page.getByTestId('toast').filter({ hasText: 'Learning rate: "abc" is not a number.' })).toBeVisible();
    await expect(page.getByTestId('cfg-lr')).toHaveValue('0.01');

    await page.getByTestId('train-start').click();
    await expect(page.getByTestId('structure-lock')).toBeVisible();
    await expect.poll(async () => (await drawn(page, 'train loss')).length, { timeout: 20_000 }).toBeGreaterThan(8);

    // Structure edits are refused while training; the canvas still selects.
    await neuron(page, 'x1').click();
    await page.keyboard.press('Delete');
    await expect(page.getByTestId('toast').filter({ hasText: 'Training is running' })).toBeVisible();
    await expect(neuron(page, 'x1')).toBeVisible();

    await page.getByTestId('train-pause').click();
    await expect(page.getByTestId('training-progress')).toHaveAttribute('data-paused', 'true');
    await expect(page.getByTestId('train-pause')).toHaveAttribute('aria-label', 'Resume');
    const pausedAt = await progressEpoch(page);
    // One epoch by hand while paused, then one batch: the run moves by exactly those steps and no more
    // (the worker takes messages in order, so a run that kept going would be past this position).
    await page.getByTestId('train-step-epoch').click();
    await expect.poll(() => progressEpoch(page)).toBe(pausedAt + 1);
    await page.getByTestId('train-step-batch').click();
    await expect.poll(() => progressPosition(page)).toBe(`${pausedAt + 1}:1`);
    expect(await progressEpoch(page)).toBe(pausedAt + 1);
    await page.getByTestId('train-pause').click();
    await expect(page.getByTestId('training-progress')).toHaveAttribute('data-paused', 'false');
    await expect.poll(() => progressEpoch(page), { timeout: 10_000 }).toBeGreaterThan(pausedAt + 2);

    await page.getByTestId('train-stop').click();
    await expect(page.getByTestId('structure-lock')).toHaveCount(0);
    await expect(page.getByTestId('toast').filter({ hasText: /Training stopped: run/ })).toBeVisible();

    // The curve the chart drew fell.
    await page.getByTestId('training-tab-curves').click();
    const loss = await drawn(page, 'train loss');
    expect(loss.length).toBeGreaterThan(10);
    expect(loss.at(-1)!).toBeLessThan(loss[0] * 0.6);

    // Confusion matrix over the validation rows, with the classes' names, and a sensible accuracy.
    await page.getByTestId('training-tab-results').click();
    const matrix = page.getByTestId('confusion-val');
    await expect(matrix).toContainText('above');
    await expect(matrix).toContainText('below');
    const rows = Number((await page.getByTestId('result-val').locator('h4 .muted').textContent())!.replace(/\D/g, ''));
    const counts = await matrix.locator('td[data-count]').evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-count'))));
    expect(counts).toHaveLength(4);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(rows);
    expect(counts[0] + counts[3]).toBeGreaterThanOrEqual(0.85 * rows);
    await page.screenshot({ path: 'e2e/artifacts/training.png' });

    // Undo takes the whole run's weights back in one step.
    await expect(page).toHaveTitle(/^● /);
    await saveAs(page, 'sides');

    // The CLI trains the saved project in the same worker code and stores a run in the file.
    const file = join(app.projectsDir, 'sides.neurite');
    const out = execFileSync(process.execPath, [join(ROOT, 'out/main/cli.js'), 'train', file, '--epochs', '5'], { encoding: 'utf8' });
    expect(out).toMatch(/accuracy=/);

    await reopen(page, 'sides');
    await openDock(page);
    await page.getByTestId('training-tab-runs').click();
    const runRows = page.getByTestId('run-row');
    await expect(runRows).toHaveCount(2);
    await expect(runRows.nth(0)).toHaveAttribute('data-status', 'stopped');
    await expect(runRows.nth(1)).toHaveAttribute('data-status', 'completed');
    // No neuron is marked E or I, so neither run had Dale's constraint on, and the list says so.
    await expect(runRows.nth(0)).toHaveAttribute('data-dale', 'off');
    await expect(runRows.nth(1)).toHaveAttribute('data-dale', 'off');
    await runRows.nth(0).getByTestId('run-compare').click();
    await runRows.nth(1).getByTestId('run-compare').click();
    await expect.poll(async () => (await drawn(page, '#2 free train loss', 'compare-chart')).length).toBe(5);
    expect((await drawn(page, '#1 free train loss', 'compare-chart')).length).toBe(loss.length);
  });

  test("trains the same data with and without Dale's constraint and compares the runs", async ({ page }) => {
    test.setTimeout(90_000);
    await menu(page, 'File', 'file.newFromExample');
    await page.getByTestId('example-iris').click();
    await expect(page.getByTestId('toast').filter({ hasText: 'Opened example' })).toBeVisible();
    // Mark three hidden neurons: two excitatory, one inhibitory.
    for (const [label, sign] of [['h1', 'E'], ['h2', 'I'], ['h3', 'E']] as const) {
      await neuron(page, label).click();
      await page.getByRole('radiogroup', { name: 'Dale' }).getByRole('radio', { name: sign, exact: true }).click();
    }
    await openDock(page);
    await setField(page, 'cfg-epochs', '40');
    // F5 trains (the page handles it; a browser would otherwise reload).
    await neuron(page, 'h1').click();
    await page.keyboard.press('F5');
    await expect(page.getByTestId('toast').filter({ hasText: 'Training finished: run #1.' })).toBeVisible({ timeout: 30_000 });

    await page.getByTestId('training-tab-setup').click();
    await page.getByTestId('cfg-dale').uncheck();
    await page.getByTestId('cfg-reinit').check();
    await page.getByTestId('train-start').click();
    await expect(page.getByTestId('toast').filter({ hasText: 'Training finished: run #2.' })).toBeVisible({ timeout: 30_000 });

    await page.getByTestId('training-tab-runs').click();
    const runRows = page.getByTestId('run-row');
    await expect(runRows).toHaveCount(2);
    await expect(runRows.nth(0)).toHaveAttribute('data-dale', 'on');
    await expect(runRows.nth(1)).toHaveAttribute('data-dale', 'off');
    // Unconstrained training breaks some signs (the canvas has run 2's weights); the Dale run keeps every one.
    await expect(page.getByTestId('dale-violations')).not.toHaveAttribute('data-broken', '0');
    await runRows.nth(0).getByTestId('run-load').click();
    await expect(page.getByTestId('dale-violations')).toHaveAttribute('data-broken', '0');
    await runRows.nth(0).getByTestId('run-compare').click();
    await runRows.nth(1).getByTestId('run-compare').click();
    await expect.poll(async () => (await drawn(page, '#1 Dale validation loss', 'compare-chart')).length).toBe(40);
    expect((await drawn(page, '#2 free validation loss', 'compare-chart')).length).toBe(40);
    await page.screenshot({ path: 'e2e/artifacts/training-dale.png' });
  });

  test('heatmaps on every neuron and the decision boundary follow training; predictions sit beside the truth', async ({ page }) => {
    test.setTimeout(90_000);
    await menu(page, 'File', 'file.newFromExample');
    await page.getByTestId('example-xor').click();
    await expect(page.getByTestId('toast').filter({ hasText: 'Opened example XOR' })).toBeVisible();
    await openDock(page);
    await page.getByTestId('training-tab-boundary').click();
    await page.getByTestId('heatmaps-toggle').check();
    // Shortcuts still work while the checkbox has focus (it takes no typing).
    await page.keyboard.press('1');
    await expect(page.getByTestId('overlay-weights')).toHaveAttribute('aria-checked', 'true');
    await page.keyboard.press('0');
    const labels = await page.locator('.react-flow__node [data-testid^="neuron-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.slice('neuron-'.length)));
    for (const label of labels) await expect(page.getByTestId(`heatmap-${label}`)).toBeVisible();
    await expect(page.getByTestId('boundary')).toHaveAttribute('data-points', /^[1-9]\d*$/);
    const hidden = labels.find((l) => /^h\d+$/.test(l))!;
    const before = await page.getByTestId(`heatmap-${hidden}`).getAttribute('data-max');

    await page.getByTestId('training-tab-setup').click();
    await setField(page, 'cfg-epochs', '300');
    await page.getByRole('combobox', { name: 'Training speed', exact: true }).selectOption({ label: 'Full speed' });
    await page.getByTestId('train-start').click();
    await expect(page.getByTestId('toast').filter({ hasText: /Training finished/ })).toBeVisible({ timeout: 60_000 });
    await expect.poll(() => page.getByTestId(`heatmap-${hidden}`).getAttribute('data-max')).not.toBe(before);
    // The curves stay after the run; the results are one click away.
    await expect(page.getByTestId('training-tab-curves')).toHaveAttribute('aria-selected', 'true');
    await page.getByTestId('aside-details').click();

    // Predictions: the mistakes-only view holds exactly the rows the accuracy says were wrong.
    const rows = Number((await page.getByTestId('result-val').locator('h4 .muted').textContent())!.replace(/\D/g, ''));
    const accuracy = Number((await page.getByTestId('result-val-accuracy').textContent())!.replace('%', '')) / 100;
    await expect(page.getByTestId('predictions')).toHaveAttribute('data-total', String(rows));
    await page.getByTestId('predictions-mistakes').check();
    const wrong = Math.round(rows * (1 - accuracy));
    await expect(page.getByTestId('predictions')).toHaveAttribute('data-total', String(wrong));
    await expect(page.locator('[data-testid="prediction-row"][data-correct="true"]')).toHaveCount(0);
    await expect(page.locator('[data-testid="prediction-row"][data-correct="false"]')).toHaveCount(Math.min(wrong, 20));

    await page.getByTestId('training-tab-boundary').click();
    await expect(page.getByTestId('boundary-classes')).toBeVisible();
    await page.screenshot({ path: 'e2e/artifacts/heatmaps.png' });
  });

  test('a CSV imported into the same network becomes the dataset training uses', async ({ page }) => {
    for (const [name, rows] of [['sides', 120], ['more-sides', 200]] as const) {
      const chooser = page.waitForEvent('filechooser');
      await menu(page, 'File', 'file.importCsv');
      await (await chooser).setFiles(twoClassCsv(rows, name));
      await page.getByTestId('import-run').click();
      await expect(page.getByTestId('import-wizard')).toHaveCount(0);
    }
    await openDock(page);
    await page.getByTestId('training-tab-setup').click();
    const picker = page.getByTestId('training-dataset');
    await expect(picker.locator('option')).toHaveCount(2);
    await expect(picker.locator('option:checked')).toHaveText('more-sides');
  });
});

