import { expect, test } from '@playwright/test';
import { adminToken, apiOk } from '../../../tools/browser-e2e/api.js';

// The harness itself: the system under test is up and the bootstrap admin can sign in.
test('the system under test is healthy and the province admin can sign in', async ({ request }) => {
  const health = await request.get('/api/health');
  expect(health.status()).toBe(200);
  const token = await adminToken();
  const me = await apiOk<{ role: string }>('GET', '/me', { token });
  expect(me.role).toBe('PROVINCE_ADMIN');
});
