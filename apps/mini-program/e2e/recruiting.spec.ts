import { test } from '@playwright/test';
import {
  SCREENSHOTS,
  TERMS,
  apiOk,
  bindThroughForm,
  createWorld,
  eventually,
  expect,
} from './world.js';

test.describe.configure({ timeout: 300_000 });

test('method 1: resume → apply → interview invitation accepted → signing offer accepted → 签约成功，待学校审核', async ({
  page,
}) => {
  const world = await createWorld('rec');
  const s = world.students[0]!;
  await bindThroughForm(page, world, s);
  await page.getByText('生源信息维护', { exact: true }).click();
  await page.getByText('确认无误', { exact: true }).click();
  await expect(page.getByText('生源信息已确认，现在可以签约了。')).toBeVisible();

  // 简历
  await page.goto('/m/pages/resume/index');
  await page
    .getByRole('textbox', { name: '个人简介' })
    .fill('热爱后端开发，熟悉 Node.js 与 PostgreSQL。');
  await page
    .getByRole('textbox', { name: '教育经历' })
    .fill('2022–2026 江淮理工大学 软件工程 本科');
  await page.getByRole('textbox', { name: '技能' }).fill('TypeScript、NestJS、SQL');
  await page.getByRole('textbox', { name: '手机号' }).fill('13800001234');
  await page.getByText('保存简历', { exact: true }).click();
  await expect(page.getByText('简历已保存。投递岗位时单位会看到这份简历。')).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/resume.png`, fullPage: true });

  // 岗位: find the position and apply.
  await page.goto('/m/pages/positions/index');
  await page.getByRole('textbox', { name: '搜索岗位' }).fill(world.positionTitle);
  await page.getByText('搜索', { exact: true }).click();
  const position = page.getByRole('article', { name: world.positionTitle, exact: true });
  await position.getByText('投递简历', { exact: true }).click();
  await expect(position.getByText('简历已投递，请留意面试邀请。')).toBeVisible();
  await expect(position.getByText('已投递', { exact: true })).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/positions.png`, fullPage: true });

  // The employer reads the resume and invites.
  const application = await eventually(async () => {
    const list = await apiOk<
      | { items?: Array<{ id: string; resume: { summary: string }; positionId: string }> }
      | Array<{ id: string; resume: { summary: string }; positionId: string }>
    >('GET', '/applications', { token: world.employerToken });
    const items = Array.isArray(list) ? list : (list.items ?? []);
    return items.find((a) => a.positionId === world.positionId);
  }, 'the application');
  expect(application.resume.summary).toContain('Node.js');
  const at = new Date(Date.now() + 3 * 86400_000).toISOString();
  const invitation = await apiOk<{ id: string }>(
    'POST',
    `/applications/${application.id}/interview-invitations`,
    {
      token: world.employerToken,
      body: { at, place: '合肥市高新区创新大道 1 号 3 楼', note: '请携带简历和身份证' },
    },
  );

  // 消息 shows it unread; 面试邀请: accept.
  await page.goto('/m/pages/messages/index');
  await expect(page.getByRole('article', { name: /^未读 /, exact: true }).first()).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/messages.png`, fullPage: true });
  await page.goto('/m/pages/interviews/index');
  const inv = page.getByRole('article', { name: `${world.positionTitle} 面试邀请` });
  await expect(inv.getByText('合肥市高新区创新大道 1 号 3 楼')).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/interviews.png`, fullPage: true });
  await inv.getByText('接受面试', { exact: true }).click();
  await expect(inv.getByText('已接受面试邀请，请按时参加面试。')).toBeVisible();

  // The employer records the interview as passed, with a signing offer.
  await apiOk('POST', `/interview-invitations/${invitation.id}/result`, {
    token: world.employerToken,
    body: { passed: true, offer: { positionId: world.positionId, terms: TERMS } },
  });

  // 签约通知: accept → 签约成功，待学校审核.
  await page.goto('/m/pages/mine/index');
  await page.getByText('签约通知', { exact: true }).click();
  const offer = page.getByRole('article', { name: `${world.positionTitle} 签约通知` });
  await expect(offer.getByText('待回复')).toBeVisible();
  await expect(offer.getByText('安徽省合肥市')).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/offers.png`, fullPage: true });
  await offer.getByText('接受并签约', { exact: true }).click();
  await expect(offer.getByText(/^签约成功，待学校审核（协议编号 .+）$/)).toBeVisible();
  await expect(offer.getByText('签约成功，待学校审核', { exact: true })).toBeVisible();

  await page.goto('/m/pages/dispatch/index');
  await expect(page.getByText('签约成功，待学校审核', { exact: true })).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/dispatch.png`, fullPage: true });
  await page.goto('/m/pages/mine/index');
  await page.screenshot({ path: `${SCREENSHOTS}/mine.png`, fullPage: true });
});
