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

/** 就业派遣 → 解约申请登记表: the counsellor reads the agreement and the materials, then decides. */
test('the counsellor agrees to a termination with the materials in view; the agreement reads 已解除', async ({
  page,
  browser,
}) => {
  const school = await new SchoolWorld().create();
  const employer = await school.employer();
  const graduate = await school.graduate('CS', { className: 'CS2202' });
  const signed = await school.sign(employer, graduate);
  await school.approve(signed.agreementId);
  const counsellor = await school.staff('COUNSELLOR', { classNames: ['CS2202'] });
  const otherCounsellor = await school.staff('COUNSELLOR', { classNames: ['CS2299'] });
  await school.applyTermination(graduate, signed.agreementId, '考取研究生，申请解除协议');

  await signIn(page, counsellor.username, counsellor.password);
  await page.goto('/terminations');
  await expect(page.getByRole('heading', { name: '解约申请登记表' })).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: graduate.record.studentNo });
  await expect(row).toContainText('考取研究生');
  await expect(row).toContainText('2 份');
  await expectAccessible(page);

  await row.getByRole('link', { name: graduate.record.name, exact: true }).click();
  await expect(
    page.getByRole('heading', { name: `解约申请：${graduate.record.name}` }),
  ).toBeVisible();
  // The original agreement beside the materials: the image shown, the PDF in the viewer.
  await expect(page.getByText(employer.name).first()).toBeVisible();
  await expect(page.getByText('审核通过', { exact: true })).toBeVisible();
  const letter = page.getByRole('img', { name: '单位同意解约函.png' });
  await expect(letter).toBeVisible();
  await expect
    .poll(() => letter.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
    .toBe(300);
  await expect(page.getByTitle('研究生录取通知书.pdf')).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'counsellor-termination');

  // The confirmation opens on the click; a click that met the page still settling (the PDF
  // viewer loading beside it) is made again, as a person would.
  await expect(async () => {
    await page.getByRole('button', { name: '同意解约' }).click();
    await expect(page.getByRole('tooltip')).toBeVisible({ timeout: 3_000 });
  }).toPass({ timeout: 30_000 });
  await page
    .getByRole('tooltip')
    .getByRole('button', { name: '同意解约' })
    .click({ timeout: 30_000 });
  await expect(page.getByText('已同意解约').first()).toBeVisible();
  // signing applies the decision a moment later; the page follows until the agreement reads so.
  await expect(page.getByText('已解除', { exact: true })).toBeVisible({ timeout: 20_000 });
  expect(await school.agreementStatus(signed.agreementId)).toBe('TERMINATED');

  // A counsellor of another class sees nothing of it.
  const other = await browser.newPage();
  await signIn(other, otherCounsellor.username, otherCounsellor.password);
  await other.goto('/terminations');
  await other.getByLabel('申请状态').click();
  await other.getByTitle('已同意解约').click();
  await expect(other.getByText('没有符合条件的解约申请')).toBeVisible();
  await expect(other.getByText(graduate.record.name)).toHaveCount(0);
  await other.close();
});

test('disagreeing needs a reason; the decision is recorded with it', async ({ page }) => {
  const school = await new SchoolWorld().create();
  const employer = await school.employer();
  const graduate = await school.graduate('LAW', { className: 'LAW2201' });
  const signed = await school.sign(employer, graduate);
  const counsellor = await school.staff('COUNSELLOR', { classNames: ['LAW2201'] });
  const applied = await school.applyTermination(graduate, signed.agreementId, '单位变更');

  await signIn(page, counsellor.username, counsellor.password);
  await page.goto(`/terminations/${applied.id}`);
  await page.getByRole('button', { name: '不同意' }).click();
  await page.getByRole('button', { name: '确认不同意' }).click();
  await expect(page.getByText('请填写不同意的理由')).toBeVisible();
  await page.getByLabel('不同意的理由').fill('材料不足以证明单位同意解约');
  await page.getByRole('button', { name: '确认不同意' }).click();
  await expect(page.getByText('理由：材料不足以证明单位同意解约')).toBeVisible();
  expect(await school.agreementStatus(signed.agreementId)).toBe('PENDING_REVIEW');
});
