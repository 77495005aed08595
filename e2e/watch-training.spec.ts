/**
 * Watching a network learn: the default Training speed lets the eye follow the first-launch example
 * (the epoch counter climbs, the curve stays in view), full speed finishes the run, F10 from idle steps
 * one batch; and the replay of a finished run puts each stored snapshot on the canvas, where the
 * inspector and the Contributions overlay show exactly those weights (checked against the saved file
 * and a forward pass of the engine).
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import type { Locator, Page } from '@playwright/test';
import { compileNetwork, forwardSample } from '../src-shared/engine';
import type { Network } from '../src-shared/model/network';
import { menu, neuron, saveAs, synapse } from './canvas-helpers';
import { expect, test } from './fixtures';

const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));
const VIEW = { width: 1280, height: 720 };

async function openDock(page: Page) {
  const toggle = page.getByTestId('training-toggle');
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
}

/** The element's box, asserting it lies inside the 1280×720 window (Playwright would scroll it into view by itself). */
async function inView(l: Locator) {
  const b = await l.boundingBox();
  expect(b).not.toBeNull();
  expect(b!.x).toBeGreaterThanOrEqual(0);
  expect(b!.y).toBeGreaterThanOrEqual(0);
  expect(b!.x + b!.width).toBeLessThanOrEqual(VIEW.width + 0.5);
  expect(b!.y + b!.height).toBeLessThanOrEqual(VIEW.height + 0.5);
  return b!;
}

/** A number field's exact value: its title where the field shows it rounded to 4 digits, else the field itself. */
function exactValue(page: Page, testId: string): Promise<string> {
  return page.getByTestId(testId).evaluate((el: HTMLInputElement) => el.title || el.value);
}

test.describe('watching training', () => {
  test.use({ firstLaunchExample: true, viewport: VIEW });

  test('the default tempo shows the first-launch example learning; full speed finishes it; the curves stay; F10 from idle steps one batch', async ({ page }) => {
    test.setTimeout(90_000);
    await expect(page.getByTestId('toast').filter({ hasText: /example/i })).toBeVisible();
    await openDock(page);
    const speed = page.getByRole('combobox', { name: 'Training speed', exact: true });
    await expect(speed).toHaveValue('20');

    await page.getByTestId('train-start').click();
    const counter = page.getByTestId('training-progress');
    await expect(counter).toHaveAttribute('data-epoch', /\d/);
    // Watch for three seconds from inside the page (every 50 ms): the epoch counter, and the boxes of the chart,
    // the counter and the bar, as a person at a 1280×720 window would see them.
    const samples = await page.evaluate(async () => {
      const out: { epoch: string | null; chart: DOMRect | null; counter: DOMRect | null; bar: DOMRect | null; clipped: boolean; text: string }[] = [];
      const t0 = performance.now();
      while (performance.now() - t0 < 3000) {
        const q = (sel: string) => document.querySelector(sel)?.getBoundingClientRect().toJSON() ?? null;
        const text = document.querySelector<HTMLElement>('[data-testid="training-status"]');
        out.push({
          epoch: document.querySelector('[data-testid="training-progress"]')?.getAttribute('data-epoch') ?? null,
          chart: q('[data-testid="live-chart"]'),
          counter: q('[data-testid="epoch-counter"]'),
          bar: q('.training-bar'),
          text: text?.textContent ?? '',
          clipped: !!text && (text.scrollWidth > text.clientWidth + 1 || text.getBoundingClientRect().right > document.querySelector('.training-bar')!.getBoundingClientRect().right),
        });
        await new Promise((r) => setTimeout(r, 50));
      }
      return out;
    });
    await page.screenshot({ path: `${ARTIFACTS}watch-training-1280.png` });
    const seen = new Set(samples.map((x) => x.epoch).filter((e) => e !== null));
    console.log(`epochs seen over 3 s at the default tempo: ${[...seen].join(' ')}`);
    const inside = (b: DOMRect | null) => !!b && b.x >= 0 && b.y >= 0 && b.x + b.width <= VIEW.width + 0.5 && b.y + b.height <= VIEW.height + 0.5;
    for (const x of samples) {
      expect(inside(x.chart) && x.chart!.width > 300 && x.chart!.height > 100, 'the curve is in view').toBe(true);
      expect(inside(x.counter) && x.counter!.height >= 10, 'the epoch counter is in view').toBe(true);
      expect(x.bar!.height, 'the bar stays one line').toBeLessThan(40);
      expect(x.clipped, 'the status text is not cut off').toBe(false);
    }
    expect(seen.size).toBeGreaterThanOrEqual(10);
    expect(Math.max(...[...seen].map(Number))).toBeLessThan(100);
    // What the bar said while the run went.
    const text = samples.filter((x) => x.epoch !== null).at(-1)!.text;
    expect(text).toMatch(/epoch \d+\/100/);
    expect(text).toMatch(/samples\/s/);
    expect(text).toMatch(/loss \d/);
    expect(text).toMatch(/acc \d/);

    // Full speed finishes the run at once; the curves stay, with the results beside them.
    await speed.selectOption({ label: 'Full speed' });
    await expect(page.getByTestId('toast').filter({ hasText: 'Training finished: run #1.' })).toBeVisible({ timeout: 20_000 });
    await expect(page.getByTestId('training-tab-curves')).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByTestId('live-chart')).toHaveAttribute('data-epochs', '100');
    await inView(page.getByTestId('live-chart'));
    await inView(page.getByTestId('curves-aside'));
    await inView(page.getByTestId('replay-slider'));
    await expect(page.getByTestId('training-status')).toContainText('Done · epoch 100');
    await page.screenshot({ path: `${ARTIFACTS}watch-training-done-1280.png` });
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.screenshot({ path: `${ARTIFACTS}watch-training-done-1440.png` });
    await page.setViewportSize(VIEW);

    // F10 from idle: a paused run, one batch in.
    await page.locator('.training-tabs').click({ position: { x: 600, y: 10 } });
    await page.keyboard.press('F10');
    await expect(counter).toHaveAttribute('data-step', '1');
    await expect(counter).toHaveAttribute('data-epoch', '0');
    await expect(counter).toHaveAttribute('data-paused', 'true');
    await page.keyboard.press('F10');
    await expect(counter).toHaveAttribute('data-step', '2');
    await page.keyboard.press('Shift+F10');
    await expect(counter).toHaveAttribute('data-epoch', '1');
    await expect(counter).toHaveAttribute('data-step', '0');
    await page.screenshot({ path: `${ARTIFACTS}watch-training-step-1280.png` });
    // Paused, the bar still holds one line with the counter in view.
    expect((await page.locator('.training-bar').boundingBox())!.height).toBeLessThan(40);
    await inView(page.getByTestId('epoch-counter'));
    await page.getByTestId('train-stop').click();
    await expect(page.getByTestId('toast').filter({ hasText: 'Training stopped: run #2.' })).toBeVisible();
    await expect(page.getByTestId('training-tab-curves')).toHaveAttribute('aria-selected', 'true');
  });
});

