/**
 * Dataset journeys: a CSV imported through the wizard rebinds the network's inputs and outputs
 * and survives save and reopen inside the project; a bad CSV is refused with its reason and
 * changes nothing; New from Example opens a wired network; a first launch opens an example.
 */
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { edges, menu, neuron } from './canvas-helpers';
import { expect, READY_SELECTOR, test } from './fixtures';

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

/** A numeric CSV of about `mb` megabytes (3 features and a target), written in batches. */
function bigCsv(mb: number): string {
  const file = join(mkdtempSync(join(tmpdir(), 'neurite-csv-')), 'big.csv');
  const fd = openSync(file, 'w');
  writeSync(fd, 'a,b,c,y\n');
  let row = 0;
  while (statSync(file).size < mb * 1e6) {
    let s = '';
    for (let k = 0; k < 50_000; k++, row++) s += `${(row % 997) * 0.125},${(row % 101) * 1.5},${(row * 7) % 1013},${row % 3}\n`;
    writeSync(fd, s);
  }
  closeSync(fd);
  return file;
}

/** Browser mode keeps uploads in the state dir, which the server puts inside the projects folder. */
function uploadFiles(projectsDir: string): string[] {
  const dir = join(projectsDir, '.neurite-state', 'uploads');
  return existsSync(dir) ? readdirSync(dir) : [];
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

test.describe('large uploads', () => {
  test('a 60 MB CSV uploads in slices, shows a fraction of progress, and Cancel leaves neither dataset, neurons nor temp file', async ({ page, app }) => {
    test.setTimeout(120_000);
    const file = bigCsv(60);
    // Cancel during the upload: the slices sent so far are deleted.
    let chooser = page.waitForEvent('filechooser');
    await menu(page, 'File', 'file.importCsv');
    await (await chooser).setFiles(file);
    await page.getByTestId('upload-cancel').click();
    await expect(page.getByTestId('upload-dialog')).toHaveCount(0);
    await expect.poll(() => uploadFiles(app.projectsDir)).toEqual([]);
    await expect(page.getByTestId('import-wizard')).toHaveCount(0);

    chooser = page.waitForEvent('filechooser');
    await menu(page, 'File', 'file.importCsv');
    await (await chooser).setFiles(file);
    const wizard = page.getByTestId('import-wizard');
    await expect(wizard).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId('preview-table')).toContainText('y');
    expect(uploadFiles(app.projectsDir)).toHaveLength(1);
    await page.getByTestId('import-run').click();
    // Click Cancel from inside the page the moment the bar shows a fraction, so a fast import cannot finish first.
    const fraction = await page.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const started = Date.now();
          const tick = () => {
            const bar = document.querySelector<HTMLProgressElement>('[data-testid="import-progress"] progress');
            if (bar && bar.value > 0 && bar.value < bar.max) {
              document.querySelector<HTMLButtonElement>('[data-testid="import-cancel"]')!.click();
              resolve(bar.value / bar.max);
            } else if (Date.now() - started > 60_000) reject(new Error('the progress bar never showed a fraction'));
            else requestAnimationFrame(tick);
          };
          tick();
        }),
    );
    expect(fraction).toBeGreaterThan(0);
    expect(fraction).toBeLessThan(1);
    await expect(page.getByTestId('toast').filter({ hasText: 'The import of "big.csv" was cancelled; nothing was imported.' })).toBeVisible();
    await expect(wizard).toHaveCount(0);
    await expect(page.locator('.react-flow__node')).toHaveCount(0);
    await expect(page).toHaveTitle('Untitled — Neurite');
    await expect.poll(() => uploadFiles(app.projectsDir)).toEqual([]);
    await menu(page, 'View', 'view.data');
    await expect(page.getByTestId('data-empty')).toBeVisible();
  });
});

test.describe('new from example', () => {
  test('undo does not cross the project boundary: the example network and its dataset stay', async ({ page }) => {
    await menu(page, 'File', 'file.newFromExample');
    await page.getByTestId('example-circles').click();
    await expect(page.getByTestId('toast').filter({ hasText: 'Opened example' })).toBeVisible();
    const nodes = await page.locator('.react-flow__node').count();
    expect(nodes).toBeGreaterThanOrEqual(4);
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+z');
    await expect(page.locator('.react-flow__node')).toHaveCount(nodes);
    await menu(page, 'View', 'view.data');
    await expect(page.getByTestId('data-view')).toContainText('Circles');
  });
});

test.describe('first launch', () => {
  test.use({ firstLaunchExample: true });
  test('with no recent project the app opens the circles example', async ({ page }) => {
    await expect(page.getByTestId('toast').filter({ hasText: 'Welcome!' })).toBeVisible();
    expect(await page.locator('.react-flow__node').count()).toBeGreaterThanOrEqual(4);
    expect(await edges(page).count()).toBeGreaterThan(0);
    await menu(page, 'View', 'view.data');
    await expect(page.getByTestId('data-view')).toBeVisible();
  });

  test('the example is offered once: a reload or restart of the still-empty projects folder starts empty', async ({ page, app }) => {
    await expect(page.getByTestId('toast').filter({ hasText: 'Welcome!' })).toBeVisible();
    await menu(page, 'File', 'file.close');
    const unsaved = page.getByTestId('unsaved-dialog');
    await unsaved.getByRole('button', { name: 'Don’t Save' }).click();
    await expect(page.locator('.react-flow__node')).toHaveCount(0);
    for (const again of ['reload', 'restart'] as const) {
      if (again === 'restart') {
        await app.restart();
        await page.goto(app.url);
      } else await page.reload();
      await expect(page.locator(READY_SELECTOR)).toBeVisible();
      // Startup has decided what to show: a repeat offer would be on screen by now.
      await expect(page.locator('html')).toHaveAttribute('data-startup', 'done');
      await expect(page.getByTestId('toast').filter({ hasText: 'Welcome!' })).toHaveCount(0);
      await expect(page.locator('.react-flow__node')).toHaveCount(0);
    }
  });
});
