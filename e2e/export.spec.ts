/**
 * Export journey in the page: export the network as JSON and ONNX through the File menu (browser mode asks
 * for a name and writes into the projects folder), import the JSON into a new project, and see a weights file
 * that does not fit refused with its first mismatch while nothing changes. And the PyTorch folder trained by its
 * own train.py (Debian's PyTorch) coming back as a run whose curves show the script's validation loss.
 */
import { execFileSync } from 'node:child_process';
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

test('a PyTorch folder trained by its train.py comes back as a run with the validation curve', async ({ page, app }) => {
  test.setTimeout(120_000);
  await menu(page, 'File', 'file.newFromExample');
  await page.getByTestId('example-iris').click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Opened example' })).toBeVisible();
  await exportAs(page, 'file.exportPytorch', 'iris-torch');
  await expect(page.getByTestId('toast').filter({ hasText: 'Exported the PyTorch folder to' })).toBeVisible();
  const folder = join(app.projectsDir, 'iris-torch');
  const out = execFileSync('/usr/bin/python3', ['train.py', '--epochs', '5', '--cpu', '--lr', '0.05'], { cwd: folder, encoding: 'utf8', timeout: 90_000, env: { ...process.env, OMP_NUM_THREADS: '1' } });
  expect(out).toMatch(/epoch 5\/5 {2}train loss [\d.]+ {2}val loss [\d.]+ {2}val accuracy [\d.]+%/);
  const history = (JSON.parse(readFileSync(join(folder, 'weights.json'), 'utf8')) as { history: { valLoss: number }[] }).history;

  const chooser = page.waitForEvent('filechooser');
  await menu(page, 'File', 'file.importWeights');
  await (await chooser).setFiles(join(folder, 'weights.json'));
  await expect(page.getByTestId('toast').filter({ hasText: /Imported weights\.json as run/ })).toBeVisible();
  const toggle = page.getByTestId('training-toggle');
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await page.getByTestId('training-tab-runs').click();
  await page.getByTestId('run-row').first().getByTestId('run-compare').click();
  const chart = page.getByTestId('compare-chart');
  const series = async () => JSON.parse((await chart.getAttribute('data-series')) ?? '{}') as Record<string, (number | null)[]>;
  await expect.poll(async () => Object.keys(await series()).filter((k) => k.endsWith('validation loss')).length).toBe(1);
  const s = await series();
  const val = s[Object.keys(s).find((k) => k.endsWith('validation loss'))!].filter((v): v is number => v !== null);
  expect(val.map((v) => v.toFixed(6))).toEqual(history.map((h) => h.valLoss.toFixed(6)));
  // The chart and its legend sit inside the window at both sizes people use.
  for (const size of [{ width: 1280, height: 720 }, { width: 1440, height: 900 }]) {
    await page.setViewportSize(size);
    await chart.scrollIntoViewIfNeeded();
    const box = (await chart.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(size.width);
    expect(box.y + box.height).toBeLessThanOrEqual(size.height);
    const legend = chart.locator('.u-legend').getByText('validation loss');
    await expect(legend).toBeVisible();
    expect((await legend.boundingBox())!.height).toBeGreaterThanOrEqual(10);
    await page.screenshot({ path: `e2e/artifacts/export-torch-run-${size.width}.png` });
  }
});
