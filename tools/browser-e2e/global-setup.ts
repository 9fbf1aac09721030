import { writeFileSync } from 'node:fs';
import { startSystem } from './system.js';

/**
 * Starts the real system once for all browser tests and hands its addresses to the tests through
 * E2E_* variables (Playwright starts its workers after this, with this process's environment).
 * E2E_BASE_URL set by the caller means "use that running system" instead (e.g. `npm start`).
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.E2E_BASE_URL) return;
  const system = await startSystem('reports/browser-e2e');
  process.env.E2E_BASE_URL = system.baseUrl;
  process.env.E2E_API_URL = system.apiUrl;
  process.env.E2E_ADMIN_PASSWORD = system.adminPassword;
  process.env.E2E_WECHAT_URL = system.wechatUrl;
  process.env.E2E_PROVINCE_URL = system.provinceUrl;
  process.env.E2E_DATABASE_URL = system.databaseUrl;
  process.env.E2E_STORAGE_DIR = system.storageDir;
  writeFileSync('reports/browser-e2e/system.json', JSON.stringify(system, null, 2));
}
