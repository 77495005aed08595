import { expect, test } from './fixtures';
import { menu } from './canvas-helpers';

test('look', async ({ page }) => {
  await menu(page, 'File', 'file.newFromExample');
  await page.getByTestId('example-iris').click();
  await expect(page.locator('[data-testid^="neuron-"]').first()).toBeVisible();
  await page.waitForTimeout(800);
  await page.screenshot({ path: '/tmp/h16/light.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.waitForTimeout(500);
  await page.screenshot({ path: '/tmp/h16/dark.png' });
  await page.keyboard.press('2');
  await page.waitForTimeout(800);
  await page.screenshot({ path: '/tmp/h16/dark-contrib.png' });
});
