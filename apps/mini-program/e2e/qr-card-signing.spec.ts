import { readFileSync } from 'node:fs';
import { test } from '@playwright/test';
import {
  SCREENSHOTS,
  TERMS,
  api,
  apiOk,
  bindThroughForm,
  createWorld,
  eventually,
  expect,
} from './world.js';

test.describe.configure({ timeout: 300_000 });

test('method 3 to PDF and back: bind → confirm source info → QR card → employer signs → approved → PDF → termination agreed → may sign again', async ({
  page,
}) => {
  const world = await createWorld('qr');
  const s = world.students[0]!;
  await bindThroughForm(page, world, s);
  await page.screenshot({ path: `${SCREENSHOTS}/dispatch-unconfirmed.png` });

  // The QR card is closed until the source info is confirmed, and says why.
  await page.goto('/m/pages/qr-card/index');
  await expect(
    page.getByText(/签约暂不可用：请先在「派遣 → 生源信息维护」中核对并确认/),
  ).toBeVisible();

  // 派遣 → 生源信息维护: the record with the ID masked; confirm.
  await page.getByText('去确认生源信息', { exact: true }).click();
  await expect(page.getByText('学校登记的生源信息')).toBeVisible();
  await expect(
    page.getByText(`${s.idNumber.slice(0, 6)}********${s.idNumber.slice(14)}`),
  ).toBeVisible();
  await expect(page.getByText(s.idNumber, { exact: true })).toHaveCount(0);
  await page.screenshot({ path: `${SCREENSHOTS}/source-info.png`, fullPage: true });
  await page.getByText('确认无误', { exact: true }).click();
  await expect(page.getByText('生源信息已确认，现在可以签约了。')).toBeVisible();

  // 我的 → 二维码名片: the card and its countdown.
  await page.goto('/m/pages/mine/index');
  const issued = page.waitForResponse(
    (r) => r.url().endsWith('/api/me/qr-card') && r.request().method() === 'POST',
  );
  await page.getByText('二维码名片', { exact: true }).click();
  const card = (await (await issued).json()) as { token: string; url: string };
  const qr = page.getByRole('img', { name: '二维码名片' });
  await expect(qr).toBeVisible();
  await expect(page.getByRole('timer')).toHaveText(/\d+ 分 \d\d 秒后失效/);
  const first = await page.getByRole('timer').textContent();
  await expect(page.getByRole('timer')).not.toHaveText(first!);
  await page.screenshot({ path: `${SCREENSHOTS}/qr-card.png` });

  // The employer scans the card the page shows (its token, as the page received it).
  const seen = await apiOk<{ name?: string; graduate?: { name: string } }>(
    'GET',
    `/qr-cards/${encodeURIComponent(card.token)}`,
    { token: world.employerToken },
  );
  expect(JSON.stringify(seen)).toContain(s.name);
  const signed = await apiOk<{ agreementId: string; agreementNo: string; status: string }>(
    'POST',
    `/qr-cards/${encodeURIComponent(card.token)}/agreements`,
    {
      token: world.employerToken,
      body: { positionId: world.positionId, terms: TERMS },
    },
  );
  expect(signed.status).toBe('PENDING_REVIEW');

  // 我的协议: 签约成功，待学校审核.
  await page.goto('/m/pages/agreements/index');
  const agreement = page.getByRole('article', { name: `协议 ${signed.agreementNo}` });
  await expect(agreement.getByText('签约成功，待学校审核', { exact: true })).toBeVisible();
  await expect(agreement.getByText('二维码名片签约')).toBeVisible();
  await expect(agreement.getByText('下载协议书 PDF')).toHaveCount(0);
  await page.screenshot({ path: `${SCREENSHOTS}/agreement-pending.png`, fullPage: true });

  // The department approves.
  await eventually(async () => {
    const r = await api('POST', `/agreements/${signed.agreementId}/review`, {
      token: world.departmentToken,
      body: { decision: 'APPROVE', reason: '信息核对无误' },
    });
    return r.status === 200 || r.status === 201;
  }, 'the review task');
  await eventually(
    async () =>
      (
        await apiOk<{ status: string }>('GET', `/agreements/${signed.agreementId}`, {
          token: world.departmentToken,
        })
      ).status === 'APPROVED',
    'approval',
  );

  // The graduate opens the PDF.
  await page.reload();
  await expect(agreement.getByText('学校审核通过，可打印协议书', { exact: true })).toBeVisible();
  const downloading = page.waitForEvent('download', { timeout: 60_000 });
  await agreement.getByText('下载协议书 PDF', { exact: true }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`就业协议书-${signed.agreementNo}.pdf`);
  const pdf = readFileSync((await download.path())!);
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  await expect(page.getByText('协议书 PDF 已下载，可打印或转发。')).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/agreement-approved.png`, fullPage: true });

  // 解除就业协议申请 with a PDF and a JPEG; the 10 MB limit is said before the upload.
  await page.goto('/m/pages/dispatch/index');
  await page.getByText('解除就业协议申请', { exact: true }).click();
  await expect(page.getByText(/每个文件不超过 10 MB/)).toBeVisible();
  await page.getByRole('textbox', { name: '解约原因' }).fill('已考取研究生，单位同意解约');
  const chooser = page.waitForEvent('filechooser');
  await page.getByText('选择材料文件', { exact: true }).click();
  await (
    await chooser
  ).setFiles([
    {
      name: '单位同意解约函.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'),
    },
    {
      name: '录取通知书.jpg',
      mimeType: 'image/jpeg',
      buffer: Buffer.concat([
        Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
        Buffer.alloc(2048, 7),
        Buffer.from([0xff, 0xd9]),
      ]),
    },
  ]);
  await expect(page.getByText(/单位同意解约函\.pdf/)).toBeVisible();
  await expect(page.getByText(/录取通知书\.jpg/)).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/termination-form.png`, fullPage: true });
  await page.getByText('提交解约申请', { exact: true }).click();
  await expect(page.getByText('解约申请已提交，请等待辅导员审核。')).toBeVisible();
  await expect(page.getByText('待辅导员审核', { exact: true })).toBeVisible();

  // The counsellor agrees.
  const list = await apiOk<{ items: Array<{ id: string; materials: unknown[] }> }>(
    'GET',
    '/terminations?status=PENDING',
    { token: world.counsellorToken },
  );
  const termination = list.items.find((t) => t.materials.length === 2)!;
  expect(termination).toBeTruthy();
  await apiOk('POST', `/terminations/${termination.id}/decision`, {
    token: world.counsellorToken,
    body: { decision: 'AGREE', reason: '材料齐全，同意解约' },
  });
  await page.reload();
  await expect(page.getByText(/同意解约：材料齐全，同意解约/)).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/termination-decided.png`, fullPage: true });

  // 我的协议 reads 已解除, and the graduate may sign again.
  await eventually(
    async () =>
      (
        await apiOk<{ status: string }>('GET', `/agreements/${signed.agreementId}`, {
          token: world.departmentToken,
        })
      ).status === 'TERMINATED',
    'termination',
  );
  await page.goto('/m/pages/agreements/index');
  await expect(agreement.getByText('已解除', { exact: true })).toBeVisible();
  await expect(page.getByText(/你目前没有生效的就业协议，可以重新签约/)).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/agreement-terminated.png`, fullPage: true });
  await page.getByText('出示二维码名片', { exact: true }).click();
  await expect(page.getByRole('img', { name: '二维码名片' })).toBeVisible();
});
