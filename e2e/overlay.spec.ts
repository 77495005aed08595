/**
 * The excitatory/inhibitory overlays on a hand-built network with known weights, pasted as a network
 * document through the editor's paste path:
 *   x1 → t (tanh) w 1, x2 → t w −0.5, x2 → r (ReLU) w 1, t → y w −2, r → y w 3, x1 → y w 0.5; y linear, bias 0.1.
 * With x1 = −0.8, x2 = −0.5: t's output is negative, so t → y (negative weight) excites and is a sign flip;
 * r is a silent ReLU, so r → y contributes 0.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { canvas, neuron, synapse } from './canvas-helpers';
import { expect, ROOT, test } from './fixtures';
import { DATASET_NAME, NETWORK } from './overlay-network';

const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));

// Palette, canvas, overlay panel and inspector side by side, at the smallest window size we design for.
test.use({ viewport: { width: 1280, height: 720 } });

/** The overlay's number format (overlay-math.ts fmt). */
const fmt = (v: number) => (v === 0 ? '0' : Math.abs(v) >= 1e4 || Math.abs(v) < 1e-3 ? v.toExponential(3) : String(Number(v.toFixed(4))));

async function pasteNetwork(page: Page, doc: object = NETWORK) {
  await expect(canvas(page)).toBeVisible();
  await page.evaluate((text) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', text);
    document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, JSON.stringify(doc));
  await expect(neuron(page, 'y')).toBeVisible();
  await page.getByTestId('tool-view.fitView').click();
}

/** The whole 1280×720 window for the README's "Excitatory or inhibitory?" section (copied to src-renderer/overlay/docs/). */
async function docShot(page: Page, name: string) {
  await page.screenshot({ path: `${ARTIFACTS}overlay-${name}-docs.png` });
}

/** Fits the network into the canvas and waits until the output neuron sits inside it (fitting animates). */
async function fitView(page: Page) {
  await page.getByTestId('tool-view.fitView').click();
  await expect
    .poll(async () => {
      const y = await neuron(page, 'y').boundingBox();
      const stage = await page.locator('.stage').boundingBox();
      return !!y && !!stage && y.x >= stage.x && y.x + y.width <= stage.x + stage.width;
    })
    .toBe(true);
}

async function setInput(page: Page, label: string, v: number) {
  const f = page.getByTestId(`sample-input-${label}`);
  await f.fill(String(v));
}

