/**
 * Reading the overlays at a laptop's window size (1280×720 and 1440×900): nothing drawn for one neuron covers
 * another, labels stay at least 10 px tall after fit view, the first sample is a validation row with its label,
 * the legend follows the overlay, edges are neutral with the overlay off, heatmaps are square, a 100-neuron
 * network collapses into layers, and synapses are drawn from their own handles after opening projects in turn.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { bigNetwork } from './big-network';
import { canvas, menu, saveAs } from './canvas-helpers';
import { expect, ROOT, test } from './fixtures';
import { canvasReport, expectLegible, fitWithKeys, settle, strayEdges } from './legibility-helpers';

const ARTIFACTS = join(ROOT, 'e2e/artifacts');
const VIEWPORTS = [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
];

async function overlay(page: Page, mode: 'off' | 'weights' | 'contributions' | 'dataset') {
  await page.getByTestId(`overlay-${mode}`).click();
  await expect(page.getByTestId(`overlay-${mode}`)).toHaveAttribute('aria-checked', 'true');
}

async function openProject(page: Page, name: string) {
  await page.keyboard.press('Control+o');
  await page.getByTestId(`open-file-${name}`).click();
  await expect(page.getByTestId('open-file-' + name)).toHaveCount(0);
}

async function paste(page: Page, doc: object) {
  await page.evaluate((text) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', text);
    document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, JSON.stringify(doc));
}

for (const viewport of VIEWPORTS) {
  const size = `${viewport.width}x${viewport.height}`;

  test.describe(`at ${size}`, () => {
    test.use({ viewport });

    test.describe('first-launch example', () => {
      test.use({ firstLaunchExample: true });

      test('every overlay mode is legible after Shift+F; the first sample is a validation row with its label; the legend follows the mode', async ({ page }) => {
        await expect(page.getByTestId('neuron-h16')).toBeVisible();
        const inspector = page.getByTestId('inspector');

        // Off: neutral edges, and the inspector's legend says so.
        await expect(page.getByTestId('canvas-legend')).toContainText('overlay off');
        const strokes = await page.evaluate(() => {
          const probe = document.createElementNS('http://www.w3.org/2000/svg', 'line');
          probe.style.stroke = 'var(--edge-neutral)';
          document.querySelector('.react-flow__edges svg, svg')!.appendChild(probe);
          const neutral = getComputedStyle(probe).stroke;
          probe.remove();
          return { neutral, edges: [...new Set([...document.querySelectorAll('path.react-flow__edge-path[data-source]')].map((p) => getComputedStyle(p).stroke))] };
        });
        expect(strokes.edges).toEqual([strokes.neutral]);
        await fitWithKeys(page);
        await expectLegible(page, `${size} off`);
        if (viewport.width === 1280) await page.screenshot({ path: join(ARTIFACTS, 'legibility-off-1280x720.png') });

        await overlay(page, 'weights');
        await expect(page.getByTestId('overlay-legend')).toContainText('positive weight (w > 0)');
        await expect(page.getByTestId('overlay-legend')).toContainText('negative weight (w < 0)');
        await fitWithKeys(page);
        await expectLegible(page, `${size} weights`);
        if (viewport.width === 1280) await page.screenshot({ path: join(ARTIFACTS, 'legibility-weights-1280x720.png') });

        // Contributions: the sample is the first validation row, with its true label and the prediction.
        await overlay(page, 'contributions');
        await expect(page.getByTestId('sample-position')).toContainText(/^validation row 1 \/ \d+/);
        await expect(page.getByTestId('sample-true')).toHaveText(/^label = [01]$/);
        await expect(page.getByTestId('sample-predicted')).toHaveText(/^label = [01] \(p of 1: [\d.]+\)$/);
        await expect(page.getByTestId('overlay-legend')).toContainText('excites: c = w·o > 0');
        await expect(page.getByTestId('overlay-legend')).toContainText('inhibits: c = w·o < 0');
        await expect(page.getByTestId('overlay-legend')).not.toContainText('positive weight');
        await expect(inspector).not.toContainText(/positive weight|negative weight/);
        // Inputs in the dataset's units: the field differs from the encoded value the row keeps for the network.
        const row = page.getByTestId('sample-row-x1');
        const encoded = Number(await row.getAttribute('data-encoded'));
        const shown = Number(await page.getByTestId('sample-input-x1').inputValue());
        expect(Math.abs(shown - encoded)).toBeGreaterThan(1e-6);
        await expect(row).toHaveAttribute('title', /the network sees .* \(standardise\)/);
        await expect(page.getByTestId('budget-h1')).toBeVisible();
        await fitWithKeys(page);
        const r = await expectLegible(page, `${size} contributions`);
        expect(r.nodes).toBe(19);
        if (viewport.width === 1280) await page.screenshot({ path: join(ARTIFACTS, 'legibility-contributions-1280x720.png') });
        // Hover: the equation in words at screen size.
        await page.getByTestId('neuron-h3').hover();
        await expect(page.getByTestId('budget-equation-h3')).toBeVisible();
        await expect(page.getByTestId('budget-equation-h3')).toHaveText(/^E [+−]?[\d.e+]+, I [−]?[\d.e+]+, bias [+−]?[\d.]+ → z = −?[\d.]+ → tanh → o = −?[\d.]+$/);
        expect((await page.getByTestId('budget-equation-h3').boundingBox())!.height).toBeGreaterThanOrEqual(14);

        await overlay(page, 'dataset');
        await expect(page.getByTestId('overlay-legend')).toContainText('excites on average: mean c = w·o > 0');
        await expect(page.getByTestId('stats-count')).toHaveText(/\d+ validation rows/);
        await fitWithKeys(page);
        await expectLegible(page, `${size} dataset`);
        if (viewport.width === 1280) await page.screenshot({ path: join(ARTIFACTS, 'legibility-dataset-1280x720.png') });
      });

      test('heatmaps are square at the card width and never under another card', async ({ page }) => {
        await expect(page.getByTestId('neuron-h16')).toBeVisible();
        await page.getByTestId('training-toggle').click();
        await page.getByTestId('training-tab-boundary').click();
        await page.getByTestId('heatmaps-toggle').check();
        await expect(page.getByTestId('heatmap-h1')).toBeVisible();
        await expect(page.getByTestId('toast').filter({ hasText: 'make room for the heatmaps' })).toBeVisible();
        await page.getByTestId('training-toggle').click();
        await fitWithKeys(page);
        const maps = await page.locator('canvas[data-testid^="heatmap-"]').evaluateAll((els) =>
          els.map((e) => {
            const r = e.getBoundingClientRect();
            const card = e.closest('.neuron-box')!.querySelector('.neuron')!.getBoundingClientRect();
            return { w: r.width, h: r.height, card: card.width, scale: e.getAttribute('data-scale'), label: e.getAttribute('data-testid') };
          }),
        );
        expect(maps).toHaveLength(19);
        for (const m of maps) {
          expect(Math.abs(m.w - m.h), `${m.label} is square`).toBeLessThanOrEqual(1);
          expect(Math.abs(m.w - m.card), `${m.label} is as wide as its card`).toBeLessThanOrEqual(1);
        }
        // tanh and linear outputs can be negative: a scale centred on 0; the sigmoid output cannot.
        expect(maps.find((m) => m.label === 'heatmap-h1')!.scale).toBe('diverging');
        expect(maps.find((m) => m.label === 'heatmap-label')!.scale).toBe('sequential');
        const r = await canvasReport(page);
        expect(r.overlaps).toEqual([]);
        if (viewport.width === 1280) await page.screenshot({ path: join(ARTIFACTS, 'legibility-heatmaps-1280x720.png') });
      });
    });

    test('Iris with a 16-neuron hidden layer, Contributions on: legible after Shift+F', async ({ page, app }) => {
      execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'e2e/iris16-project.ts'), app.projectsDir], { cwd: ROOT, stdio: 'inherit' });
      await openProject(page, 'iris16');
      await expect(page.getByTestId('neuron-h16')).toBeVisible();
      await overlay(page, 'contributions');
      await expect(page.getByTestId('sample-position')).toContainText(/^validation row 1 \/ \d+/);
      await expect(page.getByTestId('sample-true')).toHaveText(/^species = (setosa|versicolor|virginica)$/);
      await expect(page.getByTestId('sample-predicted')).toHaveText(/^species = \w+ \(p [\d.]+\)$/);
      await expect(page.getByTestId('budget-h16')).toBeVisible();
      await fitWithKeys(page);
      const r = await expectLegible(page, `${size} iris16 contributions`);
      expect(r.nodes).toBe(4 + 16 + 3);
      if (viewport.width === 1280) await page.screenshot({ path: join(ARTIFACTS, 'legibility-iris16-1280x720.png') });
    });

    test('a 100-neuron, 2,500-synapse network collapses into layers at fit view, with aggregated edges, and expands again', async ({ page }) => {
      test.setTimeout(120_000);
      await paste(page, bigNetwork());
      await expect(page.locator('.react-flow__node')).toHaveCount(100);
      await canvas(page).click({ position: { x: 3, y: 3 } });
      await fitWithKeys(page);
      await expect(page.getByTestId('layer-1')).toHaveAttribute('data-count', '40');
      await expect(page.getByTestId('layer-2')).toHaveAttribute('data-count', '40');
      await settle(page);
      await expectLegible(page, `${size} big network`);
      await overlay(page, 'weights');
      // One edge per pair of ends: layer 1 → layer 2 carries the 1,600 synapses between them.
      const agg = page.locator('path[data-testid="aggregate-layer-1-layer-2"]');
      await expect(agg).toHaveAttribute('data-count', '1600');
      const sum = Number(await agg.getAttribute('data-sum'));
      await expect(agg).toHaveAttribute('data-effect', sum > 0 ? 'excitatory' : 'inhibitory');
      await fitWithKeys(page);
      await expectLegible(page, `${size} big network, weights`);
      if (viewport.width === 1280) await page.screenshot({ path: join(ARTIFACTS, 'legibility-big-network-1280x720.png') });
      await page.getByTestId('layers-expand').click();
      await expect(page.locator('.react-flow__node')).toHaveCount(100);
      await expect(page.getByTestId('layer-1')).toHaveCount(0);
    });

    test('open project A, then B, then A: every synapse is drawn from its own nodes’ handles', async ({ page }) => {
      test.setTimeout(120_000);
      await menu(page, 'File', 'file.newFromExample');
      await page.getByTestId('example-circles').click();
      await expect(page.getByTestId('neuron-h16')).toBeVisible();
      await saveAs(page, 'A');
      await menu(page, 'File', 'file.newFromExample');
      await page.getByTestId('example-iris').click();
      await expect(page.getByTestId('neuron-species=setosa')).toBeVisible();
      await saveAs(page, 'B');
      for (const [name, count] of [['A', 88], ['B', 4 * 8 + 8 * 3], ['A', 88]] as const) {
        // Zoomed far out (where cards drop their handles from sight) when the next project arrives.
        for (let k = 0; k < 6; k++) await page.keyboard.press('Control+-');
        await openProject(page, name);
        await settle(page);
        await expect.poll(async () => (await strayEdges(page)).count, { message: `${name}: synapses drawn` }).toBe(count);
        expect((await strayEdges(page)).stray, `${name}: synapses not on their own handles`).toEqual([]);
      }
    });
  });
}
