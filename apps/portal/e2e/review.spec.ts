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

/**
 * 网络签约管理: department staff review their department's agreements against the employer's
 * qualification documents, shown in the page; others never see the task.
 */
test('the department approves an agreement after previewing the employer’s licence in the page', async ({
  page,
  browser,
}) => {
  const school = await new SchoolWorld().create();
  const cs = await school.staff('DEPARTMENT_STAFF', { departmentCode: 'CS' });
  const law = await school.staff('DEPARTMENT_STAFF', { departmentCode: 'LAW' });
  const employer = await school.employer();
  const graduate = await school.graduate('CS');
  const other = await school.graduate('CS');
  const signed = await school.sign(employer, graduate);
  await school.sign(employer, other);

  await signIn(page, cs.username, cs.password);
  await page.goto('/review');
  await expect(page.getByRole('heading', { name: '网络签约管理' })).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: signed.agreementNo });
  await expect(row).toContainText(graduate.record.name);
  await expect(row).toContainText(employer.name);
  await expect(row).toContainText('单位直接签约');
  await expect(row).toContainText('待审核');
  await expectAccessible(page);
  await screenshot(page, 'department-review-queue');

  await row.getByRole('link', { name: graduate.record.name, exact: true }).click();
  await expect(
    page.getByRole('heading', { name: `协议审核：${graduate.record.name}` }),
  ).toBeVisible();
  await expect(page.getByText(signed.agreementNo)).toBeVisible();
  // The frozen snapshot: masked ID number, the employer, the terms.
  await expect(page.getByText(/^340104\*+\d{3}[\dX]$/)).toBeVisible();
  await expect(page.getByText('安徽省合肥市', { exact: true })).toBeVisible();
  // The licence is an image inside the page, loaded through the API.
  const licence = page.getByRole('img', { name: '营业执照：营业执照.png' });
  await expect(licence).toBeVisible();
  await expect
    .poll(() => licence.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
    .toBe(320);
  await expectAccessible(page);
  await screenshot(page, 'department-review-detail');

  await page.getByRole('button', { name: '审核通过' }).click();
  await expect(page.getByText('已审核通过')).toBeVisible();
  await expect
    .poll(() => school.agreementStatus(signed.agreementId), { timeout: 20_000 })
    .toBe('APPROVED');

  // Back in the queue, the pending list no longer holds it; the other graduate still waits.
  await page.getByRole('link', { name: '返回审核列表' }).click();
  await expect(page.getByRole('row').filter({ hasText: other.record.name })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: signed.agreementNo })).toHaveCount(0);

  // Another department's staff do not see the school's CS agreements at all.
  const lawPage = await browser.newPage();
  await signIn(lawPage, law.username, law.password);
  await lawPage.goto('/review');
  await expect(lawPage.getByText('暂无待审核的协议')).toBeVisible();
  await expect(lawPage.getByText(other.record.name)).toHaveCount(0);
  await lawPage.close();
});

test('a rejection needs a reason; the API’s answer appears at the form', async ({ page }) => {
  const school = await new SchoolWorld().create();
  const employer = await school.employer();
  const graduate = await school.graduate('LAW');
  const signed = await school.sign(employer, graduate);
  const admin = school.schoolAdmin;

  await signIn(page, admin.username, admin.password);
  await page.goto(`/review/${signed.taskId}`);
  await page.getByRole('button', { name: /^驳\s*回$/ }).click();
  await page.getByRole('button', { name: '确认驳回' }).click();
  await expect(page.getByText('驳回须填写理由')).toBeVisible();

  // Someone else decides meanwhile: the second decision is refused and the API says why, here.
  await fetch(`${process.env.E2E_API_URL}/agreements/${signed.agreementId}/review`, {
    method: 'POST',
    headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ decision: 'APPROVE' }),
  });
  await page.getByLabel('驳回理由').fill('单位资质证明材料不清晰');
  await page.getByRole('button', { name: '确认驳回' }).click();
  const alert = page.getByRole('alert').filter({ hasText: '审核未能提交' });
  await expect(alert).toBeVisible();
  await expect(alert).not.toHaveText(/请求失败|undefined/);
});

test('another school’s admin cannot open the task', async ({ page }) => {
  const school = await new SchoolWorld().create();
  const employer = await school.employer();
  const graduate = await school.graduate('CS');
  const signed = await school.sign(employer, graduate);
  const elsewhere = await new SchoolWorld().create();

  await signIn(page, elsewhere.schoolAdmin.username, elsewhere.schoolAdmin.password);
  await page.goto('/review');
  await expect(page.getByText('暂无待审核的协议')).toBeVisible();
  await page.goto(`/review/${signed.taskId}`);
  await expect(page.getByRole('alert').filter({ hasText: '无法打开该审核任务' })).toBeVisible();
  await expect(page.getByText(graduate.record.name)).toHaveCount(0);
});