test('contributions overlay: double negative excites, sign flip, budgets, silent ReLU, samples, lesions, modes', async ({ page }) => {
  await pasteNetwork(page);

  // Weights: colour by the sign of w.
  await page.getByTestId('overlay-weights').click();
  await expect(synapse(page, 't', 'y')).toHaveAttribute('data-effect', 'inhibitory');
  await expect(synapse(page, 'r', 'y')).toHaveAttribute('data-effect', 'excitatory');
  await expect(page.getByTestId('overlay-legend')).toContainText('a negative output through a negative weight excites');
  await expect(page.getByTestId('overlay-legend')).toContainText('positive weight (w > 0)');
  await fitView(page);
  await page.screenshot({ path: `${ARTIFACTS}overlay-weights.png` });
  await docShot(page, 'weights');

  // Contributions for a sample.
  await page.getByTestId('overlay-contributions').click();
  await setInput(page, 'x1', -0.8);
  await setInput(page, 'x2', -0.5);
  await fitView(page);
  const tOut = Math.tanh(-0.8 + 0.25);
  const cTY = -2 * tOut;
  const ty = synapse(page, 't', 'y');
  await expect(ty).toHaveAttribute('data-contribution', fmt(cTY));
  await expect(ty).toHaveAttribute('data-effect', 'excitatory');
  await expect(ty).toHaveAttribute('data-sign-flip', 'true');
  await expect(synapse(page, 'x1', 't')).toHaveAttribute('data-effect', 'inhibitory');
  // A negative input through a positive weight inhibits: also a sign flip.
  await expect(synapse(page, 'x1', 't')).toHaveAttribute('data-sign-flip', 'true');
  await expect(synapse(page, 'r', 'y')).not.toHaveAttribute('data-sign-flip', 'true');
  // The silent ReLU's outgoing synapse is drawn as zero although its weight is 3.
  await expect(synapse(page, 'r', 'y')).toHaveAttribute('data-contribution', '0');
  await expect(synapse(page, 'r', 'y')).toHaveAttribute('data-effect', 'none');

  // Budgets: t gets +0.25 (x2 through −0.5) and −0.8 (x1); y gets cTY excitatory and −0.4 inhibitory.
  const tb = page.getByTestId('budget-t');
  await expect(tb).toHaveAttribute('data-excitatory', fmt(0.25));
  await expect(tb).toHaveAttribute('data-inhibitory', fmt(-0.8));
  await expect(tb).toHaveAttribute('data-z', fmt(-0.55));
  await expect(tb).toHaveAttribute('data-o', fmt(tOut));
  await expect(tb).toContainText(`o ${tOut.toFixed(2).replace('-', '−')}`);
  // The equation in words: on selection (and hover) under the budget, and beside the contribution list.
  await neuron(page, 't').click();
  await expect(page.getByTestId('budget-equation-t')).toBeVisible();
  await expect(page.getByTestId('budget-equation-t')).toHaveText(`E +0.25, I −0.80, bias 0 → z = −0.55 → tanh → o = −0.50`);
  await expect(page.getByTestId('selected-equation')).toHaveText('t: E +0.25, I −0.80, bias 0 → z = −0.55 → tanh → o = −0.50');
  await canvas(page).click({ position: { x: 5, y: 5 } });
  const yb = page.getByTestId('budget-y');
  await expect(yb).toHaveAttribute('data-excitatory', fmt(cTY));
  await expect(yb).toHaveAttribute('data-inhibitory', fmt(-0.4));
  await expect(yb).toHaveAttribute('data-z', fmt(cTY - 0.4 + 0.1));
  await expect(page.getByTestId('budget-r')).toHaveAttribute('data-o', '0');

  // Dale marks stay visible under the overlay and the legend counts them.
  await expect(page.getByTestId('ei-ratio')).toHaveText('Dale E:I 0:0 (4 unmarked)');
  await neuron(page, 't').click();
  await page.getByTestId('inspector').getByRole('radio', { name: 'I', exact: true }).click();
  await expect(neuron(page, 't').locator('.neuron__dale')).toHaveText('I');
  await expect(page.getByTestId('ei-ratio')).toHaveText('Dale E:I 0:1 (3 unmarked)');

  // The sorted, copyable list of contributions into the selected neuron.
  await neuron(page, 'y').click();
  const list = page.getByTestId('contribution-list');
  await expect(list).toContainText(`t: w -2 × o ${fmt(tOut)} = c ${fmt(cTY)} (excitatory, sign flip)`);
  const lines = (await list.innerText()).split('\n');
  expect(lines.map((l) => l.split(':')[0])).toEqual(['t', 'x1', 'r']);

  // Hover shows the exact numbers.
  await ty.hover({ force: true });
  await expect(page.getByTestId('synapse-overlay-detail')).toContainText(`w -2 × o ${fmt(tOut)} = c ${fmt(cTY)}`);
  await page.screenshot({ path: `${ARTIFACTS}overlay-contributions.png` });
  await docShot(page, 'contributions');

  // Another sample: x2 = 0.5 wakes the ReLU (r → y now excites with c = 1.5) and flips t's sign.
  await setInput(page, 'x2', 0.5);
  await expect(synapse(page, 'r', 'y')).toHaveAttribute('data-contribution', fmt(1.5));
  await expect(synapse(page, 'r', 'y')).toHaveAttribute('data-effect', 'excitatory');
  const tOut2 = Math.tanh(-0.8 - 0.25);
  await expect(ty).toHaveAttribute('data-contribution', fmt(-2 * tOut2));

  // Lesion t → y for this sample: y changes by exactly −c (linear output), and the document keeps its weight.
  await ty.click({ force: true });
  // The inspector names w's sign, and what the synapse does for this sample by the sign of c.
  await expect(page.getByTestId('synapse-effect')).toHaveText(`; for this sample c = w·o = +${(-2 * tOut2).toFixed(2)}: excites`);
  await page.getByTestId('lesion-toggle').click();
  await expect(ty).toHaveAttribute('data-lesioned', 'true');
  const row = page.getByTestId('lesion-delta-y');
  // The estimate is labelled first-order; y is linear, so it is exact and nothing needs explaining.
  await expect(page.getByTestId('lesion-why')).toContainText('σ′(z)·(−c)');
  await expect(page.getByTestId('lesion-why-y')).toHaveCount(0);
  await expect(row).toHaveAttribute('data-real', fmt(2 * tOut2));
  await expect(row).toHaveAttribute('data-estimate', fmt(2 * tOut2));
  await page.screenshot({ path: `${ARTIFACTS}overlay-lesion.png` });
  await docShot(page, 'lesion');
  await page.getByTestId('overlay-off').click();
  await ty.click({ force: true });
  await expect(page.getByTestId('weight-input')).toHaveValue('-2');
  await expect(ty).not.toHaveAttribute('data-effect', /.*/);
  await page.screenshot({ path: `${ARTIFACTS}overlay-off.png` });
  await docShot(page, 'off');

  // Dataset mode without a dataset in the project says what it needs.
  await page.getByTestId('overlay-dataset').click();
  await expect(page.getByTestId('overlay-panel')).toContainText('Pick a dataset under Sample');
  await page.screenshot({ path: `${ARTIFACTS}overlay-dataset-empty.png` });
});

