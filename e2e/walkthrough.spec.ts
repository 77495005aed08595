/**
 * The guided example "What does a negative output do?" at 1280×720: opened from Help, walked with Next (and the
 * keyboard), each step's highlighted synapses and neurons read from the page and compared with the step's claims
 * (src-shared/walkthrough/negative-output.ts), the numbers in the text compared with the overlay's own, an edit at
 * step 2 turning the text and the colour to inhibitory, leaving and resuming, and the panel's boxes.
 */
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { menu, neuron } from './canvas-helpers';
import { expect, test } from './fixtures';
import { expectLegible, settle } from './legibility-helpers';
import { box } from './shell-helpers';
import { negativeOutputNetwork, STEPS } from '../src-shared/walkthrough/negative-output';

const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));

test.use({ viewport: { width: 1280, height: 720 } });

const NET = negativeOutputNetwork();
const label = (id: string) => NET.neurons.find((n) => n.id === id)!.label;
const edgeOf = (page: Page, synapseId: string) => {
  const s = NET.synapses.find((x) => x.id === synapseId)!;
  return page.locator(`path[data-testid="synapse-${label(s.source)}-${label(s.target)}"]`);
};
/** A number as the walkthrough prints it (a real minus sign). */
const parse = (s: string) => Number(s.replace('−', '-'));
const sign = (v: number) => (v > 0 ? 'positive' : v < 0 ? 'negative' : 'zero');

type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

async function expectPanelLegible(page: Page, panel: Locator, what: string, view = { width: 1280, height: 720 }) {
  const p = await box(panel);
  expect(p.x, `${what}: panel left`).toBeGreaterThanOrEqual(0);
  expect(p.y, `${what}: panel top`).toBeGreaterThanOrEqual(0);
  expect(p.x + p.width, `${what}: panel right`).toBeLessThanOrEqual(view.width);
  expect(p.y + p.height, `${what}: panel bottom`).toBeLessThanOrEqual(view.height);
  for (const part of ['walkthrough-text', 'walkthrough-count']) {
    const size = await panel.getByTestId(part).evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(size, `${what}: ${part} font size`).toBeGreaterThanOrEqual(10);
  }
  // The text is not cut off: the panel shows all of it.
  const clipped = await panel.getByTestId('walkthrough-text').evaluate((el) => el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1);
  expect(clipped, `${what}: text clipped`).toBe(false);
  // Highlighted neurons: inside the canvas, not under the panel.
  const stage = await box(page.locator('.stage'));
  for (const n of await page.locator('.neuron[data-walkthrough="highlight"]').all()) {
    const b = await box(n);
    expect(overlaps(b, p), `${what}: panel covers a highlighted neuron`).toBe(false);
    expect(b.y, `${what}: highlighted neuron below the canvas top`).toBeGreaterThanOrEqual(stage.y - 1);
    expect(b.y + b.height, `${what}: highlighted neuron above the canvas bottom`).toBeLessThanOrEqual(stage.y + stage.height + 1);
    expect(b.x + b.width, `${what}: highlighted neuron left of the canvas right edge`).toBeLessThanOrEqual(stage.x + stage.width + 1);
  }
}

