import { test, type Page } from '@playwright/test';
import {
  SLOW_MACHINE_TEST_TIMEOUT,
  expect,
  expectAccessible,
  screenshot,
  signIn,
} from './support/portal.js';
import { SchoolWorld, licencePng } from './support/school-world.js';

test.describe.configure({ timeout: SLOW_MACHINE_TEST_TIMEOUT });

/** 资质证明材料: the employer uploads a document of a chosen kind and sees it listed; a fake is refused. */
/**
 * The 上传 button, found by its text: after an upload, antd can leave its collapsed loading icon
 * (aria-label "loading") in the button, so the accessible name reads "loading 上传" on a slow run.
 */
const uploadButton = (page: Page) => page.getByRole('button').filter({ hasText: /^上\s*传$/ });

test('the employer uploads a recruitment letter with the upload control and sees it listed; a file that is no PDF or image is refused', async ({
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
});
