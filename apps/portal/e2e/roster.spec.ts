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

const HEADER = '学号,姓名,性别,身份证号,院系代码,专业,学历,班级,生源地,毕业年份,生源地代码';

test('a roster file with one bad row imports the others and shows that row’s error in the table', async ({
  page,
}) => {
  const school = await new SchoolWorld().create();
  const [a, b, c, d] = [
    school.record('CS'),
    school.record('CS'),
    school.record('LAW'),
    school.record('CS'),
  ];
  // 生源地代码 (GB/T 2260, issue 18): a's is a real county, d's is no region at all.
  const regionCode = new Map([
    [a.studentNo, '340104'],
    [d.studentNo, '349999'],
  ]);
  const line = (r: typeof a, id = r.idNumber) =>
    [
      r.studentNo,
      r.name,
      r.gender,
      id,
      r.departmentCode,
      r.major,
      r.degree,
      r.className,
      r.originPlace,
      r.graduationYear,
      regionCode.get(r.studentNo) ?? '',
    ].join(',');
  const badId = `${b.idNumber.slice(0, 17)}${b.idNumber[17] === '0' ? '1' : '0'}`; // wrong check digit
  const csv = [HEADER, line(a), line(b, badId), line(c), line(d)].join('\n');

  await signIn(page, school.schoolAdmin.username, school.schoolAdmin.password);
  await page.goto('/roster/import');
  await expect(page.getByRole('heading', { name: '生源信息导入' })).toBeVisible();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: '选择生源文件并导入' }).click();
  await (
    await chooser
  ).setFiles({ name: '2026届生源.csv', mimeType: 'text/csv', buffer: Buffer.from(`\ufeff${csv}`) });

  const result = page.getByRole('status', { name: '导入结果' });
  await expect(result).toContainText('新增');
  await expect(result).toContainText('2');
  const rejected = page.getByRole('row').filter({ hasText: '第 2 行' });
  await expect(rejected).toContainText('身份证号无效');
  await expect(rejected).toContainText('校验');
  await expect(page.getByRole('row').filter({ hasText: '第 4 行' })).toContainText('生源地代码');
  await expect(page.getByRole('row').filter({ hasText: '第 1 行' })).toHaveCount(0);
  await expectAccessible(page);
  await screenshot(page, 'school-admin-roster-import');

  // The graduates list has the two imported rows; the one with the bad ID is not there.
  await page.goto('/graduates');
  await expect(page.getByRole('heading', { name: '毕业生名单' })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: a.studentNo })).toContainText(a.name);
  await expect(page.getByRole('row').filter({ hasText: c.studentNo })).toContainText('法学院');
  await expect(page.getByText(b.studentNo)).toHaveCount(0);
  // a's 生源地 is the table's name for its code.
  const listed = await apiOk('GET', `/schools/${school.code}/graduates?q=${a.studentNo}`, {
    token: school.schoolAdmin.token,
  });
  expect(listed.items[0]).toMatchObject({
    originRegionCode: '340104',
    originPlace: '安徽省合肥市蜀山区',
  });
});

test('the school admin finds who has not signed yet, records an offline destination and unlocks it', async ({
  page,
}) => {
  const school = await new SchoolWorld().create();
  const employer = await school.employer();
  const signedOnline = await school.graduate('CS');
  const waiting = await school.graduate('CS');
  await school.sign(employer, signedOnline);
  // identity follows signing's destination events a moment later
  await expect
    .poll(
      async () =>
        (
          await apiOk('GET', `/schools/${school.code}/graduates?destination=SIGNED_ONLINE`, {
            token: school.schoolAdmin.token,
          })
        ).total,
    )
    .toBe(1);

  await signIn(page, school.schoolAdmin.username, school.schoolAdmin.password);
  await page.goto('/graduates');
  await page.getByLabel('毕业去向').click();
  await page.getByTitle('待就业（尚未签约）').click();
  await expect(page.getByRole('row').filter({ hasText: waiting.record.studentNo })).toBeVisible();
  await expect(
    page.getByRole('row').filter({ hasText: signedOnline.record.studentNo }),
  ).toHaveCount(0);
  await expectAccessible(page);
  await screenshot(page, 'school-admin-graduates');

  const row = page.getByRole('row').filter({ hasText: waiting.record.studentNo });
  await row.getByRole('button', { name: '登记去向' }).click();
  const dialog = page.getByRole('dialog');
  // The category's 毕业去向代码 is preselected; 升学 offers 80 or 85 (docs/standard-codes.md).
  await expect(dialog.getByTitle('10 签就业协议形式就业', { exact: true })).toBeVisible();
  await dialog.getByLabel('毕业去向', { exact: true }).click();
  await page.getByTitle('升学', { exact: true }).last().click();
  await expect(dialog.getByTitle('80 升学', { exact: true })).toBeVisible();
  await dialog.getByLabel('毕业去向', { exact: true }).click();
  await page.getByTitle('线下签约', { exact: true }).last().click();
  await expect(dialog.getByTitle('10 签就业协议形式就业', { exact: true })).toBeVisible();
  await dialog.getByLabel('说明').fill('与芜湖某公司线下签订纸质协议');
  await dialog.getByRole('button', { name: /^保\s*存$/ }).click();
  await expect(dialog).toBeHidden();
  await expect
    .poll(
      async () =>
        (
          await apiOk('GET', `/schools/${school.code}/graduates?destination=SIGNED_OFFLINE`, {
            token: school.schoolAdmin.token,
          })
        ).total,
    )
    .toBe(1);

  await page.getByLabel('毕业去向').click();
  await page.getByTitle('线下签约').click();
  const offline = page.getByRole('row').filter({ hasText: waiting.record.studentNo });
  await offline.getByRole('button', { name: /^解\s*锁$/ }).click();
  await page.getByRole('dialog').getByRole('button', { name: '确认解锁' }).click();
  await expect(page.getByText('请填写解锁理由')).toBeVisible();
  await page.getByRole('dialog').getByLabel('解锁理由').fill('学生放弃线下签约，改为网上签约');
  await page.getByRole('dialog').getByRole('button', { name: '确认解锁' }).click();
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect
    .poll(
      async () =>
        (
          await apiOk('GET', `/schools/${school.code}/graduates?destination=AWAITING_EMPLOYMENT`, {
            token: school.schoolAdmin.token,
          })
        ).total,
    )
    .toBe(1);
});
