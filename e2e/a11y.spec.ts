/**
 * Accessibility: axe-core (WCAG 2 A and AA rules) finds no serious or critical violation on the main
 * window in each overlay mode, the import wizard, the training dock and the data view, in the light
 * and the dark theme.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { menu } from './canvas-helpers';
import { expect, test } from './fixtures';
import { openExample, openImport, wideCsv } from './shell-helpers';

/** Runs axe on the page (or one part of it) and fails with a readable list of serious and critical violations. */
async function expectAccessible(page: Page, view: string, include?: string) {
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']);
  if (include) builder = builder.include(include);
  const { violations } = await builder.analyze();
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = bad.map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.slice(0, 5).map((n) => `    ${n.target.join(' ')} — ${n.failureSummary?.split('\n').slice(1, 2).join(' ')}`).join('\n')}`).join('\n');
  expect(bad.length, `${view}: axe found\n${report}`).toBe(0);
}

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} theme`, () => {
    test.use({ colorScheme });

    test('main window in every overlay mode, with the training dock open', async ({ page }) => {
      // axe walks every node of the canvas in each of eleven views.
      test.setTimeout(300_000);
      await expect(page.locator('html')).toHaveAttribute('data-theme', colorScheme);
      await expectAccessible(page, 'empty window');
      await openExample(page, 'iris');
      for (const [key, mode] of [['0', 'off'], ['1', 'weights'], ['2', 'contributions'], ['3', 'dataset']] as const) {
        await page.keyboard.press(key);
        if (mode !== 'off') await expect(page.getByTestId('overlay-panel')).toBeVisible();
        if (mode === 'contributions' || mode === 'dataset') {
          await page.getByTestId('sample-dataset').selectOption({ index: 1 });
          await expect(page.getByTestId('sample-position')).toBeVisible();
          // The sample's forward pass is drawn (the panel names its row), and in dataset mode the statistics too.
          await expect(page.getByTestId('overlay-panel')).not.toHaveAttribute('data-drawn-row', '');
          if (mode === 'dataset') await expect(page.getByTestId('stats-count')).toBeVisible();
        }
        await expectAccessible(page, `overlay ${mode}`);
      }
      await page.keyboard.press('0');
      await page.getByTestId('training-toggle').click();
      await page.getByTestId('train-start').click();
      await expect(page.getByTestId('toast').filter({ hasText: 'Training finished' })).toBeVisible({ timeout: 30_000 });
      for (const tab of ['setup', 'curves', 'results', 'runs', 'boundary']) {
        await page.getByTestId(`training-tab-${tab}`).click();
        await expect(page.getByTestId(`training-tab-${tab}`)).toHaveAttribute('aria-selected', 'true');
        await expect(page.locator('.training-tabpanel')).toHaveAttribute('data-tab', tab);
        await expectAccessible(page, `training dock, ${tab} tab`);
      }
    });

    test('import wizard and data view', async ({ page }) => {
      test.setTimeout(180_000);
      const wizard = await openImport(page, wideCsv(12));
      await expectAccessible(page, 'import wizard', '[data-testid="import-wizard"]');
      await wizard.getByTestId('import-run').click();
      await expect(wizard).toHaveCount(0);
      await menu(page, 'View', 'view.data');
      await expect(page.getByTestId('data-scatter')).toBeVisible();
      await expectAccessible(page, 'data view', '[data-testid="data-window"]');
      await page.keyboard.press('Escape');
      await menu(page, 'File', 'file.newFromExample');
      await expectAccessible(page, 'New from Example', '[data-testid="examples-dialog"]');
    });
  });
}

test('keyboard focus is always visible: tabbing through the window lands on controls with a focus ring', async ({ page }) => {
  await openExample(page, 'iris');
  const seen = new Set<string>();
  for (let i = 0; i < 25; i++) {
    await page.keyboard.press('Tab');
    const f = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const s = getComputedStyle(el);
      return { name: el.getAttribute('aria-label') || el.textContent?.trim().slice(0, 30) || el.tagName, ring: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2 };
    });
    if (!f) continue;
    seen.add(f.name);
    expect(f.ring, `no visible focus ring on "${f.name}"`).toBe(true);
  }
  expect(seen.size).toBeGreaterThan(10);
});