/** Writes with-data.neurite into the projects folder (e2e/overlay-project.ts runs the project service in Node). */
function writeProjectWithDataset(projectsDir: string): string {
  execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'e2e/overlay-project.ts'), projectsDir], { cwd: ROOT, stdio: 'inherit' });
  return DATASET_NAME;
}

test('dataset overlay: mean contribution and share of exciting rows; arrow keys step through rows', async ({ page, app }) => {
  const name = writeProjectWithDataset(app.projectsDir);
  await page.keyboard.press('Control+o');
  await page.getByTestId('open-file-with-data').click();
  await expect(neuron(page, 'y')).toBeVisible();

  await page.getByTestId('overlay-dataset').click();
  await page.getByTestId('sample-dataset').selectOption({ label: name });
  await fitView(page);
  await expect(page.getByTestId('stats-count')).toHaveText('10 train rows');
  // r → y: c = 3·relu(x2) is 1.5 in half the rows and 0 in the others.
  const ry = synapse(page, 'r', 'y');
  await expect(ry).toHaveAttribute('data-contribution', fmt(0.75));
  await expect(ry).toHaveAttribute('data-effect', 'excitatory');
  // t → y: a negative tanh output through −2 excites in every row.
  const c1 = -2 * Math.tanh(-0.8 + 0.25);
  const c2 = -2 * Math.tanh(-0.8 - 0.25);
  const ty = synapse(page, 't', 'y');
  await expect(ty).toHaveAttribute('data-contribution', fmt((c1 + c2) / 2));
  await ty.hover({ force: true });
  await expect(page.getByTestId('synapse-overlay-detail')).toContainText('excites in 100% of 10 rows');
  await ry.hover({ force: true });
  await expect(page.getByTestId('synapse-overlay-detail')).toContainText('excites in 50% of 10 rows');
  await page.screenshot({ path: `${ARTIFACTS}overlay-dataset.png` });
  await docShot(page, 'dataset');

  // The sample follows the dataset row; the arrow keys step.
  await page.getByTestId('overlay-contributions').click();
  await expect(page.getByTestId('sample-position')).toContainText('row 1 / 10');
  await expect(ry).toHaveAttribute('data-contribution', '0');
  await page.getByTestId('sample-stepper').focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('sample-position')).toContainText('row 2 / 10');
  await expect(ry).toHaveAttribute('data-contribution', fmt(1.5));
  // The field shows x2 in the dataset's units; the row keeps the encoded value the network sees.
  await expect(page.getByTestId('sample-row-x2')).toHaveAttribute('data-encoded', '0.5');
  await page.keyboard.press('ArrowLeft');
  await expect(ry).toHaveAttribute('data-contribution', '0');
  // Rows next to the drawn one are fetched ahead: stepping back and forth draws each row's own pass.
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('sample-position')).toContainText('row 2 / 10');
  await expect(ry).toHaveAttribute('data-contribution', fmt(1.5));
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('sample-position')).toContainText('row 3 / 10');
  await expect(ry).toHaveAttribute('data-contribution', '0');
});

