import { join } from 'node:path';
import { test } from '@playwright/test';
import { adminToken } from '../../../tools/browser-e2e/api.js';
import { apiOk, arrangeEmployer, login } from './support/world.js';
import { SCREENSHOTS, expect, expectAccessible, signIn } from './support/ui.js';

test.describe.configure({ timeout: 120_000 });

test('a wrong password is refused at the login form with the API’s message', async ({ page }) => {
  const employer = await arrangeEmployer();
  await page.goto('/');
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole('heading', { name: '网签平台' })).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: join(SCREENSHOTS, 'login.png') });
  await signIn(page, employer.username, 'not-the-password');
  const alert = page.getByRole('alert').filter({ hasText: '登录失败' });
  await expect(alert).toContainText('用户名或密码错误');
  await expect(page).toHaveURL(/\/login$/);
  // Empty fields are caught before anything is sent.
  await page.getByLabel('用户名').fill('');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByText('请输入用户名')).toBeVisible();
});

test('a session the gateway refuses (401) goes back to login, then back to the page', async ({
  page,
}) => {
  const employer = await arrangeEmployer();
  await page.goto('/employer/agreements?status=APPROVED');
  await expect(page).toHaveURL(/\/login\?from=/);
  await signIn(page, employer.username, employer.password);
  await expect(page).toHaveURL(/\/employer\/agreements\?status=APPROVED$/);
  await expect(page.getByRole('heading', { name: '签约管理' })).toBeVisible();
  await expect(page.getByRole('button', { name: /账号菜单/ })).toContainText(
    /合肥星辰.+科技有限公司/,
  );

  // The session ends elsewhere (a password change ends every other session): the next call is 401.
  const token = await login(employer.username, employer.password);
  const changed = `${employer.password}-new`;
  await apiOk('POST', '/me/password', {
    token,
    body: { currentPassword: employer.password, newPassword: changed },
  });
  await page.getByRole('menuitem', { name: '岗位管理' }).click();
  await expect(page).toHaveURL(/\/login\?from=%2Femployer%2Fpositions/);
  await expect(page.getByText('登录已失效，请重新登录')).toBeVisible();
  await signIn(page, employer.username, changed);
  await expect(page).toHaveURL(/\/employer\/positions$/);
  await expect(page.getByRole('cell', { name: '后端开发工程师', exact: true })).toBeVisible();
});

test('a role opening a page it may not sees 无权访问, and its menu offers only its own pages', async ({
  page,
}) => {
  const employer = await arrangeEmployer();
  await page.goto('/login');
  await signIn(page, employer.username, employer.password);
  await expect(page.getByRole('heading', { name: '岗位管理' })).toBeVisible();
  // The employer's menu: its pages, none of the school's or the province's.
  const menu = page.getByRole('navigation', { name: '主菜单' });
  await expect(menu.getByRole('menuitem', { name: '签约管理' })).toBeVisible();
  await expect(menu.getByRole('menuitem')).toHaveCount(6);

  // A province admin's session opening the employer's signing page.
  await page.evaluate(
    (t) => globalThis.localStorage.setItem('netsign.portal.accessToken', t),
    await adminToken(),
  );
  await page.goto('/employer/agreements/new');
  await expect(page.getByText('无权访问', { exact: true })).toBeVisible();
  await expect(page.getByText('您当前的身份是「省厅管理员」')).toBeVisible();
  await expect(page.getByRole('button', { name: '确认签约' })).toHaveCount(0);
  await expectAccessible(page);
  await page.screenshot({ path: join(SCREENSHOTS, 'forbidden.png') });
});
