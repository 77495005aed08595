/**
 * The in-page menu bar as the user reads it: every menu's rows (label, keys, check state,
 * disabled, separators) and its submenus, in a fresh empty project, against menu-bar.expected.txt
 * (recorded from the menu bar before it was rendered from the command registry). After a deliberate
 * menu change, NEURITE_WRITE_MENU_DUMP=path writes what the page shows, to review and copy over.
 * A screenshot of View › Theme goes to e2e/artifacts/.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

/** One line per row of an open menu list, submenus indented below their trigger. */
async function rows(page: Page, list: Locator, indent = ''): Promise<string[]> {
  const out: string[] = [];
  const children = list.locator(':scope > *');
  for (let i = 0; i < (await children.count()); i++) {
    const el = children.nth(i);
    const cls = (await el.getAttribute('class')) ?? '';
    if (cls.includes('menu__sep')) {
      out.push(`${indent}---`);
      continue;
    }
    const button = cls.includes('menu__sub') ? el.locator(':scope > button') : el;
    const label = (await button.locator('.menu__label').textContent()) ?? '';
    const keys = (await button.locator('.menu__keys').count()) ? ((await button.locator('.menu__keys').textContent()) ?? '') : '';
    const role = (await button.getAttribute('role')) ?? '';
    const checked = await button.getAttribute('aria-checked');
    const testid = (await button.getAttribute('data-testid')) ?? '';
    const flags = [role === 'menuitemcheckbox' ? `checked=${checked}` : '', (await button.isDisabled()) ? 'disabled' : '', testid ? `#${testid}` : ''].filter(Boolean);
    if (cls.includes('menu__sub')) {
      out.push(`${indent}${label} ▸  ${flags.join('  ')}`.trimEnd());
      await button.hover();
      await button.click();
      const sub = el.locator('.menu__list--sub');
      await expect(sub).toBeVisible();
      // Recent projects depend on the test's projects folder: their labels only.
      if (testid === 'menu-file.openRecent') {
        for (const r of await sub.locator('.menu__label').allTextContents()) out.push(`${indent}  ${r}`);
      } else out.push(...(await rows(page, sub, `${indent}  `)));
      continue;
    }
    out.push(`${indent}${[label, keys && `[${keys}]`, ...flags].filter(Boolean).join('  ')}`);
  }
  return out;
}

test('the menu bar lists every command where it always was, with its keys and state', async ({ page }) => {
  const bar = page.getByRole('menubar');
  const out: string[] = [];
  for (const title of ['File', 'Edit', 'View', 'Training', 'Help']) {
    await bar.getByRole('menuitem', { name: title, exact: true }).click();
    const list = page.getByRole('menu', { name: title, exact: true });
    await expect(list).toBeVisible();
    out.push(title, ...(await rows(page, list, '  ')));
    await page.keyboard.press('Escape');
    await expect(list).toHaveCount(0);
  }
  if (process.env.NEURITE_WRITE_MENU_DUMP) writeFileSync(process.env.NEURITE_WRITE_MENU_DUMP, `${out.join('\n')}\n`);
  expect(`${out.join('\n')}\n`).toBe(readFileSync(new URL('./menu-bar.expected.txt', import.meta.url), 'utf8'));

  await bar.getByRole('menuitem', { name: 'View', exact: true }).click();
  await page.getByTestId('menu-theme').click();
  await expect(page.getByTestId('menu-view.themeDark')).toBeVisible();
  await page.screenshot({ path: fileURLToPath(new URL('./artifacts/menu-bar-view-theme.png', import.meta.url)) });
});