/** axe (WCAG 2 A and AA) finds no serious or critical violation in the walkthrough strip. */
async function expectPanelAccessible(page: Page, what: string) {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).include('[data-testid="walkthrough"]').analyze();
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`), what).toEqual([]);
}

/** The guided example's panel once it opened, past the unsaved-changes question when the current project asks it. */
async function walkthroughPanel(page: Page): Promise<Locator> {
  const unsaved = page.getByTestId('unsaved-dialog');
  const panel = page.getByTestId('walkthrough');
  await expect(panel.or(unsaved)).toBeVisible();
  if (await unsaved.isVisible()) await unsaved.getByRole('button', { name: 'Don’t Save' }).click();
  await expect(panel).toBeVisible();
  return panel;
}

async function openViaHelp(page: Page) {
  await menu(page, 'Help', 'help.negativeOutput');
  const panel = await walkthroughPanel(page);
  await expect(neuron(page, 't')).toBeVisible();
  return panel;
}

/** Every claim of step i against what the page draws; returns the step's text. */
async function checkStep(page: Page, panel: Locator, i: number, view = { width: 1280, height: 720 }): Promise<string> {
  const step = STEPS[i];
  await expect(panel).toHaveAttribute('data-step', step.id);
  await expect(panel.getByTestId('walkthrough-count')).toHaveText(`${i + 1} / ${STEPS.length}`);
  await expect(page.locator('path[data-walkthrough="highlight"]')).toHaveCount(step.synapses.length);
  await expect(page.locator('.neuron[data-walkthrough="highlight"]')).toHaveCount(step.neurons.length);
  for (const id of step.synapses) await expect(edgeOf(page, id)).toHaveAttribute('data-walkthrough', 'highlight');
  const text = panel.getByTestId('walkthrough-text');
  // The text waits for the overlay's answer (no "…" left).
  await expect(text).not.toContainText('…');
  for (const c of step.claims) {
    if (c.synapse) {
      const edge = edgeOf(page, c.synapse);
      const s = NET.synapses.find((x) => x.id === c.synapse)!;
      if (c.effect) await expect(edge, `${step.id}: effect of ${s.id}`).toHaveAttribute('data-effect', c.effect);
      if (c.signFlip === true) await expect(edge).toHaveAttribute('data-sign-flip', 'true');
      if (c.signFlip === false) await expect(edge).not.toHaveAttribute('data-sign-flip', /.*/);
      if (c.mixed) {
        const m = /excites in (\d+)% of them/.exec((await text.textContent()) ?? '');
        expect(m, `${step.id}: share in the text`).not.toBeNull();
        const pct = Number(m![1]);
        expect(pct).toBeGreaterThan(0);
        expect(pct).toBeLessThan(100);
      }
      // The contribution the text prints is the one the canvas draws.
      const drawn = Number(await edge.getAttribute('data-contribution'));
      const m = new RegExp(`${label(s.source)} → ${label(s.target)}: o = (\\S+), w = (\\S+), so c = w·o = (\\S+): it (excites|inhibits|does nothing to) `).exec((await text.textContent()) ?? '');
      // These steps say each highlighted synapse's o, w and c in words.
      if (['excite', 'inhibit', 'dag'].includes(step.id)) expect(m, `${step.id}: the sentence about ${s.id}`).not.toBeNull();
      if (m) {
        expect(parse(m[3].replace(/[:,]$/, ''))).toBeCloseTo(drawn, 2);
        if (c.weight) expect(sign(parse(m[2].replace(/,$/, '')))).toBe(c.weight);
        // The verb the text says is the colour the canvas draws.
        const said = { excites: 'excitatory', inhibits: 'inhibitory', 'does nothing to': 'none' }[m[4]];
        expect(said, `${step.id}: the text's verb for ${s.id}`).toBe(await edge.getAttribute('data-effect'));
      }
    }
    if (c.neuron && (c.output || c.sum)) {
      const budget = page.getByTestId(`budget-${label(c.neuron)}`);
      if (c.output) expect(sign(Number(await budget.getAttribute('data-o'))), `${step.id}: output of ${label(c.neuron)}`).toBe(c.output);
      if (c.sum) expect(sign(Number(await budget.getAttribute('data-z'))), `${step.id}: sum of ${label(c.neuron)}`).toBe(c.sum);
    }
  }
  await expectPanelLegible(page, panel, `step ${i + 1}`, view);
  // The canvas itself: no neuron over another, every label at least 10 px tall and inside the canvas.
  await settle(page);
  await expectLegible(page, `step ${i + 1}`);
  return (await text.textContent()) ?? '';
}

