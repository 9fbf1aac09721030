import { test } from '@playwright/test';
import { SLOW_MACHINE_TEST_TIMEOUT, expect, signIn } from './support/portal.js';
import { SchoolWorld } from './support/school-world.js';

test.describe.configure({ timeout: SLOW_MACHINE_TEST_TIMEOUT });

/** Each role sees only its pages: another role's page is a clear refusal, never a blank page. */
test('school roles opening pages that are not theirs see a clear refusal', async ({
  page,
  browser,
}) => {
  const school = await new SchoolWorld().create();
  const counsellor = await school.staff('COUNSELLOR', { classNames: ['CS2201'] });
  const staff = await school.staff('DEPARTMENT_STAFF', { departmentCode: 'CS' });

  await signIn(page, counsellor.username, counsellor.password);
  for (const path of ['/review', '/roster/import', '/statistics']) {
    await page.goto(path);
    await expect(page.getByText('无权访问')).toBeVisible();
    await expect(page.getByText(/此页面仅对/)).toBeVisible();
  }
  // The menu offers the counsellor only what they may open.
  await page.goto('/terminations');
  await expect(page.getByRole('heading', { name: '解约申请登记表' })).toBeVisible();
  await expect(page.getByRole('menuitem', { name: '网络签约管理' })).toHaveCount(0);

  const dept = await browser.newPage();
  await signIn(dept, staff.username, staff.password);
  for (const path of ['/terminations', '/staff', '/schools']) {
    await dept.goto(path);
    await expect(dept.getByText('无权访问')).toBeVisible();
  }
  await dept.goto('/review');
  await expect(dept.getByRole('heading', { name: '网络签约管理' })).toBeVisible();
  await expect(dept.getByRole('menuitem', { name: '解约申请登记表' })).toHaveCount(0);
  await dept.close();
});

test('the school admin may not open the province’s pages', async ({ page }) => {
  const school = await new SchoolWorld().create();
  await signIn(page, school.schoolAdmin.username, school.schoolAdmin.password);
  for (const path of ['/schools', '/dispatch', '/parked-events']) {
    await page.goto(path);
    await expect(page.getByText('无权访问')).toBeVisible();
  }
});
