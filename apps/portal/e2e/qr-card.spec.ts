import { join } from 'node:path';
import { test } from '@playwright/test';
import { apiOk, arrangeEmployer, arrangeSchool, bindGraduate } from './support/world.js';
import { SCREENSHOTS, chooseOption, expect, expectAccessible, signIn } from './support/ui.js';

test.use({
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 2,
});

// Method 3 as the seed describes it: the employer's phone opens the graduate's QR card, logs in,
// returns to the card, checks the graduate (ID masked), chooses the position, fills in the terms
// and confirms.
test('method 3: the employer scans the QR card, logs in, checks the graduate and signs', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const school = await arrangeSchool(1);
  const person = school.people[0]!;
  const graduate = await bindGraduate(school, person);
  const employer = await arrangeEmployer(false);
  const card = await apiOk<{ token: string; url: string }>('POST', '/me/qr-card', {
    token: graduate.token,
  });
  expect(new URL(card.url).pathname).toBe(`/qr/${card.token}`);

  await page.goto(card.url);
  await expect(page).toHaveURL(/\/login\?from=%2Fqr%2F/);
  await signIn(page, employer.username, employer.password);
  await expect(page).toHaveURL(
    new RegExp(`/qr/${card.token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`),
  );
  await expect(page.getByText('核对毕业生信息')).toBeVisible();
  await expect(page.getByText(person.name, { exact: true })).toBeVisible();
  const masked = `${person.idNumber.slice(0, 6)}********${person.idNumber.slice(-4)}`;
  await expect(page.getByText(masked)).toBeVisible();
  await expect(page.getByText(person.idNumber)).toHaveCount(0);

  await chooseOption(page, '岗位', '后端开发工程师（安徽省合肥市）');
  await page.getByLabel('工作地点').fill('安徽省合肥市');
  await page.getByLabel('月薪（元，税前）').fill('8800');
  await page.getByLabel('试用期（月）').fill('2');
  await page.getByLabel('合同期限（年）').fill('3');
  // No hiring autonomy: the superior authority is required, as signing requires it.
  await page.getByRole('button', { name: '确认签约' }).click();
  await expect(page.getByText('本单位无用人自主权，须选择上级主管部门')).toBeVisible();
  await page.getByLabel('就业地人才服务机构').check();
  await expectAccessible(page);
  await page.screenshot({ path: join(SCREENSHOTS, 'phone-qr-signing.png'), fullPage: true });
  await page.getByRole('button', { name: '确认签约' }).click();
  await expect(page.getByText('签约成功，待学校审核')).toBeVisible();

  // The same card again: the graduate now holds an agreement; the API's refusal shows at the button.
  await page.goto(card.url);
  await expect(page.getByText('该毕业生已有有效协议或已登记就业')).toBeVisible();
});