test.describe('replay', () => {
  test.use({ viewport: VIEW });

  test('scrubbing to the first and the last snapshot puts exactly those weights on the canvas and into the Contributions overlay', async ({ page, app }) => {
    test.setTimeout(180_000);
    await menu(page, 'File', 'file.newFromExample');
    await page.getByTestId('example-xor').click();
    await expect(page.getByTestId('toast').filter({ hasText: 'Opened example XOR' })).toBeVisible();
    await openDock(page);
    const epochs = page.getByTestId('cfg-epochs');
    await epochs.fill('30');
    await epochs.press('Enter');
    await page.getByRole('combobox', { name: 'Training speed', exact: true }).selectOption({ label: 'Full speed' });
    await page.getByTestId('train-start').click();
    await expect(page.getByTestId('toast').filter({ hasText: 'Training finished: run #1.' })).toBeVisible({ timeout: 30_000 });
    const slider = page.getByTestId('replay-slider');
    await expect(slider).toHaveAttribute('max', '30');
    await saveAs(page, 'replayed');

    // What the file holds, read with SQLite and the engine, not through the app.
    const db = new Database(join(app.projectsDir, 'replayed.neurite'), { readonly: true });
    const run = db.prepare('SELECT id, network FROM runs').get() as { id: string; network: string };
    const net = JSON.parse(run.network) as Network;
    const rows = db.prepare('SELECT epoch, step, weights FROM run_snapshots WHERE run_id = ? ORDER BY epoch, step').all(run.id) as { epoch: number; step: number; weights: Buffer }[];
    db.close();
    expect(rows.map((r) => r.epoch)).toEqual(Array.from({ length: 31 }, (_, i) => i));
    const program = compileNetwork(net);
    const paramsOf = (b: Buffer) => new Float64Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
    const labelOf = new Map(net.neurons.map((n) => [n.id, n.label]));

    await page.keyboard.press('2');
    await expect(page.getByTestId('overlay-contributions')).toHaveAttribute('aria-checked', 'true');
    // Typed in the dataset's units; the network sees the encoded values each row keeps.
    await page.getByTestId('sample-input-x1').fill('0.7');
    await page.getByTestId('sample-input-x2').fill('-0.3');
    await expect(page.getByTestId('sample-input-x1')).toHaveValue('0.7');
    const inputs = await Promise.all(['x1', 'x2'].map(async (x) => Number(await page.getByTestId(`sample-row-${x}`).getAttribute('data-encoded'))));
    const fmt = (v: number) => (v === 0 ? '0' : Math.abs(v) >= 1e4 || Math.abs(v) < 1e-3 ? v.toExponential(3) : String(Number(v.toFixed(4))));

    for (const [key, row] of [['Home', rows[0]], ['End', rows.at(-1)!]] as const) {
      await slider.focus();
      await slider.press(key);
      await expect(page.getByTestId('replay')).toHaveAttribute('data-epoch', String(row.epoch));
      await expect(page.getByTestId('live-chart')).toHaveAttribute('data-marker', String(row.epoch));
      const params = paramsOf(row.weights);
      // The inspector reads the canvas: a synapse's weight and a neuron's bias, exactly (the field shows 4 digits, its title all).
      for (const k of [0, 7, net.synapses.length - 1]) {
        const s = net.synapses[k];
        // Select exactly this synapse (a click at its middle could land on a crossing one).
        await synapse(page, labelOf.get(s.source)!, labelOf.get(s.target)!).dispatchEvent('click');
        await expect.poll(() => exactValue(page, 'weight-input')).toBe(String(params[program.synParam[k]]));
      }
      await neuron(page, 'label').dispatchEvent('click');
      await expect.poll(() => exactValue(page, 'bias-input')).toBe(String(params[program.nWeights + program.neuronIds.indexOf(net.neurons.find((n) => n.label === 'label')!.id)]));
      // Every synapse's contribution c = w·o equals the engine's forward pass with the snapshot's weights.
      const fwd = forwardSample(program, params, inputs);
      const expected = Object.fromEntries(net.synapses.map((s, k) => [`synapse-${labelOf.get(s.source)}-${labelOf.get(s.target)}`, fmt(fwd.contributions[k])]));
      const shown = () =>
        page.locator('path[data-testid^="synapse-"][data-contribution]').evaluateAll((els) => Object.fromEntries(els.map((e) => [e.getAttribute('data-testid'), e.getAttribute('data-contribution')])));
      await expect.poll(shown, { timeout: 20_000 }).toEqual(expected);
    }
    await page.screenshot({ path: `${ARTIFACTS}replay-1280.png` });

    // Leaving the replay puts the document's weights (the final ones) back.
    const s0 = net.synapses[0];
    const first = synapse(page, labelOf.get(s0.source)!, labelOf.get(s0.target)!);
    const weightAt = (row: (typeof rows)[number]) => String(paramsOf(row.weights)[program.synParam[0]]);
    await page.getByTestId('replay-leave').click();
    await expect(page.getByTestId('replay')).toHaveAttribute('data-epoch', '');
    await first.dispatchEvent('click');
    await expect.poll(() => exactValue(page, 'weight-input')).toBe(weightAt(rows.at(-1)!));
    // Saving during a replay saves the network's own weights, not the replayed ones.
    await slider.focus();
    await slider.press('Home');
    await expect.poll(() => exactValue(page, 'weight-input')).toBe(weightAt(rows[0]));
    await page.keyboard.press('Control+s');
    await expect(page.getByTestId('toast').filter({ hasText: 'Saved replayed.' }).last()).toBeVisible();
    await expect(page.getByTestId('replay')).toHaveAttribute('data-epoch', '');
    await expect.poll(() => exactValue(page, 'weight-input')).toBe(weightAt(rows.at(-1)!));
    // Keep weights: epoch 0's weights become the network's, one undo step away from the final ones.
    await slider.focus();
    await slider.press('Home');
    await page.getByTestId('replay-keep').click();
    await expect.poll(() => exactValue(page, 'weight-input')).toBe(weightAt(rows[0]));
    await page.keyboard.press('Control+z');
    await expect.poll(() => exactValue(page, 'weight-input')).toBe(weightAt(rows.at(-1)!));
  });
});
