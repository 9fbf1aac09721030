import { test } from '@playwright/test';
import {
  SCREENSHOTS,
  bindThroughForm,
  createWorld,
  expect,
  fillBindForm,
  idNumber,
} from './world.js';

test.describe.configure({ timeout: 300_000 });

test('binding: the ID check digit is checked as typed; a wrong ID gets the mismatch message without naming a field', async ({
  page,
}) => {
  const world = await createWorld('bind', 2);
  const [s, other] = world.students as [(typeof world.students)[0], (typeof world.students)[0]];
  await page.goto(`/m/pages/login/index?openid=${s.openid}`);
  await expect(page.getByText('绑定学籍信息', { exact: true })).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/login-bind.png` });

  // A typo in the check digit is caught before anything is sent.
  const wrongCheck = s.idNumber.slice(0, 17) + (s.idNumber[17] === '1' ? '2' : '1');
  await fillBindForm(page, world.schoolCode, s.name, s.studentNo, wrongCheck);
  await expect(page.getByText('身份证号校验位不正确，请核对后重新输入')).toBeVisible();

  // A valid ID number that is not this graduate's: the API's message, which names no field.
  const someoneElse = idNumber('34010419990101123');
  await page.getByRole('textbox', { name: '身份证号' }).fill(someoneElse);
  await expect(page.getByText('身份证号格式正确')).toBeVisible();
  await page.getByText('绑定', { exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText(
    '信息与学校生源信息不一致。请核对后重试；如确认填写无误，请联系学校就业办核实生源信息。',
  );
  await page.screenshot({ path: `${SCREENSHOTS}/login-mismatch.png` });

  // The right one binds and opens 派遣.
  await page.getByRole('textbox', { name: '身份证号' }).fill(s.idNumber);
  await page.getByText('绑定', { exact: true }).click();
  await expect(page.getByText(`${s.name}，你好`)).toBeVisible();
  await expect(page.getByText('你的生源信息尚未确认，确认之前无法签约。')).toBeVisible();

  // Another WeChat identity trying the same graduate: ALREADY_BOUND, with what to do.
  const page2 = await page
    .context()
    .browser()!
    .newPage({ viewport: { width: 390, height: 844 } });
  await page2.goto(`/m/pages/login/index?openid=${other.openid}-x`);
  await expect(page2.getByText('绑定学籍信息', { exact: true })).toBeVisible();
  await fillBindForm(page2, world.schoolCode, s.name, s.studentNo, s.idNumber);
  await page2.getByText('绑定', { exact: true }).click();
  await expect(page2.getByRole('alert')).toContainText('请联系学校就业管理员解除原来的绑定');
  await page2.close();

  // The second graduate binds from this browser under their own WeChat identity.
  await bindThroughForm(page, world, other);
});
