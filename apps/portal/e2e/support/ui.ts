import { execFile as execFileCb } from 'node:child_process';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import AxeBuilder from '@axe-core/playwright';
import { expect as baseExpect, type Page } from '@playwright/test';
import { screenshotDir } from '../../../../tools/browser-e2e/screenshots.js';

const execFile = promisify(execFileCb);

/** Assertions that wait longer: the shared 2-core machine runs the whole system beside the browser. */
export const expect = baseExpect.configure({ timeout: 30_000 });

/** Picks an option of an Ant Design select the way a person does: open it by its label, click the option. */
export async function chooseOption(page: Page, fieldLabel: string, option: string): Promise<void> {
  await page.getByLabel(fieldLabel, { exact: true }).click();
  await page.getByTitle(option, { exact: true }).last().click();
}

/** Signs in through the login page. */
export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

/** No serious or critical accessibility violation on the page as it is now (axe-core). */
export async function expectAccessible(page: Page): Promise<void> {
  // The page as a person reads it: not while a table or card still shows its loading veil.
  await expect(page.locator('.ant-spin-spinning')).toHaveCount(0);
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
  ).toEqual([]);
}

/** The URLs of the QR codes printed in a PDF (pdftoppm + zbarimg), page by page. */
export async function qrUrlsOf(pdfFile: string): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'portal-pdf-'));
  await execFile('pdftoppm', ['-r', '150', '-png', pdfFile, join(dir, 'page')]);
  const urls: string[] = [];
  for (const png of (await readdir(dir)).filter((f) => f.endsWith('.png')).sort()) {
    const { stdout } = await execFile('zbarimg', [
      '--quiet',
      '--raw',
      '-Sdisable',
      '-Sqrcode.enable',
      join(dir, png),
    ]);
    urls.push(...stdout.trim().split('\n').filter(Boolean));
  }
  return urls;
}

/** Where the screenshots go (docs/portal with `npm run screenshots`). */
export const SCREENSHOTS = screenshotDir('portal');
