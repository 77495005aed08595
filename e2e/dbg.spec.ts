import { expect, test } from './fixtures';
test.use({ firstLaunchExample: true, viewport: { width: 1280, height: 720 } });
test('dbg', async ({ page }) => {
  await expect(page.getByTestId('toast').filter({ hasText: /example/i })).toBeVisible();
  await page.getByTestId('training-toggle').click();
  const t0 = Date.now();
  await page.getByTestId('train-start').click();
  for (let i = 0; i < 40; i++) {
    const e = await page.evaluate(() => document.querySelector('[data-testid="training-progress"]')?.getAttribute('data-epoch') ?? document.querySelector('[data-testid="training-status"]')?.textContent);
    console.log(Date.now() - t0, e);
    await page.waitForTimeout(150);
  }
});
