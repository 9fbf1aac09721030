import { execFile as execFileCb } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startProvinceStandin, type ProvinceStandin } from '@netsign/province-standin';
import { startWechatFake, type WechatFake } from '../apps/wechat-fake/src/wechat-fake.js';
import { startPlatform, type Platform } from './support/platform.js';

const execFile = promisify(execFileCb);

/**
 * `npm run demo` (scripts/demo.mjs) against a real system — every service, the gateway, a print
 * worker with Chromium, the WeChat fake and the provincial stand-in — run to completion twice: the
 * second run adds a new cohort and never trips over the first one's data.
 */
describe('npm run demo', () => {
  let p: Platform;
  let wechat: WechatFake;
  let province: ProvinceStandin;
  let dir: string;
  const secret = 'demo-dispatch-secret';

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'netsign-demo-e2e-'));
    wechat = await startWechatFake();
    province = await startProvinceStandin({ port: 0, host: '127.0.0.1', secret });
    p = await startPlatform('demo', {
      vars: {
        WECHAT_API_BASE: wechat.url,
        WECHAT_APPID: 'wx-demo',
        WECHAT_SECRET: 'wx-demo-secret',
        PROVINCE_DISPATCH_URL: province.url,
        PROVINCE_DISPATCH_SECRET: secret,
        BOOTSTRAP_ADMIN_PASSWORD: 'demo-admin-password',
        STORAGE_DIR: join(dir, 'files'),
      },
    });
  }, 120_000);
  afterAll(async () => {
    await p?.close();
    await province?.close();
    await wechat?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  }, 120_000);

  const demo = () =>
    execFile(process.execPath, ['scripts/demo.mjs'], {
      env: {
        ...process.env,
        API_BASE_URL: `${p.url}/api`,
        BOOTSTRAP_ADMIN_PASSWORD: 'demo-admin-password',
        WECHAT_API_BASE: wechat.url,
        PROVINCE_DISPATCH_URL: province.url,
        DEMO_OUT_DIR: join(dir, 'out'),
      },
      timeout: 170_000,
    });

  it('tells the whole story twice, each run a new cohort', async () => {
    const cohorts: string[] = [];
    for (let run = 0; run < 2; run++) {
      const { stdout } = await demo(); // rejects on a non-zero exit code
      const cohort = /cohort (DEMO\w+)/.exec(stdout)?.[1];
      expect(cohort).toBeDefined();
      cohorts.push(cohort!);
      for (const line of [
        '签约方式一',
        '签约方式二',
        '签约方式三',
        '已驳回 rejected',
        '已解除 TERMINATED',
        '重新签约',
        '网签占比',
        '演示完成 · demo complete',
      ]) {
        expect(stdout).toContain(line);
      }
      // Three copies, each genuine; the PDF saved where it says.
      expect(stdout.match(/真实有效 genuine/g)).toHaveLength(3);
      const pdfPath = /PDF 已保存 saved: (\S+\.pdf)/.exec(stdout)?.[1];
      expect((await stat(pdfPath!)).size).toBeGreaterThan(1000);
      // The province received employment, termination, employment for the re-signed graduate.
      expect(stdout).toMatch(/1:EMPLOYMENT → 2:TERMINATION → 3:EMPLOYMENT/);
      for (const name of ['王𠮷', '龚䶮', '李喆', '陈堃']) expect(stdout).toContain(name);
    }
    expect(new Set(cohorts).size).toBe(2);
  }, 400_000);
});
