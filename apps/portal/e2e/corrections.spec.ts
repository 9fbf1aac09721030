import { test } from '@playwright/test';
import {
  SLOW_MACHINE_TEST_TIMEOUT,
  expect,
  expectAccessible,
  screenshot,
  signIn,
} from './support/portal.js';
import { SchoolWorld, apiOk, type Graduate } from './support/school-world.js';

test.describe.configure({ timeout: SLOW_MACHINE_TEST_TIMEOUT });

async function requestCorrection(
  graduate: Graduate,
  changes: Record<string, string>,
  reason: string,
): Promise<void> {
  await apiOk('POST', '/me/source-info/corrections', {
    token: graduate.token,
    body: { changes, reason },
  });
}

async function sourceInfo(graduate: Graduate): Promise<Record<string, string>> {
  return (
    await apiOk<{ graduate: Record<string, string> }>('GET', '/me', { token: graduate.token })
  ).graduate;
}

/** 生源信息更正审核: the school admin approves one graduate's request and rejects another's. */
test('the school admin approves one correction and rejects another with a reason', async ({
  page,
}) => {
  const school = await new SchoolWorld().create();
  const approved = await school.graduate('CS');
  const rejected = await school.graduate('CS');
  await requestCorrection(
    approved,
    { major: '人工智能', originPlace: '安徽芜湖' },
    '转专业后未更新',
  );
  await requestCorrection(rejected, { className: 'CS2299' }, '班级填错了');

  await signIn(page, school.schoolAdmin.username, school.schoolAdmin.password);
  await page.goto('/corrections');
  await expect(page.getByRole('heading', { name: '生源信息更正审核' })).toBeVisible();
  const approvedRow = page.getByRole('row').filter({ hasText: approved.record.studentNo });
  const rejectedRow = page.getByRole('row').filter({ hasText: rejected.record.studentNo });
  await expect(approvedRow).toContainText(approved.record.name);
  // Each changed field: what the record says now beside what it would become.
  const approvedChanges = approvedRow.getByRole('table', {
    name: `${approved.record.name} 的更正内容`,
  });
  await expect(approvedChanges.getByRole('columnheader')).toHaveText(['项目', '当前', '更正为']);
  await expect(approvedChanges.getByRole('row', { name: /^专业/ })).toHaveText(
    `专业${approved.record.major}人工智能`,
  );
  await expect(approvedChanges.getByRole('row', { name: /^生源地/ })).toHaveText(
    `生源地${approved.record.originPlace}安徽芜湖`,
  );
  await expect(approvedRow).toContainText('转专业后未更新');
  await expect(approvedRow).toContainText('待审核');
  const rejectedChanges = rejectedRow.getByRole('table', {
    name: `${rejected.record.name} 的更正内容`,
  });
  await expect(rejectedChanges.getByRole('row', { name: /^班级/ })).toHaveText(
    `班级${rejected.record.className}CS2299`,
  );
  await expectAccessible(page);
  await screenshot(page, 'school-admin-corrections');

  // Approving applies the change to the graduate's source info.
  await approvedRow.getByRole('button', { name: '同意更正' }).click();
  // The list shows pending requests by default: the approved one leaves it.
  await expect(approvedRow).toHaveCount(0);
  await expect
    .poll(async () => {
      const info = await sourceInfo(approved);
      return [info.major, info.originPlace];
    })
    .toEqual(['人工智能', '安徽芜湖']);

  // Rejecting needs a reason, given in the dialog.
  await rejectedRow.getByRole('button', { name: /驳\s*回/ }).click();
  const dialog = page.getByRole('dialog', { name: `驳回 ${rejected.record.name} 的更正申请` });
  await dialog.getByRole('button', { name: '确认驳回' }).click();
  await expect(dialog.getByText('请填写驳回理由')).toBeVisible();
  await dialog.getByLabel('驳回理由').fill('与学籍档案不一致');
  await dialog.getByRole('button', { name: '确认驳回' }).click();
  await expect(dialog).toBeHidden();
  await expect(rejectedRow).toHaveCount(0);
  await expect(page.getByText('暂无待审核的更正申请')).toBeVisible();
  expect((await sourceInfo(rejected)).className).toBe(rejected.record.className);

  // All requests: each with the status it now has, the rejection with its reason.
  await page.getByRole('search', { name: '筛选更正申请' }).getByLabel('审核状态').click();
  await page.getByTitle('已驳回', { exact: true }).last().click();
  await expect(rejectedRow).toContainText('已驳回');
  await expect(rejectedRow).toContainText('与学籍档案不一致');
  await expect(approvedRow).toHaveCount(0);
  await page.getByRole('search', { name: '筛选更正申请' }).getByLabel('审核状态').click();
  await page.getByTitle('已同意', { exact: true }).last().click();
  await expect(approvedRow).toContainText('已同意');
  await expect(approvedRow.getByRole('button', { name: '同意更正' })).toHaveCount(0);
  // Approved: the record now holds the new value; the middle column shows what it replaced.
  await expect(approvedChanges.getByRole('columnheader')).toHaveText(['项目', '更正前', '更正为']);
  await expect(approvedChanges.getByRole('row', { name: /^专业/ })).toHaveText(
    `专业${approved.record.major}人工智能`,
  );
  // The screenshot once the options list has closed.
  await expect(page.getByTitle('已驳回', { exact: true })).toBeHidden();
  await screenshot(page, 'school-admin-corrections-approved');
});
