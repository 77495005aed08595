/**
 * Issue 5 journeys: a CSV imported through the wizard rebinds the network's inputs and outputs
 * and survives save and reopen inside the project; a bad CSV is refused with its reason and
 * changes nothing; New from Example opens a wired network; a first launch opens an example.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { edges, menu, neuron } from './canvas-helpers';
import { expect, test } from './fixtures';

const ISLANDS = ['Biscoe', 'Dream', 'Torgersen'];
const SPECIES = ['Adelie', 'Gentoo', 'Chinstrap'];

function penguinsCsv(): string {
  const dir = mkdtempSync(join(tmpdir(), 'neurite-csv-'));
  const lines = ['bill_length,bill_depth,flipper,island,species'];
  for (let i = 0; i < 30; i++) lines.push(`${(35 + (i % 10) * 1.5).toFixed(1)},${(15 + (i % 7) * 0.5).toFixed(1)},${180 + i},${ISLANDS[i % 3]},${SPECIES[(i * 7) % 3]}`);
  const file = join(dir, 'penguins.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

async function importCsv(page: Page, file: string) {
  const chooser = page.waitForEvent('filechooser');
  await menu(page, 'File', 'file.importCsv');
  await (await chooser).setFiles(file);
  await expect(page.getByTestId('import-wizard')).toBeVisible();
}

async function expectDataView(page: Page, rows: number) {
  await menu(page, 'View', 'view.data');
  const view = page.getByTestId('data-view');
  await expect(view).toContainText(`${rows} rows`);
  await expect(page.getByTestId('data-page-label')).toContainText(`of ${rows}`);
  await expect(page.getByTestId('data-summary')).toContainText('bill_length');
  await expect(page.getByTestId('data-scatter')).toBeVisible();
  await page.getByTestId('data-window').locator('.modal__close').click();
  await expect(page.getByTestId('data-window')).toHaveCount(0);
}

test.describe('datasets', () => {
  test('a CSV imported through the wizard binds the network and survives save and reopen', async ({ page }) => {
    await importCsv(page, penguinsCsv());
    const wizard = page.getByTestId('import-wizard');
    await expect(page.getByTestId('preview-table')).toContainText('Biscoe');
    // Change a column's role: flipper is left out of the inputs.
    await wizard.getByLabel('flipper role').selectOption('ignore');
    await page.getByTestId('import-run').click();
    await expect(wizard).toHaveCount(0);
    await expect(page.getByTestId('toast').filter({ hasText: 'Imported penguins: 30 rows, 5 input neurons, 3 outputs' })).toBeVisible();

    for (const label of ['bill_length', 'bill_depth', ...ISLANDS.map((i) => `island=${i}`), ...SPECIES.map((s) => `species=${s}`)]) await expect(neuron(page, label)).toBeVisible();
    await expect(neuron(page, 'flipper')).toHaveCount(0);
    await expect(page).toHaveTitle(/^● /);
    // One undoable edit: undo empties the canvas, redo brings the bound network back.
    await page.keyboard.press('Control+z');
    await expect(page.locator('.react-flow__node')).toHaveCount(0);
    await page.keyboard.press('Control+y');
    await expect(neuron(page, 'bill_length')).toBeVisible();

    await expectDataView(page, 30);

    await page.keyboard.press('Control+s');
    await page.getByTestId('save-name-input').fill('penguins');
    await page.getByTestId('save-name-input').press('Enter');
    await expect(page.getByTestId('toast').filter({ hasText: 'Saved penguins.' })).toBeVisible();

    await menu(page, 'File', 'file.close');
    const unsaved = page.getByTestId('unsaved-dialog');
    if (await unsaved.isVisible()) await unsaved.getByRole('button', { name: 'Don’t Save' }).click();
    await expect(page.locator('.react-flow__node')).toHaveCount(0);
    await menu(page, 'View', 'view.data');
    await expect(page.getByTestId('data-empty')).toBeVisible();
    await page.getByTestId('data-window').locator('.modal__close').click();

    await page.keyboard.press('Control+o');
    await page.getByTestId('open-file-penguins').click();
    await expect(page).toHaveTitle('penguins — Neurite');
    await expect(neuron(page, 'island=Dream')).toBeVisible();
    await expectDataView(page, 30);
  });

  test('a bad CSV shows its message with file, line and column, and changes nothing', async ({ page }) => {
    const dir = mkdtempSync(join(tmpdir(), 'neurite-csv-'));
    const file = join(dir, 'bad.csv');
    writeFileSync(file, 'a,b,label\n1,2,x\n3,oops,y\n5,6,x\n7,8,y\n');
    await importCsv(page, file);
    // Make b numeric though its preview says otherwise, so the import meets "oops".
    await page.getByTestId('import-wizard').getByLabel('b type').selectOption('numeric');
    await page.getByTestId('import-run').click();
    const problem = page.getByTestId('import-problem');
    await expect(problem).toContainText('bad.csv');
    await expect(problem).toContainText('line 3');
    await expect(problem).toContainText('oops');
    await expect(problem).toContainText('column 2 ("b")');
    await expect(page.getByTestId('fix-value-missing')).toBeVisible();
    await page.getByTestId('import-wizard').locator('.modal__close').click();
    await expect(page.locator('.react-flow__node')).toHaveCount(0);
    await expect(page).toHaveTitle('Untitled — Neurite');
    await menu(page, 'View', 'view.data');
    await expect(page.getByTestId('data-empty')).toBeVisible();
  });

  test('a CSV dropped onto the window opens the import wizard', async ({ page }) => {
    await page.evaluate(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(['a,b,label\n1,2,x\n3,4,y\n5,6,x\n'], 'dropped.csv', { type: 'text/csv' }));
      window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    });
    await expect(page.getByTestId('import-wizard')).toContainText('Import dropped.csv');
    await expect(page.getByTestId('preview-table')).toContainText('label');
  });

  test('New from Example › XOR opens a wired network with its dataset', async ({ page }) => {
    await menu(page, 'File', 'file.newFromExample');
    await page.getByTestId('example-xor').click();
    await expect(page.getByTestId('toast').filter({ hasText: 'Opened example XOR' })).toBeVisible();
    await expect(page.locator('.react-flow__node[data-id]')).not.toHaveCount(0);
    expect(await page.locator('.react-flow__node').count()).toBeGreaterThanOrEqual(4);
    expect(await edges(page).count()).toBeGreaterThanOrEqual(4);
    await menu(page, 'View', 'view.data');
    await expect(page.getByTestId('data-view')).toContainText('XOR');
  });

  test('New from Example › Iris opens the shipped 150-flower dataset', async ({ page }) => {
    await menu(page, 'File', 'file.newFromExample');
    await page.getByTestId('example-iris').click();
    await expect(page.getByTestId('toast').filter({ hasText: /Opened example .*150 rows, 4 input neurons, 3 outputs/ })).toBeVisible();
    await menu(page, 'View', 'view.data');
    await expect(page.getByTestId('data-view')).toContainText('150 rows');
  });
});

test.describe('first launch', () => {
  test.use({ firstLaunchExample: true });
  test('with no recent project the app opens the two-spirals example', async ({ page }) => {
    await expect(page.getByTestId('toast').filter({ hasText: 'Welcome!' })).toBeVisible();
    expect(await page.locator('.react-flow__node').count()).toBeGreaterThanOrEqual(4);
    expect(await edges(page).count()).toBeGreaterThan(0);
    await menu(page, 'View', 'view.data');
    await expect(page.getByTestId('data-view')).toBeVisible();
  });
});
