/**
 * The shell at the window sizes people have (1280×720, 1440×900): dialogs that fit with their actions
 * in view, a canvas that gets most of the window, side panels that collapse and stay collapsed,
 * Open Recent in browser mode, paste at the pointer, zoom about the centre, handles that say no while
 * dragging, labels cut in the middle, Train that says why it is off, and nothing stale after New.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildChain, canvas, centerOf, edges, menu, mouseDrag, neuron, saveAs, viewportSettled } from './canvas-helpers';
import { expect, test } from './fixtures';
import { box, expectDialogFits, expectInside, expectOnTop, openExample, openImport, reloadDiscarding, wideCsv } from './shell-helpers';

const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));

for (const viewport of [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
]) {
  test.describe(`at ${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport });

    test('every dialog and its primary button lie inside the window, with no sideways scrolling', async ({ page }) => {
      const shot = (name: string) => page.screenshot({ path: `${ARTIFACTS}dialog-${name}-${viewport.width}x${viewport.height}.png` });
      // Import wizard for a 12-column CSV: Import inside the dialog, in view.
      const wizard = await openImport(page, wideCsv(12));
      await expect(wizard.getByTestId('preview-table').locator('th')).toHaveCount(12);
      await expectDialogFits(page, wizard, wizard.getByTestId('import-run'), 'import wizard');
      // Columns and preview scroll inside their own box, which stays inside the dialog; the preview table scrolls sideways in its own.
      expectInside(await box(wizard.locator('.ds-scroll')), await box(wizard), 'columns and preview');
      const preview = await box(wizard.locator('.ds-table-wrap'));
      expect(preview.x + preview.width, 'preview table: right edge').toBeLessThanOrEqual((await box(wizard)).x + (await box(wizard)).width);
      await shot('import');
      await wizard.getByTestId('import-run').click();
      await expect(wizard).toHaveCount(0);

      // Data view: summary cards and the scatter inside the dialog.
      await menu(page, 'View', 'view.data');
      const data = page.getByTestId('data-window');
      await expect(data.getByTestId('data-scatter')).toBeAttached();
      await expectDialogFits(page, data, data.locator('.modal__close'), 'data view');
      await shot('data');
      for (const card of await data.getByTestId('data-summary').locator(':scope > div').all()) {
        const b = await card.boundingBox();
        if (b) expect(b.x + b.width, 'a summary card is cut at the dialog edge').toBeLessThanOrEqual((await box(data)).x + (await box(data)).width);
      }
      await data.locator('.modal__close').click();

      // New from Example: every example button, Iris last, inside the dialog.
      await menu(page, 'File', 'file.newFromExample');
      const examples = page.getByTestId('examples-dialog');
      for (const kind of ['xor', 'circles', 'spirals', 'blobs', 'surface', 'iris']) await expectDialogFits(page, examples, examples.getByTestId(`example-${kind}`), `New from Example (${kind})`);
      await shot('examples');
      await page.keyboard.press('Escape');

      // Save (browser mode's in-page dialog).
      await page.keyboard.press('Control+s');
      const save = page.getByTestId('save-dialog');
      await expectDialogFits(page, save, save.getByTestId('save-run'), 'Save');
      await shot('save');
      await page.keyboard.press('Escape');

      // Export.
      await menu(page, 'File', 'file.exportOnnx');
      const exp = page.getByTestId('export-dialog');
      await expectDialogFits(page, exp, exp.getByTestId('export-run'), 'Export');
      await shot('export');
      await page.keyboard.press('Escape');
      await expect(exp).toHaveCount(0);
    });

    test('the canvas gets at least 60% of the window with the dock closed, and fit view keeps the network clear of the minimap', async ({ page }) => {
      await openExample(page, 'iris');
      const c = await box(canvas(page));
      await page.screenshot({ path: `${ARTIFACTS}window-${viewport.width}x${viewport.height}.png` });
      const share = (c.width * c.height) / (viewport.width * viewport.height);
      expect(share, `canvas ${c.width}×${c.height}`).toBeGreaterThanOrEqual(0.6);
      // Nothing of the chrome wraps: the toolbar and the training bar are one line each.
      expect((await box(page.locator('.toolbar'))).height).toBeLessThanOrEqual(40);
      expect((await box(page.locator('.training-bar'))).height).toBeLessThanOrEqual(40);

      // Open the dock: the fitted network is fitted again to the smaller canvas (no Fit View pressed),
      // its outputs inside the canvas and out from under the minimap.
      await page.getByTestId('training-toggle').click();
      await expect(page.getByTestId('training-dock')).toHaveClass(/is-open/);
      await viewportSettled(page);
      const stage = await box(canvas(page));
      await page.screenshot({ path: `${ARTIFACTS}window-dock-${viewport.width}x${viewport.height}.png` });
      const minimap = page.locator('.react-flow__minimap');
      for (const label of ['species=setosa', 'species=versicolor', 'species=virginica']) {
        const n = await box(neuron(page, label));
        expectInside(n, stage, `${label} inside the canvas with the dock open`);
        if (await minimap.count()) {
          const m = await box(minimap);
          const overlap = n.x < m.x + m.width && m.x < n.x + n.width && n.y < m.y + m.height && m.y < n.y + n.height;
          expect(overlap, `the minimap covers ${label}`).toBe(false);
        }
      }
    });
  });
}

test('side panels collapse from the toolbar and the View menu, and come back as they were after a reload', async ({ page }) => {
  await openExample(page, 'iris');
  const before = await box(canvas(page));
  await expect(page.getByTestId('inspector')).toBeVisible();
  // Collapse the inspector (toolbar), expand the palette (View menu), hide the overlay panel while the overlay is on.
  await page.getByTestId('tool-view.toggleInspector').click();
  await expect(page.getByTestId('inspector')).toHaveCount(0);
  await menu(page, 'View', 'view.togglePalette');
  await expect(page.getByTestId('palette')).toHaveAttribute('data-open', 'true');
  await page.keyboard.press('1');
  await expect(page.getByTestId('overlay-panel')).toBeVisible();
  await menu(page, 'View', 'view.toggleOverlayPanel');
  await expect(page.getByTestId('overlay-panel')).toBeHidden();
  const wider = await box(canvas(page));
  expect(wider.width).toBeGreaterThan(before.width + 100);

  await reloadDiscarding(page);
  await expect(page.getByTestId('palette')).toHaveAttribute('data-open', 'true');
  await expect(page.getByTestId('inspector')).toHaveCount(0);
  await page.keyboard.press('1');
  await expect(page.getByTestId('overlay-panel')).toBeHidden();
  // The View menu shows the state with check marks; they come back from there.
  await page.getByRole('menubar').getByRole('menuitem', { name: 'View', exact: true }).click();
  await expect(page.getByTestId('menu-view.toggleInspector')).toHaveAttribute('aria-checked', 'false');
  await expect(page.getByTestId('menu-view.togglePalette')).toHaveAttribute('aria-checked', 'true');
  await page.getByTestId('menu-view.toggleInspector').click();
  await menu(page, 'View', 'view.toggleOverlayPanel');
  await page.getByTestId('palette-toggle').click();
  await expect(page.getByTestId('inspector')).toBeVisible();
  await expect(page.getByTestId('overlay-panel')).toBeVisible();
  await expect(page.getByTestId('palette')).toHaveAttribute('data-open', 'false');
  // The overlay panel and the inspector share one column (stacked) unless asked to stand beside each other.
  const o = await box(page.getByTestId('overlay-panel'));
  const i = await box(page.getByTestId('inspector'));
  expect(Math.abs(o.x - i.x)).toBeLessThan(2);
  expect(i.y).toBeGreaterThanOrEqual(o.y + o.height - 2);
  await menu(page, 'View', 'view.panelsBeside');
  const o2 = await box(page.getByTestId('overlay-panel'));
  const i2 = await box(page.getByTestId('inspector'));
  expect(i2.x).toBeGreaterThanOrEqual(o2.x + o2.width - 2);
});

test('Open Recent in browser mode lists the projects saved here and the folder\'s other files, and opens one', async ({ page, app }) => {
  await buildChain(page);
  await saveAs(page, 'alpha');
  copyFileSync(join(app.projectsDir, 'alpha.neurite'), join(app.projectsDir, 'copied.neurite'));
  await menu(page, 'File', 'file.close');
  await expect(neuron(page, 'x1')).toHaveCount(0);
  await page.getByRole('menubar').getByRole('menuitem', { name: 'File', exact: true }).click();
  await page.getByTestId('menu-file.openRecent').click();
  await expect(page.getByTestId('recent-alpha.neurite')).toBeVisible();
  await expect(page.getByTestId('recent-copied.neurite')).toBeVisible();
  await expectOnTop(page.getByTestId('recent-copied.neurite'), 'File › Open Recent › copied');
  await page.getByTestId('recent-alpha.neurite').click();
  await expect(neuron(page, 'h1')).toBeVisible();
  await expect(page).toHaveTitle(/alpha/);
});

test('paste lands at the pointer, or beside the originals when the pointer is over them or away from the canvas', async ({ page }) => {
  await buildChain(page);
  await neuron(page, 'h1').click();
  await page.keyboard.press('Control+c');
  // Pointer over an empty spot of the canvas: the copy's top-left corner lands there.
  const c = await box(canvas(page));
  const spot = { x: c.x + 240, y: c.y + c.height - 120 };
  await page.mouse.move(spot.x, spot.y);
  await page.keyboard.press('Control+v');
  const pasted = neuron(page, 'h2');
  await expect(pasted).toBeVisible();
  const p = await box(pasted);
  expect(Math.abs(p.x - spot.x), `pasted at x ${p.x}, pointer at ${spot.x}`).toBeLessThan(12);
  expect(Math.abs(p.y - spot.y), `pasted at y ${p.y}, pointer at ${spot.y}`).toBeLessThan(12);
  // From the menu (the pointer is on the menu, not the canvas): beside the original, not on it.
  await menu(page, 'Edit', 'edit.paste');
  const again = neuron(page, 'h3');
  await expect(again).toBeVisible();
  const o = await box(neuron(page, 'h1'));
  const a = await box(again);
  const overlap = a.x < o.x + o.width && o.x < a.x + a.width && a.y < o.y + o.height && o.y < a.y + a.height;
  expect(overlap, 'the pasted copy covers the original').toBe(false);
});

test('Train is off with the reason while there is no dataset, the status bar does not say Ready, and New leaves nothing stale', async ({ page }) => {
  await buildChain(page);
  await expect(page.getByTestId('train-start')).toBeDisabled();
  await expect(page.getByTestId('train-disabled-reason')).toContainText('No dataset to train on');
  await expect(page.getByTestId('validation-status')).not.toContainText('Ready');
  await expect(page.getByTestId('validation-status')).toContainText('no dataset');

  await openExample(page, 'circles');
  await expect(page.getByTestId('train-start')).toBeEnabled();
  await expect(page.getByTestId('train-disabled-reason')).toHaveCount(0);
  await expect(page.getByTestId('validation-status')).toContainText('Ready');
  // A dataset row as the overlay's sample, a few rows on.
  await page.keyboard.press('2');
  await page.getByTestId('sample-dataset').selectOption({ index: 1 });
  await expect(page.getByTestId('sample-position')).toContainText('row 1 /');
  await page.getByTestId('sample-stepper').locator('button').last().click();
  await expect(page.getByTestId('sample-position')).toContainText('row 2 /');

  await menu(page, 'File', 'file.new');
  const unsaved = page.getByTestId('unsaved-dialog');
  if (await unsaved.isVisible().catch(() => false)) await unsaved.getByRole('button', { name: 'Don’t Save' }).click();
  await expect(neuron(page, 'x1')).toHaveCount(0);
  await expect(page.getByTestId('overlay-panel')).toBeVisible();
  await expect(page.getByTestId('sample-position')).toHaveCount(0);
  await expect(page.getByTestId('overlay-panel').getByRole('alert')).toHaveCount(0);
  await expect(page.getByTestId('train-start')).toBeDisabled();
  await expect(page.getByTestId('validation-status')).toContainText('Empty network');
});

test('zoom buttons zoom about the canvas centre', async ({ page }) => {
  await openExample(page, 'iris');
  await viewportSettled(page);
  const c = await box(canvas(page));
  const mid = { x: c.x + c.width / 2, y: c.y + c.height / 2 };
  const flowAt = () => page.evaluate(() => document.querySelector('.react-flow__viewport')!.getAttribute('style'));
  const parse = (s: string | null) => {
    const m = /translate\(([-\d.]+)px, ?([-\d.]+)px\) scale\(([\d.]+)\)/.exec(s ?? '')!;
    return { x: +m[1], y: +m[2], k: +m[3] };
  };
  const before = parse(await flowAt());
  await page.getByTestId('tool-view.zoomIn').click();
  await viewportSettled(page);
  const after = parse(await flowAt());
  expect(after.k).toBeGreaterThan(before.k * 1.1);
  // The flow point under the canvas centre is the same before and after.
  const flow = (v: { x: number; y: number; k: number }) => ({ x: (mid.x - c.x - v.x) / v.k, y: (mid.y - c.y - v.y) / v.k });
  expect(Math.abs(flow(after).x - flow(before).x)).toBeLessThan(2);
  expect(Math.abs(flow(after).y - flow(before).y)).toBeLessThan(2);
});

test('while a connection is dragged, neurons that cannot take it dim their handles', async ({ page }) => {
  await buildChain(page);
  const start = await centerOf(neuron(page, 'h1').locator('.react-flow__handle.source'));
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(start.x + 60, start.y + 80, { steps: 5 });
  // x1 is an input (and feeds h1): no connection from h1 can end there; y1 already has one.
  await expect(neuron(page, 'x1')).toHaveClass(/is-refused/);
  await expect(neuron(page, 'y1')).toHaveClass(/is-refused/);
  await expect(neuron(page, 'h1')).not.toHaveClass(/is-refused/);
  await page.mouse.up();
  await expect(page.locator('.neuron.is-refused')).toHaveCount(0);
  // An output can take a new connection from h1.
  await menu(page, 'Edit', 'edit.selectNone');
  await page.getByTestId('palette-output').click();
  const y2 = neuron(page, 'y2');
  await expect(y2).toBeVisible();
  const s2 = await centerOf(neuron(page, 'h1').locator('.react-flow__handle.source'));
  await page.mouse.move(s2.x, s2.y);
  await page.mouse.down();
  await page.mouse.move(s2.x + 40, s2.y + 40, { steps: 5 });
  await expect(y2).not.toHaveClass(/is-refused/);
  await page.mouse.up();
  await expect(edges(page)).toHaveCount(2);
});

test('labels too long for a card are cut in the middle and stay distinguishable; the whole label shows on hover', async ({ page }) => {
  await openExample(page, 'iris');
  const shown: string[] = [];
  for (const label of ['species=setosa', 'species=versicolor', 'species=virginica']) {
    const el = neuron(page, label).locator('.neuron__label');
    await expect(el).toHaveAttribute('title', label);
    const text = (await el.textContent())!;
    shown.push(text);
    // Whatever was cut, the end that tells them apart is there.
    expect(label.endsWith(text.split('…').at(-1)!)).toBe(true);
    // And it is not cut again by CSS: the text fits its box.
    expect(await el.evaluate((e) => e.scrollWidth <= e.clientWidth + 1)).toBe(true);
  }
  expect(new Set(shown).size).toBe(3);
});

test('fields show numbers with 4 significant digits, and the whole number on focus', async ({ page }) => {
  await buildChain(page);
  await neuron(page, 'h1').click();
  const bias = page.getByTestId('bias-input');
  await bias.fill('0.123456789012');
  await bias.press('Enter');
  await expect(bias).toHaveValue('0.1235');
  await bias.focus();
  await expect(bias).toHaveValue('0.123456789012');
});

test('the app has a favicon and an app icon, and loads without a single 404', async ({ page, app }) => {
  const missing: string[] = [];
  page.on('response', (r) => {
    if (r.status() === 404) missing.push(r.url());
  });
  await page.goto(app.url);
  await expect(canvas(page)).toBeVisible();
  // Every request the page makes on its own (icons, fonts, chunks) has been answered.
  await page.waitForLoadState('networkidle');
  expect(missing).toEqual([]);
  const icon = await page.evaluate(() => (document.querySelector('link[rel="icon"]') as HTMLLinkElement).href);
  for (const path of [new URL(icon).pathname, '/favicon.ico', '/icon-512.png']) {
    const r = await page.request.get(new URL(path, page.url()).href);
    expect(r.status(), path).toBe(200);
  }
});

test('the training dock resizes from its top edge (mouse or keyboard) and keeps its height after a reload', async ({ page }) => {
  await openExample(page, 'iris');
  await page.getByTestId('training-toggle').click();
  const dock = page.getByTestId('training-dock');
  const before = await box(dock);
  const grip = await box(page.getByTestId('dock-resizer'));
  await mouseDrag(page, { x: grip.x + 300, y: grip.y + grip.height / 2 }, { x: grip.x + 300, y: grip.y + grip.height / 2 - 100 });
  const after = await box(dock);
  expect(Math.abs(after.height - before.height - 100)).toBeLessThan(4);
  await page.getByTestId('dock-resizer').focus();
  await page.keyboard.press('ArrowDown');
  expect((await box(dock)).height).toBeCloseTo(after.height - 20, 0);
  // Never so tall that the canvas disappears.
  await mouseDrag(page, { x: grip.x + 300, y: (await box(page.getByTestId('dock-resizer'))).y + 3 }, { x: grip.x + 300, y: 0 });
  expect((await box(canvas(page))).height).toBeGreaterThan(120);
  await page.getByTestId('dock-resizer').dblclick();
  await page.getByTestId('dock-resizer').focus();
  await page.keyboard.press('ArrowUp');
  await reloadDiscarding(page);
  await page.getByTestId('training-toggle').click();
  expect((await box(page.getByTestId('training-dock'))).height).toBeCloseTo(before.height + 20, 0);
});

test('overlay sliders never cover their labels, which show whole or cut with the whole on hover', async ({ page }) => {
  await openExample(page, 'iris');
  await page.keyboard.press('2');
  const rows = page.getByTestId('overlay-sample').locator('.overlay-input');
  await expect(rows).toHaveCount(4);
  for (const row of await rows.all()) {
    const label = row.locator('span').first();
    // Where the text is painted: its full extent, clipped to the label's box only if the label clips (a
    // label in a too-narrow column overflows visibly under the slider while its own box looks fine).
    const l = await label.evaluate((el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      const t = range.getBoundingClientRect();
      const b = el.getBoundingClientRect();
      if (getComputedStyle(el).overflowX === 'visible') return { x: t.left, y: t.top, width: t.width, height: t.height };
      const x = Math.max(t.left, b.left);
      return { x, y: t.top, width: Math.min(t.right, b.right) - x, height: t.height };
    });
    const r = await box(row.locator('input[type="range"]'));
    const n = await box(row.locator('input[type="number"]'));
    for (const [what, b] of [['slider', r], ['value field', n]] as const) {
      const overlap = l.x < b.x + b.width && b.x < l.x + l.width && l.y < b.y + b.height && b.y < l.y + l.height;
      expect(overlap, `${await label.textContent()}: the ${what} covers the label`).toBe(false);
    }
    expect(l.height).toBeGreaterThanOrEqual(10);
    await expect(label).toHaveAttribute('title', (await label.textContent())!);
  }
});
