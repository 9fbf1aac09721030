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

/** 账号管理: the school admin creates staff through the form, filters, deactivates and reactivates. */
test('the school admin creates a department staff and a counsellor, deactivates one with a reason and reactivates it', async ({
  page,
  browser,
}) => {
  const school = await new SchoolWorld().create();
  const deptName = `dept-${school.tag}`;
  const counsellorName = `fdy-${school.tag}`;
  const password = `init-${school.tag}-pw`;

  await signIn(page, school.schoolAdmin.username, school.schoolAdmin.password);
  await page.goto('/staff');
  await expect(page.getByRole('heading', { name: '账号管理' })).toBeVisible();

  // A department staff account, through the form.
  await page.getByRole('button', { name: '新建账号' }).click();
  let dialog = page.getByRole('dialog', { name: '新建账号' });
  await dialog.getByLabel('角色').click();
  await page.getByTitle('院系老师', { exact: true }).last().click();
  await dialog.getByLabel('用户名').fill(deptName);
  await dialog.getByLabel('初始密码').fill(password);
  await dialog.getByLabel('所属院系').click();
  await page.getByTitle('法学院', { exact: true }).last().click();
  await dialog.getByRole('button', { name: /创\s*建/ }).click();
  await expect(dialog).toBeHidden();
  const deptRow = page.getByRole('row').filter({ hasText: deptName });
  await expect(deptRow).toContainText('院系老师');
  await expect(deptRow).toContainText('法学院');
  await expect(deptRow).toContainText('正常');

  // A counsellor with two classes, typed as tags.
  await page.getByRole('button', { name: '新建账号' }).click();
  dialog = page.getByRole('dialog', { name: '新建账号' });
  await dialog.getByLabel('角色').click();
  await page.getByTitle('辅导员', { exact: true }).last().click();
  await dialog.getByLabel('用户名').fill(counsellorName);
  await dialog.getByLabel('初始密码').fill(password);
  const classes = dialog.getByLabel('负责班级');
  await classes.fill('CS2201');
  await classes.press('Enter');
  await classes.fill('CS2202');
  await classes.press('Enter');
  await dialog.getByRole('button', { name: /创\s*建/ }).click();
  await expect(dialog).toBeHidden();
  const counsellorRow = page.getByRole('row').filter({ hasText: counsellorName });
  await expect(counsellorRow).toContainText('辅导员');
  await expect(counsellorRow).toContainText('班级：CS2201、CS2202');

  // Filtering by role leaves only that role's accounts.
  await page.getByRole('search', { name: '筛选账号' }).getByLabel('角色').click();
  await page.getByTitle('辅导员', { exact: true }).last().click();
  await expect(page.getByRole('row').filter({ hasText: deptName })).toHaveCount(0);
  await expect(counsellorRow).toBeVisible();
  await expect(page.getByText('共 1 个账号')).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'school-admin-staff-filtered');

  // Deactivating (in the filtered list) needs a reason.
  await counsellorRow.getByRole('button', { name: `停用 ${counsellorName}` }).click();
  const confirm = page.getByRole('dialog', { name: `停用账号 ${counsellorName}` });
  await confirm.getByRole('button', { name: /停\s*用/ }).click();
  await expect(confirm.getByText('请填写停用原因')).toBeVisible();
  await confirm.getByLabel('停用原因').fill('已调离本校');
  await confirm.getByRole('button', { name: /停\s*用/ }).click();
  await expect(confirm).toBeHidden();
  await expect(counsellorRow).toContainText('已停用');
  await expect(counsellorRow.getByRole('button', { name: `启用 ${counsellorName}` })).toBeVisible();
  await screenshot(page, 'school-admin-staff');

  // The deactivated account is refused at the login page.
  const other = await browser.newPage();
  await other.goto('/login');
  await other.getByLabel('用户名').fill(counsellorName);
  await other.getByLabel('密码').fill(password);
  await other.getByRole('button', { name: /登\s*录/ }).click();
  await expect(other.getByRole('alert')).toContainText('账号已停用，请联系学校管理员');
  await expect(other).toHaveURL(/\/login/);

  // Reactivated, it signs in again.
  await counsellorRow.getByRole('button', { name: `启用 ${counsellorName}` }).click();
  await expect(counsellorRow).toContainText('正常');
  await signIn(other, counsellorName, password);
  await other.goto('/terminations');
  await expect(other.getByRole('heading', { name: '解约申请登记表' })).toBeVisible();
  await other.close();
});
