/**
 * Issue 8 journey in the page: export the network as JSON and ONNX through the File menu (browser mode asks
 * for a name and writes into the projects folder), import the JSON into a new project, and see a weights file
 * that does not fit refused with its first mismatch while nothing changes.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { menu } from './canvas-helpers';
import { expect, test } from './fixtures';

async function exportAs(page: Page, command: string, name: string) {
  await menu(page, 'File', command);
  await page.getByTestId('export-name-input').fill(name);
  await page.getByTestId('export-run').click();
  await expect(page.getByTestId('export-dialog')).toHaveCount(0);
}

test('exports JSON and ONNX, imports the JSON into a new project, refuses weights that do not fit', async ({ page, app }) => {
  await menu(page, 'File', 'file.newFromExample');
  await page.getByTestId('example-xor').click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Opened example XOR' })).toBeVisible();
  const nodes = await page.locator('.react-flow__node').count();

  await exportAs(page, 'file.exportJson', 'xor.json');
  await expect(page.getByTestId('toast').filter({ hasText: 'Exported the network JSON to' })).toBeVisible();
  const doc = JSON.parse(readFileSync(join(app.projectsDir, 'xor.json'), 'utf8')) as { neurons: unknown[]; synapses: { id: string }[] };
  expect(doc.neurons).toHaveLength(nodes);

  await exportAs(page, 'file.exportOnnx', 'xor.onnx');
  await expect(page.getByTestId('toast').filter({ hasText: 'Exported the ONNX model to' })).toBeVisible();
  expect(statSync(join(app.projectsDir, 'xor.onnx')).size).toBeGreaterThan(1000);
  // The same name again is refused, and the dialog stays for another name.
  await menu(page, 'File', 'file.exportOnnx');
  await page.getByTestId('export-name-input').fill('xor.onnx');
  await page.getByTestId('export-run').click();
  await expect(page.getByTestId('toast').filter({ hasText: 'xor.onnx already exists in the projects folder; choose another name.' })).toBeVisible();
  await page.getByTestId('export-dialog').getByRole('button', { name: 'Cancel' }).click();

  // Weights missing a synapse: refused, naming it; the canvas keeps its weights.
  const file = join(app.projectsDir, 'bad-weights.json');
  writeFileSync(file, JSON.stringify({ format: 'neurite-weights', version: 1, structure: '', neurons: [], synapses: [] }));
  const weightsBefore = await page.locator('.react-flow__edge').count();
  const chooser = page.waitForEvent('filechooser');
  await menu(page, 'File', 'file.importWeights');
  await (await chooser).setFiles(file);
  await expect(page.getByTestId('toast').filter({ hasText: /Neuron .* of the network is missing from bad-weights\.json\./ })).toBeVisible();
  expect(await page.locator('.react-flow__edge').count()).toBe(weightsBefore);

  await menu(page, 'File', 'file.new');
  const unsaved = page.getByTestId('unsaved-dialog');
  if (await unsaved.isVisible()) await unsaved.getByRole('button', { name: 'Don’t Save' }).click();
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
  const jsonChooser = page.waitForEvent('filechooser');
  await menu(page, 'File', 'file.importJson');
  await (await jsonChooser).setFiles(join(app.projectsDir, 'xor.json'));
  await expect(page.getByTestId('toast').filter({ hasText: `Imported xor.json: ${nodes} neurons, ${doc.synapses.length} synapses.` })).toBeVisible();
  await expect(page.locator('.react-flow__node')).toHaveCount(nodes);
  await page.keyboard.press('Control+z');
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
  expect(existsSync(join(app.projectsDir, 'xor.onnx'))).toBe(true);
});
