import { test, type Page } from '@playwright/test';
import {
  SLOW_MACHINE_TEST_TIMEOUT,
  expect,
  expectAccessible,
  screenshot,
  signIn,
} from './support/portal.js';
import { SchoolWorld, api, licencePng } from './support/school-world.js';

test.describe.configure({ timeout: SLOW_MACHINE_TEST_TIMEOUT });

/**
 * The 上传 button by its accessible name: the page renders a loading icon only while uploading, so
 * after an upload the name is 上传 again (antd's own `loading` left its collapsed icon behind, and
 * the name read "loading 上传").
 */
const uploadButton = (page: Page) => page.getByRole('button', { name: /^上\s*传$/ });

/**
 * 资质证明材料: the employer uploads a document of a chosen kind and sees it listed (a fake is
 * refused), opens it in the page and deletes it; another employer can do neither.
 */
test('the employer uploads a recruitment letter with the upload control and sees it listed; a file that is no PDF or image is refused; it opens and deletes its own document', async ({
  page,
}) => {
  const school = await new SchoolWorld().create();
  const employer = await school.employer(); // with its business licence already uploaded

  await signIn(page, employer.username, employer.password);
  await page.goto('/employer/qualification-documents');
  await expect(page.getByRole('heading', { name: '资质证明材料' })).toBeVisible();
  const licenceRow = page.getByRole('row').filter({ hasText: '营业执照.png' });
  await expect(licenceRow).toContainText('营业执照');

  // A text file dressed as a PDF: the API reads the content and refuses it; nothing is listed.
  let chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: '选择文件' }).click();
  await (
    await chooser
  ).setFiles({
    name: '伪造的执照.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('not a pdf at all'),
  });
  await expect(page.getByText('伪造的执照.pdf（1 KB）')).toBeVisible();
  await uploadButton(page).click();
  await expect(page.getByRole('alert').filter({ hasText: '上传失败' })).toBeVisible();
  await expect(page.getByRole('cell', { name: '伪造的执照.pdf' })).toHaveCount(0);

  // A recruitment letter (PNG), its kind chosen first.
  await page.getByLabel('材料类型').click();
  await page.getByTitle('招聘介绍信', { exact: true }).last().click();
  chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: '选择文件' }).click();
  await (
    await chooser
  ).setFiles({ name: '招聘介绍信.png', mimeType: 'image/png', buffer: licencePng(640, 400) });
  await uploadButton(page).click();
  await expect(page.getByText('已上传：招聘介绍信.png')).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: '上传失败' })).toHaveCount(0);
  const letterRow = page.getByRole('row').filter({ hasText: '招聘介绍信.png' });
  await expect(letterRow.getByRole('cell').first()).toHaveText('招聘介绍信');
  await expect(page.getByText('未选择文件')).toBeVisible();
  await expect(licenceRow).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'employer-qualification-documents-list');

  // 查看: the document opens inside the page, the image itself.
  await letterRow.getByRole('button', { name: '查看 招聘介绍信.png' }).click();
  const viewer = page.getByRole('dialog', { name: '查看资质证明材料' });
  await expect(viewer).toContainText('招聘介绍信：招聘介绍信.png');
  const image = viewer.getByRole('img', { name: '招聘介绍信：招聘介绍信.png' });
  await expect(image).toBeVisible();
  await expect
    .poll(() => image.evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight]))
    .toEqual([640, 400]);
  await expectAccessible(page);
  await screenshot(page, 'employer-qualification-documents-view');
  await viewer.getByRole('button', { name: /关闭|Close/ }).click();
  await expect(viewer).toBeHidden();

  // Another employer can neither open nor delete it (not found: ids are not probed).
  const documents = await api<Array<{ id: string; fileName: string }>>(
    'GET',
    '/employer/qualification-documents',
    { token: employer.token },
  );
  const letterId = documents.body.find((d) => d.fileName === '招聘介绍信.png')!.id;
  const other = await school.employer({ licence: false });
  for (const [method, path] of [
    ['GET', `/employer/qualification-documents/${letterId}/content`],
    ['DELETE', `/employer/qualification-documents/${letterId}`],
  ] as const) {
    const refused = await api(method, path, { token: other.token });
    expect([refused.status, refused.body?.code]).toEqual([404, 'NOT_FOUND']);
  }

  // 删除, confirmed: the letter leaves the list; the licence stays.
  await letterRow.getByRole('button', { name: '删除 招聘介绍信.png' }).click();
  const confirm = page.getByRole('tooltip').filter({ hasText: '删除「招聘介绍信.png」？' });
  await expect(confirm).toContainText('删除后学校审核人员将无法再查看该材料');
  await screenshot(page, 'employer-qualification-documents-delete');
  await confirm.getByRole('button', { name: /^删\s*除$/ }).click();
  await expect(page.getByText('已删除：招聘介绍信.png')).toBeVisible();
  await expect(letterRow).toHaveCount(0);
  await expect(licenceRow).toBeVisible();
  await page.reload();
  await expect(licenceRow).toBeVisible();
  await expect(letterRow).toHaveCount(0);
  expect(
    (
      await api('GET', `/employer/qualification-documents/${letterId}/content`, {
        token: employer.token,
      })
    ).status,
  ).toBe(404);
});
