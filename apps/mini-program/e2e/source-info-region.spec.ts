import { test, type Page } from '@playwright/test';
import { adminToken } from '../../../tools/browser-e2e/api.js';
import { SCREENSHOTS, apiOk, bindThroughForm, createWorld, eventually, expect } from './world.js';

test.describe.configure({ timeout: 300_000 });

/** The graduate's own token, as the H5 build keeps it (Taro storage over localStorage). */
async function graduateToken(page: Page): Promise<string> {
  const { origins } = await page.context().storageState();
  const raw = origins
    .flatMap((o) => o.localStorage)
    .find((entry) => entry.name === 'netsign.token')?.value;
  const stored = JSON.parse(raw!) as { data?: string } | string;
  return typeof stored === 'string' ? stored : stored.data!;
}

/**
 * 生源信息维护 → 申请更正 → 生源地: the graduate searches the GB/T 2260 table (the region picker
 * is a subpackage of its own), picks a county, sees its full name and code, and sends the
 * correction; once the school approves it the record reads the region's name with its code.
 */
test('source info: 生源地 is picked from the region table by search, sent, approved and read back with its code', async ({
  page,
}) => {
  const world = await createWorld('region');
  const s = world.students[0]!;
  await bindThroughForm(page, world, s);

  await page.getByText('生源信息维护', { exact: true }).first().click();
  await expect(page.getByText('学校登记的生源信息')).toBeVisible();
  await page.getByText('信息有误，申请更正', { exact: true }).click();
  const items = page.getByRole('radiogroup', { name: '要更正的项目' });
  await items.getByRole('radio', { name: '生源地' }).click();
  await expect(items.getByRole('radio', { name: '生源地' })).toHaveAttribute(
    'aria-checked',
    'true',
  );

  // 选择生源地: a search field, matches listed with their full path and code.
  await page.getByRole('button', { name: /选择生源地/ }).click();
  const search = page.getByRole('textbox', { name: '搜索地区' });
  await expect(search).toBeVisible();
  // Without a query, 省 → 市 → 区县 step by step; 全国 goes back to the provinces.
  await page
    .getByRole('listbox', { name: '省份' })
    .getByRole('option', { name: /安徽省/ })
    .click();
  await page
    .getByRole('listbox', { name: '下一级地区' })
    .getByRole('option', { name: /合肥市/ })
    .click();
  await expect(
    page.getByRole('listbox', { name: '下一级地区' }).getByRole('option', { name: /肥西县/ }),
  ).toContainText('340123');
  await page.screenshot({ path: `${SCREENSHOTS}/region-picker-levels.png` });
  await page.getByText('全国', { exact: true }).click();
  await expect(page.getByRole('listbox', { name: '省份' })).toBeVisible();
  await search.fill('合肥');
  const results = page.getByRole('listbox', { name: '搜索结果' });
  await expect(results.getByRole('option', { name: /安徽省 \/ 合肥市 \/ 蜀山区/ })).toBeVisible();
  await search.fill('肥西');
  const feixi = results.getByRole('option', { name: /安徽省 \/ 合肥市 \/ 肥西县/ });
  await expect(feixi).toBeVisible();
  await expect(feixi).toContainText('340123');
  await page.screenshot({ path: `${SCREENSHOTS}/region-picker.png` });
  await feixi.click();

  // Back on the form: the chosen region's full name and code.
  const chosen = page.getByRole('button', { name: /选择生源地/ });
  await expect(chosen).toContainText('安徽省合肥市肥西县');
  await expect(chosen).toContainText('340123');
  await page.getByRole('textbox', { name: '更正理由' }).fill('生源地应为户籍所在的肥西县');
  await page.screenshot({ path: `${SCREENSHOTS}/source-info-correction.png`, fullPage: true });
  await page.getByText('提交更正申请', { exact: true }).click();
  await expect(page.getByText('更正申请已提交，学校审核后会通知你。')).toBeVisible();

  // What the API received: the region's full name, as the correction path accepts it.
  const admin = await adminToken();
  const pending = await eventually(async () => {
    const list = await apiOk<
      Array<{ id: string; studentNo: string; changes: Record<string, string> }>
    >('GET', `/schools/${world.schoolCode}/source-info-corrections?status=PENDING`, {
      token: admin,
    });
    return list.find((c) => c.studentNo === s.studentNo);
  }, 'the correction request');
  expect(pending.changes).toEqual({ originPlace: '安徽省合肥市肥西县' });
  await apiOk(
    'POST',
    `/schools/${world.schoolCode}/source-info-corrections/${pending.id}/decision`,
    {
      token: admin,
      body: { decision: 'APPROVE' },
    },
  );

  // Read back: the API has the code; the page shows the name with it after a reload.
  const token = await graduateToken(page);
  const me = await apiOk<{ graduate: { originPlace: string; originRegionCode: string | null } }>(
    'GET',
    '/me',
    { token },
  );
  expect(me.graduate).toMatchObject({
    originPlace: '安徽省合肥市肥西县',
    originRegionCode: '340123',
  });
  await page.reload();
  await expect(page.getByText('学校登记的生源信息')).toBeVisible();
  await expect(page.getByText('安徽省合肥市肥西县（340123）', { exact: true })).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/source-info-region.png`, fullPage: true });
});
