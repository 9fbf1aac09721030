import { test } from '@playwright/test';
import {
  SLOW_MACHINE_TEST_TIMEOUT,
  expect,
  expectAccessible,
  screenshot,
  signIn,
} from './support/portal.js';
import { SchoolWorld, apiOk, waitFor } from './support/school-world.js';

test.describe.configure({ timeout: SLOW_MACHINE_TEST_TIMEOUT });

type Page<T> = T[] | { items: T[] };
const itemsOf = <T>(page: Page<T>): T[] => (Array.isArray(page) ? page : page.items);

/** The interview time as the page shows it (Asia/Shanghai, the browser's time zone): a week ahead. */
function interviewTime(): { typed: string; iso: string } {
  const at = new Date(Date.now() + 7 * 24 * 3600_000);
  const beijing = new Date(at.getTime() + 8 * 3600_000);
  const day = beijing.toISOString().slice(0, 10);
  return { typed: `${day} 14:30`, iso: `${day}T06:30:00.000Z` };
}

/** 简历与面试 (method 1): a graduate applies; the employer invites, records a pass and sends an offer. */
test('the employer reads an application’s resume, invites to an interview and sends a signing offer after a pass', async ({
  page,
}) => {
  const school = await new SchoolWorld().create();
  const employer = await school.employer();
  const graduate = await school.graduate('CS');
  const resume = {
    summary: '热爱后端开发，熟悉 Node.js 与 PostgreSQL',
    education: '安徽测试大学 软件工程 本科 2022–2026',
    experience: '合肥某科技公司后端实习 6 个月',
    skills: ['TypeScript', 'PostgreSQL'],
    phone: '13800138000',
    email: 'grad@example.com',
  };
  await apiOk('PUT', '/me/resume', { token: graduate.token, body: resume });
  await apiOk('POST', `/positions/${employer.positionId}/applications`, {
    token: graduate.token,
  });

  await signIn(page, employer.username, employer.password);
  await page.goto('/employer/applications');
  await expect(page.getByRole('heading', { name: '简历与面试' })).toBeVisible();
  await expect(page.getByRole('tab', { name: '收到的简历（1）' })).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: '13800138000' });
  // Who applied, by name, school and major (as the roster has them), not by an id.
  await expect(row).toContainText(graduate.record.name);
  await expect(row).toContainText('软件工程 · 本科 · 2026 届');
  await expect(row).toContainText(school.name);
  await expect(row).toContainText('计算机学院');
  await expect(row).toContainText('后端开发工程师');
  await expect(row).toContainText('grad@example.com');
  await expect(row).toContainText('待处理');
  // The whole resume, row expanded.
  await row.getByRole('button', { name: '展开行' }).click();
  await expect(page.getByText(resume.education)).toBeVisible();
  await expect(page.getByText(resume.experience)).toBeVisible();
  await expect(page.getByText('PostgreSQL', { exact: true })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'employer-applications');

  // The invitation: time, place, note through the dialog (the place is required).
  await row.getByRole('button', { name: '邀请面试' }).click();
  const invite = page.getByRole('dialog', { name: '邀请面试：后端开发工程师' });
  const when = interviewTime();
  await invite.getByLabel('面试时间').fill(when.typed);
  await invite.getByLabel('面试时间').press('Enter');
  await invite.getByRole('button', { name: '发送邀请' }).click();
  await expect(invite.getByText('请输入面试地点')).toBeVisible();
  await invite.getByLabel('面试地点').fill('合肥市高新区望江西路 800 号 3 楼');
  await invite.getByLabel('备注').fill('请携带身份证与成绩单');
  await invite.getByRole('button', { name: '发送邀请' }).click();
  await expect(invite).toBeHidden();
  await expect(row).toContainText('已邀请面试');
  await expect(row.getByRole('button', { name: '邀请面试' })).toHaveCount(0);

  await page.getByRole('tab', { name: '面试邀请' }).click();
  const invitationRow = page.getByRole('row').filter({ hasText: '望江西路 800 号 3 楼' });
  await expect(invitationRow).toContainText(when.typed);
  await expect(invitationRow).toContainText('请携带身份证与成绩单');
  await expect(invitationRow).toContainText('待毕业生回复');

  // The graduate accepts (in the mini-program; here through the API).
  const invitation = await waitFor('the invitation', async () =>
    itemsOf(
      await apiOk<Page<{ id: string; at: string }>>('GET', '/interview-invitations', {
        token: graduate.token,
      }),
    ).at(0),
  );
  expect(new Date(invitation.at).toISOString()).toBe(when.iso);
  await apiOk('POST', `/interview-invitations/${invitation.id}/response`, {
    token: graduate.token,
    body: { accept: true },
  });
  await page.reload();
  await page.getByRole('tab', { name: '面试邀请' }).click();
  await expect(invitationRow).toContainText('毕业生已接受');

  // The result: passed, with a signing offer on the position and its terms.
  await invitationRow.getByRole('button', { name: '录入结果' }).click();
  const result = page.getByRole('dialog', { name: '录入面试结果' });
  await expect(result.getByRole('radio', { name: '通过', exact: true })).toBeChecked();
  await expect(result.getByRole('radio', { name: /发出签约通知/ })).toBeChecked();
  await result.getByLabel('工作地点').fill('安徽省合肥市');
  await result.getByLabel('月薪（元，税前）').fill('9800');
  await result.getByLabel('试用期（月）').fill('3');
  await result.getByLabel('合同期限（年）').fill('3');
  await result.getByLabel('其他约定').fill('五险一金');
  await result.getByRole('button', { name: /提\s*交/ }).click();
  await expect(result).toBeHidden();
  await expect(invitationRow).toContainText('面试通过');

  await page.getByRole('tab', { name: '签约通知' }).click();
  const offerRow = page.getByRole('row').filter({ hasText: '9800' });
  await expect(offerRow).toContainText('后端开发工程师');
  await expect(offerRow).toContainText('安徽省合肥市');
  await expect(offerRow).toContainText('待毕业生确认');
  await screenshot(page, 'employer-signing-offers');

  // The graduate has the offer, on these terms.
  const offers = itemsOf(
    await apiOk<Page<{ status: string; terms: { monthlySalary: number } }>>(
      'GET',
      '/signing-offers',
      { token: graduate.token },
    ),
  );
  expect(offers.map((o) => [o.status, o.terms.monthlySalary])).toEqual([['SENT', 9800]]);
});
