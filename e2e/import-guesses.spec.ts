/**
 * From a CSV to a trained network with the wizard's guesses: a headerless file with a metadata
 * first line and an integer class target imports with nothing changed but the Import click; Insert
 * layer puts 16 hidden neurons between the inputs and outputs; training gives a k×k confusion matrix.
 * Legibility at 1280×720 and 1440×900: the Import button lies inside the dialog and the viewport.
 */
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { edges, menu, neuron, viewportSettled } from './canvas-helpers';
import { expect, ROOT, test } from './fixtures';

const SHAPES = join(ROOT, 'src-main/services/dataset/fixtures/shapes');

/** A copy of a committed shape file under a name of its own (the wizard remembers settings per file name). */
function shape(file: string, as: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'neurite-shape-'));
  const out = join(dir, as);
  copyFileSync(join(SHAPES, file), out);
  return out;
}

async function openWizard(page: Page, file: string) {
  const chooser = page.waitForEvent('filechooser');
  await menu(page, 'File', 'file.importCsv');
  await (await chooser).setFiles(file);
  await expect(page.getByTestId('import-wizard')).toBeVisible();
  await expect(page.getByTestId('columns-table')).toBeVisible();
}

type Box = { x: number; y: number; width: number; height: number };
const inside = (a: Box, b: Box) => a.x >= b.x - 0.5 && a.y >= b.y - 0.5 && a.x + a.width <= b.x + b.width + 0.5 && a.y + a.height <= b.y + b.height + 0.5;

/** The Import button, the column list and the notes are inside the dialog, the dialog inside the viewport, and their text is at least 10 px. */
async function checkLayout(page: Page, wizard: Locator) {
  const view = page.viewportSize()!;
  const viewport = { x: 0, y: 0, width: view.width, height: view.height };
  const dialog = (await wizard.boundingBox())!;
  expect(inside(dialog, viewport), `dialog ${JSON.stringify(dialog)} in ${JSON.stringify(viewport)}`).toBe(true);
  for (const id of ['import-run', 'import-counts', 'import-notes', 'columns-table']) {
    if (!(await page.getByTestId(id).count())) continue;
    const box = (await page.getByTestId(id).boundingBox())!;
    if (id === 'columns-table') box.height = Math.min(box.height, 40); // it scrolls: its top rows are in the dialog
    expect(inside(box, dialog), `${id} ${JSON.stringify(box)} inside the dialog ${JSON.stringify(dialog)}`).toBe(true);
  }
  // Nothing overlaps the actions: the scrolling middle ends above them.
  const middle = (await wizard.locator('.ds-scroll').boundingBox())!;
  const run = (await page.getByTestId('import-run').boundingBox())!;
  expect(middle.y + middle.height).toBeLessThanOrEqual(run.y);
  const sizes = await wizard.locator('.ds-columns th, .ds-columns td, .ds-notes p, .ds-footer span').evaluateAll((els) => els.map((e) => parseFloat(getComputedStyle(e).fontSize)));
  expect(Math.min(...sizes)).toBeGreaterThanOrEqual(10);
}

