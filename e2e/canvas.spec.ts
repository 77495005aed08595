/**
 * Canvas journeys: design a network by hand on the canvas. Every step goes through the page
 * the way a user does (HTML5 drag from the palette, mouse drags between handles, the inspector,
 * keyboard shortcuts) and asserts on what the page shows.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { canvas, centerOf, dropFromPalette, edges, mouseDrag, neuron, synapse, viewportSettled, wire } from './canvas-helpers';
import { expect, test } from './fixtures';

const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));

/** Builds x1, x2 → h1, h2, h3 → y1 through the palette and handles. */
async function build231(page: Page) {
  await expect(canvas(page)).toBeVisible();
  await dropFromPalette(page, 'input', 140, 180);
  await dropFromPalette(page, 'input', 140, 320);
  await dropFromPalette(page, 'hidden', 400, 120);
  await dropFromPalette(page, 'hidden', 400, 250);
  await dropFromPalette(page, 'hidden', 400, 380);
  await dropFromPalette(page, 'output', 660, 250);
  for (const label of ['x1', 'x2', 'h1', 'h2', 'h3', 'y1']) await expect(neuron(page, label)).toBeVisible();
  for (const x of ['x1', 'x2']) for (const h of ['h1', 'h2', 'h3']) await wire(page, x, h);
  for (const h of ['h1', 'h2', 'h3']) await wire(page, h, 'y1');
  await expect(edges(page)).toHaveCount(9);
}

