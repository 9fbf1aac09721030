import { test } from '@playwright/test';
import {
  SLOW_MACHINE_TEST_TIMEOUT,
  expect,
  expectAccessible,
  screenshot,
  signIn,
} from './support/portal.js';
import { SchoolWorld } from './support/school-world.js';

test.describe.configure({ timeout: SLOW_MACHINE_TEST_TIMEOUT });

/** 修改密码: a wrong current password is refused at its field; a good change replaces the password. */
test('a wrong current password is refused at the field; after a change only the new password signs in', async ({
  page,
  browser,
}) => {
  const school = await new SchoolWorld().create();
  const staff = await school.staff('DEPARTMENT_STAFF', { departmentCode: 'CS' });
  const newPassword = `new-${school.tag}-secret`;

  await signIn(page, staff.username, staff.password);
  await page.goto('/account/password');
  await expect(page.getByRole('heading', { name: '修改密码' })).toBeVisible();

  const current = page.getByLabel('当前密码');
  await current.fill('not-my-password');
  await page.getByLabel('新密码', { exact: true }).fill(newPassword);
  await page.getByLabel('确认新密码').fill(newPassword);
  await page.getByRole('button', { name: '修改密码' }).click();
  // The API's message, under the field it names (and in the alert above the form).
  await expect(current).toHaveAccessibleDescription('当前密码不正确');
  await expect(current).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('alert')).toContainText('修改失败');
  await expectAccessible(page);
  await screenshot(page, 'change-password-refused');

  await current.fill(staff.password);
  await page.getByRole('button', { name: '修改密码' }).click();
  await expect(page.getByText('密码已修改')).toBeVisible();
  // This session carries on with its fresh token.
  await page.getByRole('link', { name: '返回首页' }).click();
  await expect(page).not.toHaveURL(/\/login/);

  // The old password is refused at the login page; the new one signs in.
  const other = await browser.newPage();
  await other.goto('/login');
  await other.getByLabel('用户名').fill(staff.username);
  await other.getByLabel('密码').fill(staff.password);
  await other.getByRole('button', { name: /登\s*录/ }).click();
  await expect(other.getByRole('alert')).toContainText('登录失败');
  await expect(other).toHaveURL(/\/login/);
  await signIn(other, staff.username, newPassword);
  await other.goto('/review');
  await expect(other.getByRole('heading', { name: '网络签约管理' })).toBeVisible();
  await other.close();
});