test('the guided example: every step’s claims on the page, an edit at step 2, keyboard, leave and resume', async ({ page }) => {
  // Two training runs and their replays besides the eight steps, on a shared machine.
  test.setTimeout(120_000);
  const panel = await openViaHelp(page);
  await expect(page.getByTestId('overlay-contributions')).toHaveAttribute('aria-checked', 'true');

  // Step 1, then step 2 with Next.
  const t1 = await checkStep(page, panel, 0);
  expect(t1).toContain('z = b + Σ w·o');
  await page.screenshot({ path: `${ARTIFACTS}walkthrough-step1.png` });
  await panel.getByTestId('walkthrough-next').click();
  const t2 = await checkStep(page, panel, 1);
  expect(t2).toContain('it excites a');
  // The README's picture (copied to src-renderer/walkthrough/docs/): without the "Opened example" toast.
  for (const dismiss of await page.getByTestId('toast').getByRole('button', { name: 'Dismiss' }).all()) await dismiss.click();
  await expect(page.getByTestId('toast')).toHaveCount(0);
  await page.screenshot({ path: `${ARTIFACTS}walkthrough-step2.png` });

  // Edit t → a's weight to a positive value in the inspector: the text and the colour follow.
  const ta = edgeOf(page, STEPS[1].synapses[0]);
  const colourBefore = await ta.evaluate((el) => getComputedStyle(el).stroke);
  await ta.click({ force: true });
  const w = page.getByTestId('weight-input');
  await w.fill('0.9');
  await w.press('Enter');
  await expect(panel.getByTestId('walkthrough-text')).toContainText('w = 0.9');
  await expect(panel.getByTestId('walkthrough-text')).toContainText('it inhibits a');
  await expect(ta).toHaveAttribute('data-effect', 'inhibitory');
  const colourAfter = await ta.evaluate((el) => getComputedStyle(el).stroke);
  expect(colourAfter).not.toBe(colourBefore);
  // The inhibitory colour is the one the other inhibitory synapse of t has (t → b).
  expect(colourAfter).toBe(await edgeOf(page, STEPS[2].synapses[0]).evaluate((el) => getComputedStyle(el).stroke));
  await page.screenshot({ path: `${ARTIFACTS}walkthrough-step2-edited.png` });
  // Undo restores the example's weight and the claim.
  await page.locator('.stage').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await expect(ta).toHaveAttribute('data-effect', 'excitatory');

  // The rest with the keyboard alone: Alt+→ (focus in the panel, as a keyboard user has it).
  await panel.getByTestId('walkthrough-next').focus();
  for (let i = 2; i < STEPS.length; i++) {
    await page.keyboard.press('Alt+ArrowRight');
    await checkStep(page, panel, i);
    await page.screenshot({ path: `${ARTIFACTS}walkthrough-step${i + 1}.png` });
    if (STEPS[i].mode === 'dataset') await expect(page.getByTestId('overlay-dataset')).toHaveAttribute('aria-checked', 'true');
  }

  await expectPanelAccessible(page, 'step 8, light');
  // Step 8: mark the hidden neurons E or I; the text counts the weights that break their neuron's sign.
  await panel.getByTestId('walkthrough-mark-dale').click();
  const wtText = panel.getByTestId('walkthrough-text');
  await expect(wtText).toContainText(/On the canvas, [1-9]\d* of 9 outgoing weights of E\/I neurons break their neuron’s sign/);
  await expect(neuron(page, 't').locator('.neuron__dale')).toHaveText('E');
  const brokenAtStart = Number(/On the canvas, (\d+) of 9/.exec((await wtText.textContent()) ?? '')![1]);
  // Train without, then with the constraint (full speed, each from the example's weights): the text compares their
  // accuracy, and the Dale run leaves no broken sign.
  await panel.getByTestId('walkthrough-train-free').click();
  await expect(wtText).toContainText(/Accuracy without the constraint: \d+%; with Dale: not trained yet\./, { timeout: 30_000 });
  await expect(panel.getByTestId('walkthrough-train-dale')).toBeEnabled({ timeout: 30_000 });
  await panel.getByTestId('walkthrough-train-dale').click();
  await expect(wtText).toContainText(/Accuracy without the constraint: \d+%; with Dale: \d+%\./, { timeout: 30_000 });
  await expect(wtText).toContainText('On the canvas, 0 of 9 outgoing weights', { timeout: 10_000 });
  await expect(page.getByTestId('run-row')).toHaveCount(2);
  await expect(page.getByTestId('run-row').nth(1)).toHaveAttribute('data-dale', 'on');
  await page.screenshot({ path: `${ARTIFACTS}walkthrough-step8-trained.png` });
  // Scrub the free run's replay: at its start the canvas has the example's weights and their broken signs again;
  // the Dale run's replay ends with none.
  await page.getByTestId('run-row').nth(0).getByTestId('run-replay').click();
  const slider = page.getByTestId('replay-slider');
  await expect(slider).toBeVisible();
  await slider.fill('0');
  await expect(wtText).toContainText(`On the canvas, ${brokenAtStart} of 9 outgoing weights`);
  await panel.getByTestId('walkthrough-runs').click();
  await page.getByTestId('run-row').nth(1).getByTestId('run-replay').click();
  await slider.fill('0');
  await slider.fill(String(await slider.getAttribute('max')));
  await expect(wtText).toContainText('On the canvas, 0 of 9 outgoing weights');
  await page.getByTestId('replay-leave').click();

  // Back one step with Alt+←, leave with Esc, resume from Help at the same step.
  await page.keyboard.press('Alt+ArrowLeft');
  await expect(panel).toHaveAttribute('data-step', STEPS[STEPS.length - 2].id);
  await panel.getByTestId('walkthrough-back').focus();
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect(page.locator('[data-walkthrough="highlight"]')).toHaveCount(0);
  // Reopen with the keyboard alone: Help, then its second item.
  await page.getByRole('menubar').getByRole('menuitem', { name: 'Help', exact: true }).focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('menu-help.negativeOutput')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(panel).toBeVisible();
  await expect(panel).toHaveAttribute('data-step', STEPS[STEPS.length - 2].id);
  // Resuming on the same project keeps its edits (the E/I marks).
  await expect(neuron(page, 't').locator('.neuron__dale')).toBeVisible();
});

