import { defineConfig, devices } from '@playwright/test';

/**
 * `npm run bench:portal`, part 2: the review queue of 1,000 tasks in Chromium against the real
 * system (started by the browser tests' harness). Prints figures; asserts only that the page showed.
 */
// The arrangement binds a thousand graduates from one address: the system under test (started by
// the harness with this process's environment) lifts the per-address limits a campus NAT needs.
process.env.BIND_LIMIT_PER_ADDRESS ??= '1000000';
process.env.WECHAT_LOGIN_LIMIT_PER_ADDRESS ??= '1000000';
process.env.LOGIN_LIMIT_PER_ADDRESS ??= '1000000';

const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
};

export default defineConfig({
  testDir: '.',
  testMatch: /\.bench\.ts$/,
  globalSetup: '../browser-e2e/global-setup.ts',
  globalTeardown: '../browser-e2e/global-teardown.ts',
  outputDir: '../../reports/portal-bench/results',
  timeout: 900_000,
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: process.env.E2E_BASE_URL,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    ...devices['Desktop Chrome'],
    viewport: { width: 1440, height: 900 },
    launchOptions: chromium,
  },
});
