import { readFileSync } from 'node:fs';
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

/** 协议书打印管理: an approved agreement is listed, filtered by its PDF state, downloaded and re-rendered. */
test('the school admin finds an approved agreement, downloads its PDF and has it rendered again', async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(SLOW_MACHINE_TEST_TIMEOUT + 120_000); // two renders by the print worker
  const school = await new SchoolWorld().create();
  const employer = await school.employer();
  const graduate = await school.graduate('CS');
  const signed = await school.sign(employer, graduate);
  await school.approve(signed.agreementId);
  const deptStaff = await school.staff('DEPARTMENT_STAFF', { departmentCode: 'CS' });

  await signIn(page, school.schoolAdmin.username, school.schoolAdmin.password);
  await page.goto('/print-records');
  await expect(page.getByRole('heading', { name: '协议书打印管理' })).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: signed.agreementNo });
  await expect(row).toContainText(graduate.record.name);
  await expect(row).toContainText(employer.name);
  // The department by its name, not its code (CS).
  await expect(row.getByRole('cell', { name: '计算机学院', exact: true })).toBeVisible();
  await expect(row.getByRole('cell', { name: 'CS', exact: true })).toHaveCount(0);
  await expect(row).toContainText('审核通过');
  // The PDF renders in the print worker; the list follows until it is ready.
  await expect(row).toContainText('可打印', { timeout: 90_000 });
  await expect(row).toContainText('第 1 版');
  await expectAccessible(page);
  await screenshot(page, 'school-admin-print-records');

  // Download from the page: a PDF file.
  const downloading = page.waitForEvent('download');
  await row.getByRole('button', { name: `下载 ${graduate.record.name} 的协议书` }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`就业协议书-${signed.agreementNo}.pdf`);
  const file = testInfo.outputPath('agreement.pdf');
  await download.saveAs(file);
  expect(readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');

  // Re-rendering (the school admin may): a second version, recorded in the print history.
  await row.getByRole('button', { name: `重新生成 ${graduate.record.name} 的协议书` }).click();
  await page.getByRole('tooltip').getByRole('button', { name: '重新生成' }).click();
  await expect(row).toContainText('第 2 版');
  await row.getByRole('button', { name: '展开行' }).click();
  const history = page.getByRole('row').filter({ hasText: '打印记录' });
  await expect(history).toContainText('审核通过，进入打印队列');
  await expect(history).toContainText('生成 PDF（第 1 版）');
  await expect(history).toContainText('下载 PDF（学校管理员）');
  await expect(history).toContainText('申请重新生成（第 2 版）（学校管理员）');
  // The print worker renders the new version; the list follows until it is ready.
  await expect(row).toContainText('可打印', { timeout: 150_000 });
  await expect(history).toContainText('生成 PDF（第 2 版）');
  await screenshot(page, 'school-admin-print-records-history');

  // Filtering by 生成状态, once the record is ready again.
  const filter = page.getByRole('search', { name: '筛选打印记录' }).getByLabel('生成状态');
  await filter.click();
  await page.getByTitle('生成失败', { exact: true }).last().click();
  await expect(page.getByText('暂无审核通过的协议书')).toBeVisible();
  await expect(row).toHaveCount(0);
  await filter.click();
  await page.getByTitle('可打印', { exact: true }).last().click();
  await expect(row).toContainText('可打印');
  await expect(page.getByTitle('正在生成', { exact: true })).toBeHidden();
  await expectAccessible(page);
  await screenshot(page, 'school-admin-print-records-filtered');
  // Re-rendered under 可打印: the record leaves the list while it renders (正在生成) and comes back
  // when ready — the list keeps following it though nothing listed is rendering.
  await row.getByRole('button', { name: `重新生成 ${graduate.record.name} 的协议书` }).click();
  await page.getByRole('tooltip').getByRole('button', { name: '重新生成' }).click();
  await expect(row).toContainText('第 3 版', { timeout: 120_000 });
  await expect(row).toContainText('可打印');

  // The department's staff sees the record and may download, not re-render.
  const dept = await browser.newPage();
  await signIn(dept, deptStaff.username, deptStaff.password);
  await dept.goto('/print-records');
  const deptRow = dept.getByRole('row').filter({ hasText: signed.agreementNo });
  await expect(
    deptRow.getByRole('button', { name: `下载 ${graduate.record.name} 的协议书` }),
  ).toBeEnabled();
  await expect(deptRow.getByRole('button', { name: /重新生成/ })).toHaveCount(0);
  await dept.close();
});