test('a row of twelve inputs is listed as values that follow the steps; Edit values turns them into sliders', async ({ page, app }) => {
  execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'e2e/many-inputs-project.ts'), app.projectsDir], { cwd: ROOT, stdio: 'inherit' });
  await page.keyboard.press('Control+o');
  await page.getByTestId('open-file-many-inputs').click();
  await expect(neuron(page, 'y')).toBeVisible();
  await page.getByTestId('overlay-contributions').click();
  await expect(page.getByTestId('sample-position')).toContainText('row 1 / 20');
  const values = page.getByTestId('sample-values');
  await expect(values.locator('dd')).toHaveCount(12);
  await expect(page.getByTestId('overlay-sample').locator('input[type="range"]')).toHaveCount(0);
  // The list sits inside the panel, two readable columns whose entries never overlap.
  await values.scrollIntoViewIfNeeded();
  const panel = (await page.getByTestId('overlay-panel').boundingBox())!;
  const boxes = await values.locator('dl > div').evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ x: r.x, y: r.y, width: r.width, height: r.height })));
  for (const [i, b] of boxes.entries()) {
    expect(b.x).toBeGreaterThanOrEqual(panel.x);
    expect(b.x + b.width).toBeLessThanOrEqual(panel.x + panel.width);
    expect(b.height).toBeGreaterThanOrEqual(14);
    for (const o of boxes.slice(i + 1)) expect(b.x < o.x + o.width && o.x < b.x + b.width && b.y < o.y + o.height && o.y < b.y + b.height).toBe(false);
  }
  expect(new Set(boxes.map((b) => Math.round(b.x))).size).toBe(2);
  expect(await values.locator('dd').first().evaluate((e) => parseFloat(getComputedStyle(e).fontSize))).toBeGreaterThanOrEqual(10);
  await page.screenshot({ path: `${ARTIFACTS}overlay-many-inputs.png` });
  // The same list at 1440×900 in the dark theme: the values keep their contrast.
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await values.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${ARTIFACTS}overlay-many-inputs-dark-1440x900.png` });
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.emulateMedia({ colorScheme: 'light' });
  // In the dataset's units; a step brings the next row's values.
  const first = await page.getByTestId('sample-value-x1').textContent();
  await page.getByTestId('sample-stepper').focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('sample-position')).toContainText('row 2 / 20');
  await expect(page.getByTestId('sample-value-x1')).not.toHaveText(first!);
  const shown = await values.locator('dd').allTextContents();
  // Edit values: the same values become typed-in ones, with a slider and a field each.
  await page.getByTestId('sample-edit-values').click();
  await expect(page.getByTestId('sample-dataset')).toHaveValue('');
  await expect(page.getByTestId('sample-values')).toHaveCount(0);
  for (const [j, v] of shown.entries()) await expect(page.getByTestId(`sample-input-x${j + 1}`)).toHaveValue(String(Number(Number(v).toPrecision(6))));
});

test("View menu keys switch the overlay; a softmax member's budget draws its probability against its z", async ({ page }) => {
  const withGroup = {
    ...NETWORK,
    neurons: [...NETWORK.neurons, { ...NETWORK.neurons.find((n) => n.label === 'y')!, id: 'y2', label: 'y2', position: { x: 600, y: 200 } }],
    synapses: [...NETWORK.synapses, { id: 'ty2', source: 't', target: 'y2', weight: 0.5 }],
    softmaxGroups: [{ id: 'g', label: 'class', members: ['y', 'y2'] }],
  };
  await pasteNetwork(page, withGroup);
  await expect(neuron(page, 'y2')).toBeVisible();
  await canvas(page).click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('1');
  await expect(page.getByTestId('overlay-weights')).toHaveAttribute('aria-checked', 'true');
  await page.keyboard.press('2');
  await expect(page.getByTestId('overlay-contributions')).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByTestId('budget-t').locator('svg.budget__curve')).toHaveAttribute('data-curve', 'tanh');
  for (const label of ['y', 'y2']) await expect(page.getByTestId(`budget-${label}`).locator('svg.budget__curve')).toHaveAttribute('data-curve', 'softmax');
  // The two members' probabilities (o) sum to one, as the curve's value at each z does.
  const o = await Promise.all(['y', 'y2'].map(async (l) => Number(await page.getByTestId(`budget-${l}`).getAttribute('data-o'))));
  expect(o[0] + o[1]).toBeCloseTo(1, 3);
  await page.keyboard.press('0');
  await expect(page.getByTestId('overlay-off')).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByTestId('budget-y')).toHaveCount(0);
});
