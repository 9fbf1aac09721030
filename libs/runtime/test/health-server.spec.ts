import { afterEach, describe, expect, it } from '@jest/globals';
import type { Server } from 'node:http';
import {
  healthServerPort,
  startHealthServer,
  type HealthCheckResult,
} from '../src/health-server.js';

/** The probe endpoints Kubernetes calls (deploy/k8s), over a real HTTP listener. */
describe('health server (HEALTH_PORT)', () => {
  let server: Server | null = null;
  afterEach(() => {
    server?.close();
    server = null;
  });

  const start = async (check: () => Promise<HealthCheckResult>) => {
    server = await startHealthServer(0, '127.0.0.1', check);
    return (path: string, method = 'GET') =>
      fetch(`http://127.0.0.1:${healthServerPort(server!)}${path}`, { method }).then(async (r) => [
        r.status,
        await r.json(),
      ]);
  };

  it('is ready when the check says so, and says why not otherwise', async () => {
    let ready = true;
    const get = await start(async () => ({
      ready,
      body: { status: ready ? 'up' : 'degraded', checks: { database: ready ? 'up' : 'down' } },
    }));
    expect(await get('/readyz')).toEqual([200, { status: 'up', checks: { database: 'up' } }]);
    ready = false;
    expect(await get('/readyz')).toEqual([
      503,
      { status: 'degraded', checks: { database: 'down' } },
    ]);
  });

  it('is live while the readiness check fails or throws', async () => {
    const get = await start(async () => {
      throw new Error('database unreachable');
    });
    expect(await get('/livez')).toEqual([200, { status: 'up' }]);
    expect(await get('/readyz')).toEqual([503, { status: 'down', reason: 'database unreachable' }]);
  });

  it('answers nothing else', async () => {
    const get = await start(async () => ({ ready: true, body: {} }));
    expect(await get('/')).toEqual([404, { status: 'not found' }]);
    expect(await get('/readyz', 'POST')).toEqual([405, { status: 'method not allowed' }]);
  });
});
