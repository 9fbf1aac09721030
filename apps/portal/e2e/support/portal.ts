import AxeBuilder from '@axe-core/playwright';
import { expect as baseExpect, type Page } from '@playwright/test';
import { join } from 'node:path';
import { screenshotDir } from '../../../../tools/browser-e2e/screenshots.js';

/**
 * The shared development machine runs many builds at once; pages that appear in a second alone may
 * take far longer here. Waits are generous, assertions unchanged.
 */
export const expect = baseExpect.configure({ timeout: 30_000 });

/** For each spec file: arranging data through the API and the pages both wait on a busy machine. */
export const SLOW_MACHINE_TEST_TIMEOUT = 240_000;

/** Signs in through the login page, as a person does, and waits for the portal to show. */
export async function signIn(
  page: Page,
  username: string,
  password: string,
  then?: string,
): Promise<void> {
  await page.goto(then ? `/login?from=${encodeURIComponent(then)}` : '/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

/** No serious or critical accessibility violation on the page as it is now. */
export async function expectAccessible(page: Page): Promise<void> {
  // The page as a person reads it: not while a table or card still shows its loading veil.
  await expect(page.locator('.ant-spin-spinning')).toHaveCount(0);
  // The page's own content (the frame around it, menu and header, is the scaffold's and checked there).
  const results = await new AxeBuilder({ page })
    .include('main')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const severe = results.violations.filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
  expect(
    severe.map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(' | ')}`,
    ),
  ).toEqual([]);
}

/** A screenshot (into docs/portal/, which the README shows, with `npm run screenshots`). */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(screenshotDir('portal'), `${name}.png`), fullPage: false });
}
