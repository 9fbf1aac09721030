import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer } from 'node:net';
import { runService, type RunningService } from '@netsign/runtime';
import { createTestEnv, type TestEnv } from '@netsign/testing';
import { recruitingService } from '../src/recruiting.service.js';

/** A service started with HEALTH_PORT answers Kubernetes' probes (deploy/k8s) from its own checks. */
const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

describe('HEALTH_PORT (recruiting, a real service on the real Postgres and NATS)', () => {
  let env: TestEnv;
  let svc: RunningService<unknown> | undefined;
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    env = await createTestEnv('health_port');
    svc = (await runService(recruitingService, {
      ...env.vars,
      HEALTH_PORT: String(port),
    })) as RunningService<unknown>;
  });

  afterAll(async () => {
    await svc?.close();
    await env?.dispose();
  });

  it('is live, and ready with its database and NATS up', async () => {
    const live = await fetch(`http://127.0.0.1:${port}/livez`);
    expect(live.status).toBe(200);
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      service: 'recruiting',
      status: 'up',
      checks: { database: 'up', nats: 'up' },
    });
  });

  it('stops listening when the service closes', async () => {
    await svc!.close();
    svc = undefined;
    await expect(fetch(`http://127.0.0.1:${port}/livez`)).rejects.toThrow();
  });
});
