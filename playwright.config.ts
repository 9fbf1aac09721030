import { defineConfig, devices } from '@playwright/test';

/**
 * Browser tests: the portal (desktop) and the mini-program's H5 build (a phone) driven in Debian's
 * Chromium against the real system, which tools/browser-e2e/global-setup.ts starts from dist/
 * (run `npm run build` and the client builds first; `npm test` does).
 */
const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

export default defineConfig({
  globalSetup: './tools/browser-e2e/global-setup.ts',
  globalTeardown: './tools/browser-e2e/global-teardown.ts',
  outputDir: 'reports/browser-e2e/results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 2,
  retries: 0,
  reporter: process.env.CI
    ? [['list'], ['json', { outputFile: 'reports/playwright.json' }]]
    : [['list']],
  use: {
    baseURL: process.env.E2E_BASE_URL,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: chromium,
  },
  projects: [
    {
      name: 'portal',
      testDir: 'apps/portal/e2e',
      use: {
        ...devices['Desktop Chrome'],
        viewport: { width: 1440, height: 900 },
        launchOptions: chromium,
      },
    },
    {
      name: 'mini-program',
      testDir: 'apps/mini-program/e2e',
      use: {
        ...devices['Pixel 7'],
        viewport: { width: 390, height: 844 },
        launchOptions: chromium,
      },
    },
  ],
});
