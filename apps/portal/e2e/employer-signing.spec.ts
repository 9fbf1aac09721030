import { writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from '@playwright/test';
import {
  api,
  apiOk,
  arrangeSchool,
  bindGraduate,
  eventually,
  login,
  uniqueCreditCode,
} from './support/world.js';
import { SCREENSHOTS, chooseOption, expect, expectAccessible, qrUrlsOf } from './support/ui.js';

test.describe.configure({ mode: 'serial' });

// The employer's whole path in the page: register (credit code checked as typed) → qualification
// document → position → 签约管理 direct signing; the department approves (API) → the employer
// downloads the PDF → a phone opens the QR of that PDF (真实有效) → after a termination agreed by the
// counsellor (API) the same page reads 已解除. The PDF file itself verifies at /verify, and not once altered.
test('employer registers, posts a position, signs directly, downloads the PDF whose QR verifies, then 已解除', async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(240_000);
  const school = await arrangeSchool(2);
  const person = school.people[0]!;
  const graduate = await bindGraduate(school, person);
  const tag = Date.now().toString(36);
  const username = `hr-ui-${tag}`;
  const password = `pw-${tag}-employer`;
  const employerName = `合肥启明${tag}信息技术有限公司`;

  // Registration: a wrong check character is refused as it is typed.
  await page.goto('/register');
  await expect(page.getByRole('heading', { name: '用人单位注册' })).toBeVisible();
  const code = uniqueCreditCode();
  const wrong = code.slice(0, 17) + (code[17] === '0' ? '1' : '0');
  await page.getByLabel('统一社会信用代码').fill(wrong);
  await expect(page.getByText('统一社会信用代码最后一位校验码不正确，请核对')).toBeVisible();
  await page.getByLabel('统一社会信用代码').fill(code);
  await expect(page.getByText('统一社会信用代码最后一位校验码不正确，请核对')).toBeHidden();
  await page.getByLabel('单位名称').fill(employerName);
  // 单位性质, 行业 (GB/T 4754-2017) and 地区 (GB/T 2260) are picked from the standard tables.
  await chooseOption(page, '单位性质', '其他企业');
  await page.getByLabel('所属行业', { exact: true }).fill('软件和信息');
  await page.getByTitle('65 软件和信息技术服务业', { exact: true }).click();
  await page.getByLabel('所在地区', { exact: true }).click();
  for (const level of ['安徽省', '合肥市', '蜀山区']) {
    await page.getByTitle(level, { exact: true }).last().click();
  }
  await page.keyboard.press('Escape');
  await expect(page.getByTitle('安徽省 / 合肥市 / 蜀山区', { exact: true })).toBeVisible();
  await page.getByLabel('单位地址').fill('安徽省合肥市高新区望江西路 800 号');
  await page.getByLabel('联系人姓名').fill('王晓丽');
  await page.getByLabel('联系电话').fill('0551-65551234');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByLabel('确认密码').fill(password);
  await expectAccessible(page);
  await page.screenshot({ path: join(SCREENSHOTS, 'employer-register.png'), fullPage: true });
  await page.getByRole('button', { name: '注册并登录' }).click();

  // Qualification document, with progress, listed afterwards.
  await expect(page.getByRole('heading', { name: '资质证明材料' })).toBeVisible();
  const licence = testInfo.outputPath('营业执照.pdf');
  writeFileSync(licence, `%PDF-1.4\n% business licence of ${employerName}\n%%EOF\n`);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: '选择文件' }).click();
  await (await chooser).setFiles(licence);
  await page.getByRole('button', { name: '上传', exact: true }).click();
  await expect(page.getByRole('cell', { name: '营业执照.pdf', exact: true })).toBeVisible();
  await expect(page.getByLabel('上传进度')).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({
    path: join(SCREENSHOTS, 'employer-qualification-documents.png'),
    fullPage: true,
  });

  // The profile shows the names from the tables with their codes.
  await page.getByRole('menuitem', { name: 'team 单位信息' }).click();
  await expect(page.getByText('其他企业（39）')).toBeVisible();
  await expect(page.getByText('软件和信息技术服务业（65）')).toBeVisible();
  await expect(page.getByText('安徽省合肥市蜀山区（340104）')).toBeVisible();

  // A position.
  await page.getByRole('menuitem', { name: '岗位管理' }).click();
  await page.getByRole('button', { name: '发布岗位' }).click();
  const dialog = page.getByRole('dialog', { name: '发布岗位' });
  await dialog.getByLabel('岗位名称').fill('Java 开发工程师');
  await dialog.getByLabel('工作地点').fill('安徽省合肥市');
  await dialog.getByLabel('招聘人数').fill('5');
  await dialog.getByLabel('薪资范围').fill('10k-15k');
  await dialog.getByRole('button', { name: '发布' }).click();
  await expect(page.getByRole('cell', { name: 'Java 开发工程师', exact: true })).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: join(SCREENSHOTS, 'employer-positions.png'), fullPage: true });

  // 签约管理 → 直接签约 (method 2). A wrong ID check digit is caught before sending.
  await page.getByRole('menuitem', { name: '直接签约' }).click();
  await chooseOption(page, '岗位', 'Java 开发工程师（安徽省合肥市）');
  // The school from the directory: typed by code, picked from the matches.
  await page.getByLabel('学校', { exact: true }).fill(school.code);
  await page
    .getByTitle(new RegExp(`（${school.code}）$`))
    .last()
    .click();
  await page.getByLabel('姓名').fill(person.name);
  await page.getByLabel('学号').fill(person.studentNo);
  const badId = person.idNumber.slice(0, 17) + (person.idNumber[17] === '1' ? '2' : '1');
  await page.getByLabel('身份证号').fill(badId);
  await expect(page.getByText('身份证号最后一位校验码不正确，请核对')).toBeVisible();
  await page.getByLabel('身份证号').fill(person.idNumber);
  await page.getByLabel('工作地点').fill('安徽省合肥市');
  await page.getByLabel('月薪（元，税前）').fill('9500');
  await page.getByLabel('试用期（月）').fill('3');
  await page.getByLabel('合同期限（年）').fill('3');
  await page.getByLabel('其他约定').fill('五险一金');
  await expectAccessible(page);
  await page.screenshot({ path: join(SCREENSHOTS, 'employer-direct-signing.png'), fullPage: true });
  await page.getByRole('button', { name: '确认签约' }).click();
  await expect(page.getByText('签约成功，待学校审核')).toBeVisible();
  await page.getByRole('button', { name: '查看协议' }).click();
  await expect(page.getByText('学校审核通过后可下载打印协议书')).toBeVisible();
  const agreementId = page.url().split('/').pop()!;
  const agreementNo = (await page.getByRole('heading', { name: /^协议 \d/ }).innerText()).replace(
    /^协议\s*/,
    '',
  );

  // The department approves (its page is part B's; here through the API).
  await apiOk('POST', `/agreements/${agreementId}/review`, {
    token: school.staffToken,
    body: { decision: 'APPROVE', reason: '材料齐全' },
  });
  const employerToken = await login(username, password);
  await eventually(
    async () =>
      (await api('GET', `/agreements/${agreementId}/pdf`, { token: employerToken })).status === 200,
    'the PDF',
    60_000,
  );

  // The employer downloads the PDF in the page.
  await page.reload();
  await expect(page.getByText('审核通过').first()).toBeVisible();
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: '下载协议书（PDF）' }).click();
  const download = await downloading;
  const pdf = testInfo.outputPath('agreement.pdf');
  await download.saveAs(pdf);
  expect(download.suggestedFilename()).toMatch(/^就业协议书-.+\.pdf$/);
  await expectAccessible(page);
  await page.screenshot({
    path: join(SCREENSHOTS, 'employer-agreement-detail.png'),
    fullPage: true,
  });

  await page.getByRole('menuitem', { name: '签约管理' }).click();
  await expect(page.getByRole('cell', { name: person.name, exact: true })).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: join(SCREENSHOTS, 'employer-agreements.png'), fullPage: true });

  // A phone opens the URL in the PDF's QR code: the human page, 真实有效.
  const urls = await qrUrlsOf(pdf);
  expect(urls).toHaveLength(3);
  for (const url of urls) expect(new URL(url).pathname).toMatch(/^\/verify\/.+/);
  const phone = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 2,
    locale: 'zh-CN',
  });
  const mobile = await phone.newPage();
  await mobile.goto(urls[0]!);
  await expect(mobile.getByRole('heading', { name: '真实有效' })).toBeVisible();
  await expect(mobile.getByText('第一联 用人单位')).toBeVisible();
  await expect(mobile.getByText(employerName)).toBeVisible();
  await expect(mobile.getByText(person.name)).toHaveCount(0); // masked
  await expectAccessible(mobile);
  await mobile.screenshot({ path: join(SCREENSHOTS, 'phone-verify-genuine.png'), fullPage: true });

  // The PDF file itself, as a graduate would send it by e-mail: checked at /verify (the link on
  // the QR page). The downloaded file is genuine with its platform signature intact; one byte
  // changed inside the signed range and it is not.
  await mobile.getByRole('link', { name: '核验电子协议书' }).click();
  await mobile.locator('input[type=file]').setInputFiles(pdf);
  const verdict = mobile.getByRole('status');
  await expect(verdict.getByRole('heading', { name: '真实有效' })).toBeVisible();
  await expect(verdict.getByText('平台签名完好，文件自签发后未被改动')).toBeVisible();
  await expect(verdict.getByText(agreementNo)).toBeVisible();
  await expectAccessible(mobile);
  await mobile.screenshot({ path: join(SCREENSHOTS, 'phone-verify-file.png'), fullPage: true });
  const altered = Buffer.from(await readFile(pdf));
  altered[200] = altered[200] === 0x20 ? 0x21 : 0x20; // early in the file: inside the signed range
  await mobile
    .locator('input[type=file]')
    .setInputFiles({ name: '协议书.pdf', mimeType: 'application/pdf', buffer: altered });
  await expect(verdict.getByRole('heading', { name: '无法核验' })).toBeVisible();
  await expect(verdict.getByText('平台签名已失效：文件在签发后被改动过')).toBeVisible();

  // A termination: applied by the graduate, agreed by the counsellor (both through the API).
  const form = new FormData();
  form.append('agreementId', agreementId);
  form.append('reason', '考取研究生');
  form.append('materials', new Blob([`%PDF-1.4\n% admission letter\n%%EOF\n`]), '录取通知书.pdf');
  const termination = await apiOk<{ id: string }>('POST', '/terminations', {
    token: graduate.token,
    form,
  });
  const counsellor = await login(school.counsellor.username, school.counsellor.password);
  await apiOk('POST', `/terminations/${termination.id}/decision`, {
    token: counsellor,
    body: { decision: 'AGREE', reason: '材料齐全，同意解约' },
  });
  const token = new URL(urls[0]!).pathname.split('/').pop()!;
  await eventually(
    async () => (await api('GET', `/verify/${token}`)).body?.agreementStatus === 'TERMINATED',
    'the termination to reach printing',
  );
  await mobile.goto(urls[0]!);
  await expect(mobile.getByRole('heading', { name: '协议已解除' })).toBeVisible();
  await expect(mobile.getByText('已解除', { exact: true })).toBeVisible();
  await mobile.screenshot({
    path: join(SCREENSHOTS, 'phone-verify-terminated.png'),
    fullPage: true,
  });

  // A forged token: 无法核验.
  await mobile.goto(`/verify/${token.slice(0, -6)}AAAAAA`);
  await expect(mobile.getByRole('heading', { name: '无法核验' })).toBeVisible();
  await phone.close();
});
