import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startPlatform, type Platform } from './support/platform.js';
import { issueToken } from './support/tokens.js';

describe('platform through the gateway', () => {
  let p: Platform;
  beforeAll(async () => {
    p = await startPlatform('platform');
  });
  afterAll(async () => {
    await p?.close();
  });

  it('reports every service up', async () => {
    const res = await p.http('GET', '/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: 'up',
      services: {
        identity: 'up',
        recruiting: 'up',
        signing: 'up',
        review: 'up',
        printing: 'up',
        'dispatch-sync': 'up',
      },
    });
    expect(res.headers.get('x-request-id')).toBeTruthy();
  });

  it('answers unknown routes and malformed bodies with the contract error shape', async () => {
    const missing = await p.http('GET', '/api/no-such-thing');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ code: 'NOT_FOUND', message: expect.any(String) });

    // Refused by Fastify before any route: still the contract's shape.
    const badUrl = await p.http('GET', '/api/%E0%A4%A');
    expect([badUrl.status, badUrl.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const longParam = await p.http('GET', `/api/verify/${'a'.repeat(700)}`);
    expect([longParam.status, longParam.body.code]).toEqual([400, 'VALIDATION_FAILED']);

    // A malformed body from a caller who may use the route: the body is what is wrong.
    const admin = await issueToken(p, { userId: 'admin', role: 'PROVINCE_ADMIN' });
    const bad = await p.http('POST', '/api/ops/parked-events/identity/1/replay', {
      token: admin,
      body: '{"oops',
    });
    expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(bad.body.message).toEqual(expect.any(String));
  });

  it('guards routes: no token 401, forged token 401, wrong role 403, right role passes', async () => {
    expect((await p.http('GET', '/api/ops/parked-events/signing')).body).toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    const forged = await p.http('GET', '/api/ops/parked-events/signing', {
      token: 'eyJhbGciOiJFZERTQSJ9.e30.AAAA',
    });
    expect(forged.status).toBe(401);
    const employer = await issueToken(p, { userId: 'u1', role: 'EMPLOYER', employerId: 'e1' });
    const denied = await p.http('GET', '/api/ops/parked-events/signing', { token: employer });
    expect(denied.status).toBe(403);
    expect(denied.body.code).toBe('FORBIDDEN');
    const admin = await issueToken(p, { userId: 'admin', role: 'PROVINCE_ADMIN' });
    const ok = await p.http('GET', '/api/ops/parked-events/signing', { token: admin });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual([]);
    const badService = await p.http('GET', '/api/ops/parked-events/nope', { token: admin });
    expect(badService.status).toBe(400);
    expect(badService.body.code).toBe('VALIDATION_FAILED');
  });

  it('publishes the OpenAPI contract and metrics', async () => {
    const doc = await p.http('GET', '/api/docs-json');
    expect(doc.status).toBe(200);
    expect(doc.body.paths['/api/health']).toBeDefined();
    const metrics = await p.http('GET', '/api/metrics');
    expect(metrics.status).toBe(200);
    expect(String(metrics.body)).toContain('netsign_http_request_duration_seconds');
  });

  it('answers 503 UPSTREAM_UNAVAILABLE quickly when a service is down, and health names it', async () => {
    await p.stopService('review');
    const started = Date.now();
    const health = await p.http('GET', '/api/health');
    expect(health.status).toBe(503);
    expect(health.body.services.review).toBe('down');
    expect(health.body.down).toEqual(['review']);
    const admin = await issueToken(p, { userId: 'admin', role: 'PROVINCE_ADMIN' });
    const res = await p.http('GET', '/api/ops/parked-events/review', { token: admin });
    expect(res.status).toBe(503);
    expect(res.body.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(Date.now() - started).toBeLessThan(5_000); // no responders: answered at once, not after a timeout
    await p.startService('review');
    expect((await p.http('GET', '/api/health')).status).toBe(200);
  });
});
