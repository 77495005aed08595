/**
 * Dark mode follows the OS (prefers-color-scheme) unless View › Theme says otherwise, and the choice
 * is remembered. Screenshots of both themes at 1280×720 go to e2e/artifacts/.
 */
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { animationsIdle, canvas } from './canvas-helpers';
import { expect, test } from './fixtures';
import { expectOnTop, openExample, openImport, reloadDiscarding, wideCsv } from './shell-helpers';

const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));

/** Relative luminance (WCAG) of a CSS colour as computed by the browser. */
async function luminanceOf(page: Page, selector: string, property = 'background-color'): Promise<number> {
  const rgb = await page.locator(selector).first().evaluate((el, prop) => getComputedStyle(el).getPropertyValue(prop), property);
  const [r, g, b] = (rgb.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
  const lin = (c: number) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

async function shoot(page: Page, name: string) {
  await animationsIdle(page);
  await page.screenshot({ path: `${ARTIFACTS}theme-${name}.png` });
}

test.describe('with the OS in dark mode', () => {
  test.use({ colorScheme: 'dark' });

  test('the window, the canvas, the panels, the dock and the dialogs are dark', async ({ page }) => {
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await openExample(page, 'iris');
    expect(await luminanceOf(page, 'body')).toBeLessThan(0.05);
    expect(await luminanceOf(page, '.canvas .react-flow')).toBeLessThan(0.05);
    expect(await luminanceOf(page, '.inspector')).toBeLessThan(0.05);
    expect(await luminanceOf(page, '.neuron')).toBeLessThan(0.05);
    // Text is light on it.
    expect(await luminanceOf(page, '.inspector', 'color')).toBeGreaterThan(0.5);
    await shoot(page, 'dark-canvas');
    await page.keyboard.press('2');
    await page.getByTestId('training-toggle').click();
    await page.getByTestId('train-start').click();
    await expect(page.getByTestId('training-progress')).toHaveCount(0, { timeout: 30_000 });
    await page.getByTestId('training-tab-curves').click();
    await expect(page.getByTestId('live-chart')).toBeVisible();
    expect(await luminanceOf(page, '.training-dock')).toBeLessThan(0.05);
    await shoot(page, 'dark-contributions-dock');
    await page.getByTestId('training-tab-boundary').click();
    await shoot(page, 'dark-heatmaps');
    const wizard = await openImport(page, wideCsv(12));
    expect(await luminanceOf(page, '[data-testid="import-wizard"]')).toBeLessThan(0.05);
    await shoot(page, 'dark-import-wizard');
    await wizard.getByRole('button', { name: 'Close' }).first().click();
  });

  test('View › Theme › Light overrides the OS, and the choice survives a reload and a server restart', async ({ page, app }) => {
    await page.getByRole('menubar').getByRole('menuitem', { name: 'View', exact: true }).click();
    await page.getByTestId('menu-theme').click();
    await expectOnTop(page.getByTestId('menu-view.themeLight'), 'View › Theme › Light');
    await page.getByTestId('menu-view.themeLight').click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    expect(await luminanceOf(page, '.canvas .react-flow')).toBeGreaterThan(0.8);
    await reloadDiscarding(page);
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    expect(await luminanceOf(page, 'body')).toBeGreaterThan(0.8);
    // A new server is a new port, so a new origin with an empty localStorage: main's state folder remembers.
    await app.restart();
    await page.goto(app.url);
    await expect(page.locator('[data-testid="canvas"]:not([data-loads="0"])')).toBeVisible();
    expect(await page.evaluate(() => localStorage.getItem('neurite.ui'))).toBeNull();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    // Back to following the OS.
    await page.getByRole('menubar').getByRole('menuitem', { name: 'View', exact: true }).click();
    await page.getByTestId('menu-theme').click();
    await expect(page.getByTestId('menu-view.themeLight')).toHaveAttribute('aria-checked', 'true');
    await page.getByTestId('menu-view.themeSystem').click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expect(canvas(page)).toBeVisible();
  });
});

test('with the OS in light mode the app is light, and follows the OS when it switches', async ({ page }) => {
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await openExample(page, 'iris');
  expect(await luminanceOf(page, 'body')).toBeGreaterThan(0.8);
  expect(await luminanceOf(page, '.canvas .react-flow')).toBeGreaterThan(0.8);
  await shoot(page, 'light-canvas');
  await page.keyboard.press('2');
  await page.getByTestId('training-toggle').click();
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('training-progress')).toHaveCount(0, { timeout: 30_000 });
  await page.getByTestId('training-tab-curves').click();
  await shoot(page, 'light-contributions-dock');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await luminanceOf(page, '.canvas .react-flow')).toBeLessThan(0.05);
});
