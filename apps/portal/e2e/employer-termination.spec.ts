import { writeFileSync } from 'node:fs';
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
 * Either party may end an agreement: the employer applies on its agreement page (reason and
 * materials, the API's refusal shown at the form); the counsellor sees 用人单位 as the applicant
 * and agrees; the employer's page follows the outcome.
 */
test('the employer applies to terminate on the agreement page; the counsellor sees 用人单位 and agrees', async ({
  page,
  browser,
}, testInfo) => {
  const school = await new SchoolWorld().create();
  const employer = await school.employer();
  const graduate = await school.graduate('CS', { className: 'CS2203' });
  const signed = await school.sign(employer, graduate);
  await school.approve(signed.agreementId);
  const counsellor = await school.staff('COUNSELLOR', { classNames: ['CS2203'] });

  await signIn(page, employer.username, employer.password);
  await page.goto(`/employer/agreements/${signed.agreementId}`);
  await expect(page.getByRole('heading', { name: `协议 ${signed.agreementNo}` })).toBeVisible();
  await page.getByRole('button', { name: '申请解除协议' }).click();
  await page.getByRole('button', { name: '提交解约申请' }).click();
  await expect(page.getByText('请填写解约理由')).toBeVisible();
  await expect(page.getByText('请至少上传一份解约材料')).toBeVisible();

  // A file that only claims to be a PDF: the API refuses it, and says so at the form.
  const fake = testInfo.outputPath('情况说明.pdf');
  writeFileSync(fake, 'MZ this is not a PDF');
  await page.getByLabel('解约理由').fill('岗位撤销，经与毕业生协商一致解除协议');
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: '选择文件' }).click();
  await (await chooser).setFiles(fake);
  await page.getByRole('button', { name: '提交解约申请' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '解约申请未能提交' })).toBeVisible();

  await page.getByRole('button', { name: '取消' }).click();
  await page.getByRole('button', { name: '申请解除协议' }).click();
  const letter = testInfo.outputPath('解约协商书.pdf');
  writeFileSync(letter, '%PDF-1.4\n% 双方协商一致解除就业协议\n%%EOF\n');
  await page.getByLabel('解约理由').fill('岗位撤销，经与毕业生协商一致解除协议');
  const chooser2 = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: '选择文件' }).click();
  await (await chooser2).setFiles(letter);
  await page.getByRole('button', { name: '提交解约申请' }).click();
  await expect(page.getByText('解约申请待学校处理')).toBeVisible();
  await expect(page.getByRole('row', { name: /申请方\s*用人单位/ })).toBeVisible();
  await expect(page.getByText('解约协商书.pdf')).toBeVisible();
  await expect(page.getByRole('button', { name: '撤回解约申请' })).toBeVisible();
  await expect(page.getByRole('button', { name: '申请解除协议' })).toHaveCount(0);
  await expectAccessible(page);
  await screenshot(page, 'employer-termination');

  // The counsellor: 用人单位 as the applicant, in the list and on the application.
  const staffContext = await browser.newContext();
  const staffPage = await staffContext.newPage();
  await signIn(staffPage, counsellor.username, counsellor.password);
  await staffPage.goto('/terminations');
  const row = staffPage.getByRole('row').filter({ hasText: graduate.record.studentNo });
  await expect(row).toContainText('用人单位');
  await expect(row).toContainText('岗位撤销');
  await row.getByRole('link', { name: graduate.record.name, exact: true }).click();
  await expect(
    staffPage.getByRole('heading', { name: `解约申请：${graduate.record.name}` }),
  ).toBeVisible();
  await expect(staffPage.getByText('申请方')).toBeVisible();
  await expect(staffPage.getByText('用人单位', { exact: true }).first()).toBeVisible();
  await expectAccessible(staffPage);
  await screenshot(staffPage, 'counsellor-employer-termination');
  // The confirmation opens on the click; a click that met the page still settling (the PDF
  // viewer loading beside it) is made again, as a person would.
  await expect(async () => {
    await staffPage.getByRole('button', { name: '同意解约' }).click();
    await expect(staffPage.getByRole('tooltip')).toBeVisible({ timeout: 3_000 });
  }).toPass({ timeout: 30_000 });
  await staffPage
    .getByRole('tooltip')
    .getByRole('button', { name: '同意解约' })
    .click({ timeout: 30_000 });
  await expect(staffPage.getByText('已解除', { exact: true })).toBeVisible({ timeout: 20_000 });
  await staffContext.close();

  // The employer's page: the outcome, and no more applying.
  await page.reload();
  await expect(page.getByText('已同意解约').first()).toBeVisible();
  await expect(page.getByText('已解除').first()).toBeVisible();
  await expect(page.getByRole('button', { name: '申请解除协议' })).toHaveCount(0);
  expect(await school.agreementStatus(signed.agreementId)).toBe('TERMINATED');
});
