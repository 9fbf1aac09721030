import { test } from '@playwright/test';
import {
  SLOW_MACHINE_TEST_TIMEOUT,
  expect,
  expectAccessible,
  screenshot,
  signIn,
} from './support/portal.js';
import { SchoolWorld, apiOk } from './support/school-world.js';

test.describe.configure({ timeout: SLOW_MACHINE_TEST_TIMEOUT });

/** The province's 网签统计: each school's online-signing share as a table and charts. */
test('the province’s statistics page shows the school’s online-signing share', async ({ page }) => {
  const school = await new SchoolWorld(`统计测试大学${Date.now() % 10000}`).create();
  const employer = await school.employer();
  const online = await school.graduate('CS');
  const offline = await school.graduate('LAW');
  await school.graduate('LAW'); // not employed yet: not in the share
  await school.sign(employer, online);
  await apiOk('PUT', `/schools/${school.code}/graduates/${offline.graduateId}/destination`, {
    token: school.schoolAdmin.token,
    body: { destination: 'SIGNED_OFFLINE', note: '线下签订纸质协议' },
  });
  const province = await school.provinceToken();
  await expect
    .poll(
      async () => {
        const stats = await apiOk('GET', `/statistics/online-signing?schoolCode=${school.code}`, {
          token: province,
        });
        return stats.schools[0]?.onlineShare;
      },
      { timeout: 20_000 },
    )
    .toBe(0.5);

  await signIn(page, 'admin', process.env.E2E_ADMIN_PASSWORD ?? 'admin-dev-password');
  await page.goto('/statistics');
  await expect(page.getByRole('heading', { name: '网签统计' })).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: school.name });
  await expect(row).toContainText('50.0%');
  await expect(row.getByRole('cell', { name: '3', exact: true })).toBeVisible(); // graduates
  await expect(page.getByRole('img', { name: '各校网签占比柱状图' }).locator('svg')).toBeVisible();
  await expect(page.getByRole('img', { name: '签约方式分布饼图' })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'province-statistics');

  // The school's departments, unfolded from its row.
  await row.getByRole('button', { name: /展开/ }).click();
  await expect(page.getByRole('row').filter({ hasText: '计算机学院' }).first()).toContainText(
    '100.0%',
  );
});

test('the province manages schools, dispatch records and parked events', async ({ page }) => {
  await signIn(page, 'admin', process.env.E2E_ADMIN_PASSWORD ?? 'admin-dev-password');
  const code = `P${Date.now() % 1_000_000}`;
  await page.goto('/schools');
  await page.getByRole('button', { name: '新建学校' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('学校代码').fill(code);
  await dialog.getByLabel('学校名称').fill(`新建测试学院${code}`);
  await dialog.getByLabel('第 1 个院系代码').fill('ME');
  await dialog.getByLabel('第 1 个院系名称').fill('机械学院');
  await dialog.getByRole('button', { name: /^创\s*建$/ }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`已创建学校：新建测试学院${code}（${code}）`)).toBeVisible();
  await page.getByRole('button', { name: '新建学校管理员' }).first().click();
  const adminDialog = page.getByRole('dialog');
  await adminDialog.getByLabel('用户名').fill(`admin-${code}`.toLowerCase());
  await adminDialog.getByLabel('初始密码').fill('school-admin-pass');
  await adminDialog.getByRole('button', { name: /^创\s*建$/ }).click();
  await expect(adminDialog).toBeHidden();
  await expect(
    page.getByRole('row').filter({ hasText: `admin-${code}`.toLowerCase() }),
  ).toContainText('正常');
  await expectAccessible(page);

  await page.goto('/dispatch');
  await expect(page.getByRole('heading', { name: '派遣记录' })).toBeVisible();
  await expect(page.getByText('投递失败').first()).toBeVisible();
  await expect(page.getByRole('link', { name: '打开打印队列看板' })).toHaveAttribute(
    'href',
    /\/admin\/queues\?token=/,
  );
  await expectAccessible(page);
  await screenshot(page, 'province-dispatch');

  await page.goto('/parked-events');
  await expect(page.getByRole('heading', { name: '搁置事件' })).toBeVisible();
  await expect(page.getByText('没有搁置的事件，一切正常')).toBeVisible();
  await expectAccessible(page);
});