test.describe('import guesses', () => {
  test('a headerless file with a metadata line and an integer class target: Import, Insert layer of 16, train, a 3×3 confusion matrix', async ({ page }) => {
    test.setTimeout(120_000);
    await openWizard(page, shape('metadata-line.csv', 'measures.csv'));
    const wizard = page.getByTestId('import-wizard');
    // The guesses are shown: the metadata line skipped, no header, column 5 as classes.
    await expect(page.getByTestId('import-notes')).toContainText('Line 1 ("45,4,small,medium,large") looks like a metadata line');
    await expect(page.getByTestId('opt-header')).not.toBeChecked();
    await expect(page.getByTestId('opt-skip')).toHaveValue('1');
    await expect(wizard.getByLabel('column 5 role')).toHaveValue('target');
    await expect(wizard.getByLabel('column 5 encoding')).toHaveValue('classes');
    await expect(page.getByTestId('hint-integer-classes')).toContainText('Whole numbers with 3 values: classes (named small, medium, large by the metadata line).');
    await expect(page.getByTestId('import-counts')).toHaveText('4 input neurons, 3 outputs');
    await checkLayout(page, wizard);
    await page.screenshot({ path: 'e2e/artifacts/import-guesses-1280.png' });

    await page.getByTestId('import-run').click();
    await expect(wizard).toHaveCount(0);
    await expect(page.getByTestId('toast').filter({ hasText: 'Imported measures: 45 rows, 4 input neurons, 3 outputs' })).toBeVisible();
    for (const label of ['column 1', 'column 4', 'column 5=small', 'column 5=large']) await expect(neuron(page, label)).toBeVisible();
    await expect(edges(page)).toHaveCount(12);
    await expect(page.locator('[data-testid^="synapse-column 1-column 5="]')).toHaveCount(3);

    // Insert layer: nothing selected, so between every input and every output.
    await page.getByTestId('canvas').click({ position: { x: 20, y: 20 } });
    await page.keyboard.press('Shift+I');
    const dialog = page.getByTestId('insert-layer-dialog');
    await expect(dialog).toBeVisible();
    await expect(page.getByTestId('insert-layer-plan')).toContainText('every input: 4 neurons');
    await expect(page.getByTestId('insert-layer-plan')).toContainText('The 12 direct synapses between them are removed.');
    await page.getByTestId('insert-layer-count').fill('16');
    const box = (await dialog.boundingBox())!;
    const run = (await page.getByTestId('insert-layer-run').boundingBox())!;
    expect(box.y >= 0 && box.y + box.height <= 720 && box.x >= 0 && box.x + box.width <= 1280).toBe(true);
    expect(run.y + run.height <= box.y + box.height && run.x + run.width <= box.x + box.width).toBe(true);
    await page.screenshot({ path: 'e2e/artifacts/insert-layer-dialog.png' });
    await page.getByTestId('insert-layer-run').click();
    await expect(dialog).toHaveCount(0);
    await expect(page.locator('.react-flow__node')).toHaveCount(4 + 16 + 3);
    await expect(edges(page)).toHaveCount(4 * 16 + 16 * 3);
    await expect(page.locator('[data-testid^="synapse-column 1-column 5="]')).toHaveCount(0);
    // One undo step takes the layer away and brings the direct synapses back.
    await page.keyboard.press('Control+z');
    await expect(page.locator('.react-flow__node')).toHaveCount(7);
    await expect(edges(page)).toHaveCount(12);
    await page.keyboard.press('Control+y');
    await expect(page.locator('.react-flow__node')).toHaveCount(23);
    await viewportSettled(page); // the fit-view transition ends before the picture
    // Neurons re-created while zoomed far out still have their handles: every synapse stays between its neurons.
    const canvasBox = (await page.getByTestId('canvas').boundingBox())!;
    const nodesLeft = await page.locator('.react-flow__node').evaluateAll((els) => Math.min(...els.map((e) => e.getBoundingClientRect().left)));
    const edgesLeft = await page.locator('.react-flow__edge-path').evaluateAll((els) => Math.min(...els.map((e) => e.getBoundingClientRect().left)));
    expect(edgesLeft).toBeGreaterThanOrEqual(nodesLeft - 2);
    expect(edgesLeft).toBeGreaterThan(canvasBox.x);
    await page.screenshot({ path: 'e2e/artifacts/insert-layer.png' });

    const toggle = page.getByTestId('training-toggle');
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    await page.getByTestId('train-start').click();
    await expect(page.getByTestId('structure-lock')).toHaveCount(0, { timeout: 60_000 });
    await page.getByTestId('training-tab-results').click();
    const matrix = page.getByTestId('confusion-val');
    await expect(matrix).toBeVisible();
    // k×k: three true-class rows of three predicted counts, plus the precision row.
    const rows = matrix.locator('tbody tr');
    await expect(rows).toHaveCount(4);
    for (let i = 0; i < 3; i++) await expect(rows.nth(i).locator('td[data-count]')).toHaveCount(3);
    await expect(matrix.locator('thead th')).toHaveText(['true ↓ / predicted →', 'large', 'medium', 'small', 'recall']);
    await page.screenshot({ path: 'e2e/artifacts/import-guesses-trained.png' });
  });

  test('a Kaggle-style file: ids and dates ignored with a way back, a stray word read as missing, the settings remembered for the file name', async ({ page }) => {
    const file = shape('dated-orders.csv', 'orders.csv');
    await openWizard(page, file);
    const wizard = page.getByTestId('import-wizard');
    await expect(page.getByTestId('opt-header')).toBeChecked();
    await expect(wizard.getByLabel('order_id role')).toHaveValue('ignore');
    await expect(wizard.getByLabel('ordered_on role')).toHaveValue('ignore');
    await expect(page.getByTestId('hint-date')).toContainText('Dates: ignored.');
    await expect(page.getByTestId('hint-strays')).toContainText('"unknown" read as missing');
    await expect(wizard.getByLabel('returned encoding')).toHaveValue('classes');
    await expect(page.getByTestId('import-counts')).toHaveText('5 input neurons, 2 outputs');
    await checkLayout(page, wizard);

    // Dates can come back as three numeric inputs: year, day of year, weekday.
    await page.getByTestId('hint-use-date').click();
    await expect(wizard.getByLabel('ordered_on type')).toHaveValue('date');
    await expect(page.getByTestId('import-counts')).toHaveText('8 input neurons, 2 outputs');
    await page.getByTestId('hint-date').getByTestId('hint-ignore').click();
    await expect(page.getByTestId('import-counts')).toHaveText('5 input neurons, 2 outputs');

    // "Use it" brings the id column back: 60 one-hot inputs, and the import asks first.
    await page.getByTestId('hint-near-unique').getByTestId('hint-use').click();
    await expect(page.getByTestId('import-counts')).toHaveText('65 input neurons, 2 outputs');
    await page.getByTestId('import-run').click();
    await expect(page.getByTestId('import-confirm-many')).toContainText('This import makes 65 input neurons (order_id: 60, shop: 3)');
    await page.getByTestId('import-confirm-back').click();
    await page.getByTestId('hint-near-unique').getByTestId('hint-ignore').click();
    // Making "shop" the target demotes "returned" to a feature with a feature's missing rule.
    await wizard.getByLabel('shop role').selectOption('target');
    await expect(wizard.getByLabel('returned role')).toHaveValue('feature');
    await expect(wizard.getByLabel('returned missing values')).toHaveValue('mean');
    await page.getByTestId('import-run').click();
    await expect(wizard).toHaveCount(0);
    await expect(page.getByTestId('toast').filter({ hasText: 'Imported orders: 60 rows, 3 input neurons, 3 outputs' })).toBeVisible();

    // The same file name again: the wizard starts from the last import's settings.
    await openWizard(page, file);
    await expect(page.getByTestId('import-remembered')).toBeVisible();
    await expect(wizard.getByLabel('shop role')).toHaveValue('target');
    await expect(wizard.getByLabel('returned role')).toHaveValue('feature');
    await page.setViewportSize({ width: 1440, height: 900 });
    await checkLayout(page, wizard);
    await page.screenshot({ path: 'e2e/artifacts/import-guesses-1440.png' });
    await page.getByTestId('import-forget').click();
    await expect(wizard.getByLabel('returned role')).toHaveValue('target');
    // A second import of the same file is a dataset of its own, and the newest is the one Train uses.
    await page.getByTestId('import-run').click();
    await expect(page.getByTestId('toast').filter({ hasText: 'Imported orders (2):' })).toBeVisible();
  });
});