test.describe('canvas: design a network by hand', () => {
  test('drags input, hidden and output neurons from the palette and wires a 2-3-1 network', async ({ page }) => {
    await expect(page.getByTestId('validation-status')).toContainText('Empty network');
    await dropFromPalette(page, 'input', 140, 180);
    await expect(neuron(page, 'x1')).toBeVisible();
    // An input alone: the status says what is missing.
    await expect(page.getByTestId('validation-status')).toContainText('no output neuron');
    await dropFromPalette(page, 'output', 500, 180);
    await expect(page.getByTestId('validation-status')).toContainText("Output 'y1' is not reachable from any input");
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Delete');
    await expect(page.locator('.react-flow__node')).toHaveCount(0);

    await build231(page);
    // Each kind of neuron shows its own handles: inputs no input handle, outputs no output handle.
    await expect(neuron(page, 'x1').locator('.react-flow__handle.target')).toHaveCount(0);
    await expect(neuron(page, 'y1').locator('.react-flow__handle.source')).toHaveCount(0);
    await expect(neuron(page, 'h2').locator('.react-flow__handle')).toHaveCount(2);
    for (const x of ['x1', 'x2']) for (const h of ['h1', 'h2', 'h3']) await expect(synapse(page, x, h)).toHaveCount(1);
    await expect(page.getByTestId('validation-status')).toHaveText(/: 2 inputs, 1 output/);
    await expect(page.getByTestId('validation-status')).toHaveAttribute('data-state', 'ok');

    // Hovering a synapse shows its weight; the inspector edits it.
    await synapse(page, 'x1', 'h1').hover({ force: true });
    await expect(page.getByTestId('synapse-weight')).toHaveText(/^-?\d\.\d\d$/);
    await synapse(page, 'x1', 'h1').click({ force: true });
    await page.getByTestId('weight-input').fill('-1.25');
    await page.getByTestId('weight-input').press('Enter');
    await expect(page.getByTestId('synapse-weight')).toHaveText('-1.25');
  });

  test('refuses a cycle and a connection into an input, saying why', async ({ page }) => {
    await build231(page);
    await wire(page, 'h1', 'h2');
    await expect(edges(page)).toHaveCount(10);
    await wire(page, 'h2', 'h1');
    await expect(page.getByTestId('toast').filter({ hasText: 'would make a cycle' })).toContainText("Connecting 'h2' to 'h1' would make a cycle");
    await expect(edges(page)).toHaveCount(10);
    await expect(synapse(page, 'h2', 'h1')).toHaveCount(0);
    // Inputs have no input handle; dropping on one's body is refused with the reason.
    await wire(page, 'h3', 'x1', true);
    await expect(page.getByTestId('toast').filter({ hasText: 'input neuron' })).toContainText("'x1' is an input neuron");
    await expect(edges(page)).toHaveCount(10);
    // A drop on a valid neuron's body connects.
    await page.getByTestId('tool-edit.undo').click();
    await expect(edges(page)).toHaveCount(9);
    await dropFromPalette(page, 'output', 660, 420);
    await wire(page, 'h3', 'y2', true);
    await expect(synapse(page, 'h3', 'y2')).toHaveCount(1);
    await expect(page.getByTestId('validation-status')).toHaveText(/: 2 inputs, 2 outputs/);
  });

  test('picks activation, bias, label and Dale mark in the inspector; undo and redo follow', async ({ page }) => {
    await build231(page);
    await neuron(page, 'h2').click();
    const inspector = page.getByTestId('inspector');
    await expect(inspector).toContainText('Neuron h2');
    await expect(page.getByTestId('activation-select')).toHaveValue('tanh');
    await page.getByTestId('activation-select').selectOption('relu');
    await expect(neuron(page, 'h2')).toHaveAttribute('data-activation', 'relu');
    await expect(neuron(page, 'h2')).toContainText('ReLU');
    await page.getByTestId('bias-input').fill('0.5');
    await page.getByTestId('bias-input').press('Enter');
    await expect(neuron(page, 'h2')).toContainText('b 0.50');
    await inspector.getByRole('radio', { name: 'I', exact: true }).click();
    await expect(neuron(page, 'h2').locator('.neuron__dale')).toHaveText('I');
    await page.getByTestId('label-input').fill('gate');
    await page.getByTestId('label-input').press('Enter');
    await expect(neuron(page, 'gate')).toBeVisible();
    // Double-click renames in place through the same field.
    await neuron(page, 'h1').dblclick();
    await expect(page.getByTestId('label-input')).toBeFocused();
    await page.keyboard.type('hidden_a');
    await page.keyboard.press('Enter');
    await expect(neuron(page, 'hidden_a')).toBeVisible();
    await page.keyboard.press('Control+z');
    await expect(neuron(page, 'h1')).toBeVisible();

    // Keyboard undo walks back label, Dale, bias, activation; redo (both bindings) walks forward.
    await canvas(page).click({ position: { x: 30, y: 30 } });
    await page.keyboard.press('Control+z');
    await expect(neuron(page, 'h2')).toBeVisible();
    await page.keyboard.press('Control+z');
    await expect(neuron(page, 'h2').locator('.neuron__dale')).toHaveCount(0);
    await page.keyboard.press('Control+z');
    await expect(neuron(page, 'h2')).toContainText('b 0.00');
    await page.keyboard.press('Control+z');
    await expect(neuron(page, 'h2')).toHaveAttribute('data-activation', 'tanh');
    await page.keyboard.press('Control+Shift+z');
    await expect(neuron(page, 'h2')).toHaveAttribute('data-activation', 'relu');
    await page.keyboard.press('Control+y');
    await expect(neuron(page, 'h2')).toContainText('b 0.50');
  });

  test('undoes and redoes structure edits: add, wire, move, delete', async ({ page }) => {
    await build231(page);
    // Moving a neuron is one undo step.
    const before = await centerOf(neuron(page, 'h3'));
    await mouseDrag(page, before, { x: before.x + 60, y: before.y + 80 });
    const after = await centerOf(neuron(page, 'h3'));
    expect(after.y - before.y).toBeGreaterThan(50);
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await centerOf(neuron(page, 'h3'))).y).toBeCloseTo(before.y, 0);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(async () => (await centerOf(neuron(page, 'h3'))).y).toBeCloseTo(after.y, 0);

    // Deleting a neuron takes its synapses; undo brings both back.
    await neuron(page, 'h1').click();
    await page.keyboard.press('Delete');
    await expect(neuron(page, 'h1')).toHaveCount(0);
    await expect(edges(page)).toHaveCount(6);
    await page.keyboard.press('Control+z');
    await expect(neuron(page, 'h1')).toBeVisible();
    await expect(edges(page)).toHaveCount(9);
    // Back past the move and all nine wires.
    for (let i = 0; i < 10; i++) await page.keyboard.press('Control+z');
    await expect(edges(page)).toHaveCount(0);
    await page.keyboard.press('Control+y');
    await expect(edges(page)).toHaveCount(1);
  });

  test('copies and pastes neurons with their synapses, and pastes a network from another project', async ({ page }) => {
    await build231(page);
    await neuron(page, 'x1').click();
    await neuron(page, 'h1').click({ modifiers: ['Control'] });
    await expect(page.getByTestId('inspector')).toContainText('2 neurons');
    await page.keyboard.press('Control+c');
    await page.keyboard.press('Control+v');
    await expect(neuron(page, 'x3')).toBeVisible();
    await expect(neuron(page, 'h4')).toBeVisible();
    await expect(synapse(page, 'x3', 'h4')).toHaveCount(1);
    await expect(edges(page)).toHaveCount(10);
    // The pasted copy is the new selection, offset from the original.
    await expect(page.getByTestId('inspector')).toContainText('2 neurons selected');
    const orig = await centerOf(neuron(page, 'h1'));
    const copy = await centerOf(neuron(page, 'h4'));
    expect(copy.x - orig.x).toBeGreaterThan(10);
    await page.keyboard.press('Control+z');
    await expect(neuron(page, 'h4')).toHaveCount(0);

    // A whole network document from elsewhere pastes with fresh ids and non-clashing labels.
    const foreign = {
      version: 1,
      neurons: [
        { id: 'a', role: 'input', label: 'x1', activation: 'identity', bias: 0, position: { x: 0, y: 0 }, dale: null },
        { id: 'b', role: 'output', label: 'score', activation: 'sigmoid', bias: 0.1, position: { x: 200, y: 0 }, dale: null },
      ],
      synapses: [{ id: 's', source: 'a', target: 'b', weight: -0.7 }],
      softmaxGroups: [],
      viewport: null,
    };
    await page.evaluate((text) => {
      const dt = new DataTransfer();
      dt.setData('text/plain', text);
      document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true }));
    }, JSON.stringify(foreign));
    await expect(neuron(page, 'score')).toBeVisible();
    await expect(neuron(page, 'x3')).toBeVisible();
    await expect(synapse(page, 'x3', 'score')).toHaveCount(1);
    await expect(page.getByTestId('validation-status')).toHaveText(/: 3 inputs, 2 outputs/);
  });

  test('adds a dense group from the selection, auto-lays out by depth and fits the view', async ({ page }) => {
    await build231(page);
    // Make a mess, then let auto-layout sort it into columns.
    const h2 = await centerOf(neuron(page, 'h2'));
    await mouseDrag(page, h2, { x: h2.x - 200, y: h2.y + 150 });
    await neuron(page, 'h1').click();
    await neuron(page, 'h2').click({ modifiers: ['Control'] });
    await neuron(page, 'h3').click({ modifiers: ['Control'] });
    await page.getByTestId('dense-count').fill('2');
    await page.getByTestId('dense-add').click();
    await expect(neuron(page, 'h4')).toBeVisible();
    await expect(neuron(page, 'h5')).toBeVisible();
    await expect(edges(page)).toHaveCount(15);
    // A second hidden layer, wired on to the output.
    await wire(page, 'h4', 'y1');
    await wire(page, 'h5', 'y1');
    await expect(edges(page)).toHaveCount(17);
    await expect(page.getByTestId('validation-status')).toHaveAttribute('data-state', 'ok');
    await page.getByTestId('tool-view.autoLayout').click();
    const x = async (label: string) => (await centerOf(neuron(page, label))).x;
    const xs = () => Promise.all(['x1', 'x2', 'h1', 'h2', 'h3', 'h4', 'h5', 'y1'].map(x));
    // Wait until every layer stands in one column (the layout and the fit land over a few frames).
    await expect
      .poll(async () => {
        const [x1, x2, h1, h2, h3, h4, h5] = await xs();
        return Math.max(Math.abs(x1 - x2), Math.abs(h1 - h2), Math.abs(h1 - h3), Math.abs(h4 - h5));
      })
      .toBeLessThan(2);
    const [x1, , h1, , , h4, , y1] = await xs();
    expect(x1).toBeLessThan(h1);
    expect(h1).toBeLessThan(h4);
    expect(h4).toBeLessThan(y1);
    // Everything is in view after the fit.
    const view = (await canvas(page).boundingBox())!;
    for (const label of ['x1', 'h5', 'y1']) {
      const b = (await neuron(page, label).boundingBox())!;
      expect(b.x).toBeGreaterThanOrEqual(view.x);
      expect(b.x + b.width).toBeLessThanOrEqual(view.x + view.width);
    }
    // The layout is one undo step.
    await page.keyboard.press('Control+z');
    await expect.poll(async () => Math.abs((await x('h1')) - (await x('h2')))).toBeGreaterThan(50);
    await page.keyboard.press('Control+Shift+z');
    await canvas(page).click({ position: { x: 30, y: 30 } });
    await page.keyboard.press('Shift+F');
    await viewportSettled(page);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: `${ARTIFACTS}canvas.png` });
  });

  test('menu bar and shortcuts dialog run the same commands', async ({ page }) => {
    await build231(page);
    await page.getByRole('menuitem', { name: 'Edit' }).click();
    await page.getByTestId('menu-edit.selectAll').click();
    await expect(page.getByTestId('inspector')).toContainText('6 neurons, 9 synapses selected');
    await page.getByRole('menuitem', { name: 'Edit' }).click();
    await page.getByTestId('menu-edit.delete').click();
    await expect(page.locator('.react-flow__node')).toHaveCount(0);
    await page.getByTestId('tool-edit.undo').click();
    await expect(page.locator('.react-flow__node')).toHaveCount(6);
    await page.getByRole('menuitem', { name: 'View' }).click();
    await page.getByTestId('menu-view.toggleMinimap').click();
    await expect(page.locator('.react-flow__minimap')).toHaveCount(0);
    await page.getByRole('menuitem', { name: 'Help' }).click();
    await page.getByTestId('menu-help.shortcuts').click();
    await expect(page.getByTestId('shortcuts-dialog')).toBeVisible();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Shift+?');
    await expect(page.getByTestId('shortcuts-dialog')).toContainText('Undo');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('shortcuts-dialog')).toHaveCount(0);
  });
});
