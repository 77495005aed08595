/**
 * Project journeys: a project survives save, close and reopen exactly; a bad file is refused with
 * its reason while the open project stays; unsaved edits come back after the page dies.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { buildChain, canvas, edges, menu, saveAs, neuron, synapse } from './canvas-helpers';
import { expect, test } from './fixtures';


async function openFromDialog(page: Page, name: string) {
  await page.keyboard.press('Control+o');
  await page.getByTestId(`open-file-${name}`).click();
}

async function expectChain(page: Page) {
  for (const label of ['x1', 'h1', 'y1']) await expect(neuron(page, label)).toBeVisible();
  await expect(edges(page)).toHaveCount(2);
  await neuron(page, 'h1').click();
  await expect(page.getByTestId('activation-select')).toHaveValue('tanh');
  await synapse(page, 'x1', 'h1').click({ force: true });
  await expect(page.getByTestId('weight-input')).toHaveValue('-1.25');
}

test.describe('projects: save, close, reopen', () => {
  test('a saved network reopens with the same neurons, wiring, activations and weights', async ({ page }) => {
    await buildChain(page);
    await expect(page).toHaveTitle(/^● Untitled — Neurite$/);
    await saveAs(page, 'chain');
    await expect(page).toHaveTitle('chain — Neurite');

    // An edit marks the project unsaved; closing asks, and "Don't Save" drops the edit.
    await neuron(page, 'y1').click();
    await page.keyboard.press('Delete');
    await expect(page).toHaveTitle('● chain — Neurite');
    await menu(page, 'File', 'file.close');
    await page.getByTestId('unsaved-dialog').getByRole('button', { name: 'Don’t Save' }).click();
    await expect(page.locator('.react-flow__node')).toHaveCount(0);
    await expect(page).toHaveTitle('Untitled — Neurite');

    await openFromDialog(page, 'chain');
    await expect(page).toHaveTitle('chain — Neurite');
    await expectChain(page);
  });

  test('Cancel in the unsaved-changes dialog keeps the edits', async ({ page }) => {
    await expect(page).toHaveTitle('Untitled — Neurite');
    await buildChain(page);
    await menu(page, 'File', 'file.new');
    await page.getByTestId('unsaved-dialog').getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByTestId('unsaved-dialog')).toHaveCount(0);
    await expect(edges(page)).toHaveCount(2);
  });

  test('a corrupt file is refused with its reason and the open project stays', async ({ page, app }) => {
    await buildChain(page);
    await saveAs(page, 'keeper');
    writeFileSync(join(app.projectsDir, 'broken.neurite'), 'this is not a database\n'.repeat(100));
    await openFromDialog(page, 'broken');
    await expect(page.getByTestId('toast').filter({ hasText: '"broken.neurite" is not a Neurite project: it is not a SQLite database.' })).toBeVisible();
    await expect(page).toHaveTitle('keeper — Neurite');
    await expectChain(page);
  });

  test('unsaved edits come back after the page dies', async ({ page, app }) => {
    await buildChain(page);
    await saveAs(page, 'crashy');
    await neuron(page, 'y1').click();
    await page.getByTestId('label-input').fill('out');
    await page.getByTestId('label-input').press('Enter');
    await expect(neuron(page, 'out')).toBeVisible();
    // Wait until the page says the edit is journaled (past its debounce), then lose the page without any goodbye.
    await expect(page.locator('html')).toHaveAttribute('data-journal', 'written');
    await page.context().close({ reason: 'simulated crash' });
    const next = await page.context().browser()!.newPage();
    await next.goto(app.url);
    await expect(next.getByTestId('recovery-dialog')).toContainText('crashy');
    await next.getByTestId('recovery-dialog').getByRole('button', { name: 'Restore' }).click();
    await expect(canvas(next)).toBeVisible();
    await expect(neuron(next, 'out')).toBeVisible();
    await expect(next).toHaveTitle('● crashy — Neurite');
    await next.close();
  });
});