test.describe('with the OS in dark mode', () => {
  test.use({ colorScheme: 'dark' });

  test('the guided example reads in the dark theme and opens from New from Example', async ({ page }) => {
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await menu(page, 'File', 'file.newFromExample');
    const card = page.getByTestId('example-negative-output');
    await expect(card).toBeVisible();
    const dialog = await box(page.getByTestId('examples-dialog'));
    const link = await box(card);
    expect(link.y + link.height, 'the guided example card inside its dialog').toBeLessThanOrEqual(dialog.y + dialog.height);
    await page.screenshot({ path: `${ARTIFACTS}walkthrough-examples-dialog-dark.png` });
    await card.click();
    const panel = await walkthroughPanel(page);
    await checkStep(page, panel, 0);
    await panel.getByTestId('walkthrough-next').click();
    await checkStep(page, panel, 1);
    await page.screenshot({ path: `${ARTIFACTS}walkthrough-step2-dark.png` });
    await expectPanelAccessible(page, 'step 2, dark');
  });
});

test.describe('at 1440×900', () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test('every step of the guided example reads and keeps its claims', async ({ page }) => {
    const panel = await openViaHelp(page);
    for (let i = 0; i < STEPS.length; i++) {
      if (i > 0) await panel.getByTestId('walkthrough-next').click();
      await checkStep(page, panel, i, { width: 1440, height: 900 });
    }
    await page.screenshot({ path: `${ARTIFACTS}walkthrough-step8-1440.png` });
    // Another document closes the strip; Help opens the example again at the step where it was left.
    await panel.getByTestId('walkthrough-back').click();
    await menu(page, 'File', 'file.new');
    const unsaved = page.getByTestId('unsaved-dialog');
    await expect(unsaved).toBeVisible();
    await unsaved.getByRole('button', { name: 'Don’t Save' }).click();
    await expect(page.locator('.react-flow__node')).toHaveCount(0);
    await expect(panel).toBeHidden();
    await openViaHelp(page);
    await expect(panel).toHaveAttribute('data-step', STEPS[STEPS.length - 2].id);
    await checkStep(page, panel, STEPS.length - 2, { width: 1440, height: 900 });
    // Done on the last step: the next opening starts from step 1.
    await panel.getByTestId('walkthrough-next').click();
    await panel.getByTestId('walkthrough-done').click();
    await expect(panel).toBeHidden();
    await menu(page, 'Help', 'help.negativeOutput');
    await expect(panel).toHaveAttribute('data-step', STEPS[0].id);
  });
});

test.describe('first launch', () => {
  test.use({ firstLaunchExample: true });

  test('the welcome links to the guided example', async ({ page }) => {
    const welcome = page.getByTestId('toast').filter({ hasText: 'Welcome!' });
    await expect(welcome).toBeVisible();
    await page.screenshot({ path: `${ARTIFACTS}walkthrough-welcome.png` });
    await welcome.getByTestId('toast-action').click();
    const panel = await walkthroughPanel(page);
    await checkStep(page, panel, 0);
  });
});

