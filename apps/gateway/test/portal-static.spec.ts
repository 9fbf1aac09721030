import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  IMMUTABLE_CACHE,
  portalContentSecurityPolicy,
  registerPortal,
} from '../src/common/portal-static.js';

/** A bare Fastify with the portal registered, listening on a free port (inject needs CJS cookies). */
async function portalServer(
  dir: string,
): Promise<{ app: FastifyInstance; get: (path: string) => Promise<Answer> }> {
  const app = Fastify();
  app.get('/api/health', async () => ({ status: 'ok' }));
  await registerPortal(app, dir);
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const get = async (path: string): Promise<Answer> => {
    const res = await fetch(`${base}${path}`);
    return {
      statusCode: res.status,
      headers: Object.fromEntries(res.headers),
      body: await res.text(),
    };
  };
  return { app, get };
}

interface Answer {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

describe('the web portal served by the gateway', () => {
  let dir: string;
  let app: FastifyInstance;
  let get: (path: string) => Promise<Answer>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'portal-static-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>网签平台</title>');
    writeFileSync(join(dir, 'assets', 'index-AbC123.js'), 'console.log(1)');
    ({ app, get } = await portalServer(dir));
  });
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers / with index.html, never cached, under a strict Content-Security-Policy', async () => {
    const res = await get('/');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('网签平台');
    expect(res.headers['cache-control']).toBe('no-cache');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toBe(portalContentSecurityPolicy());
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
  });

  it('serves hashed assets with a year-long immutable cache', async () => {
    const res = await get('/assets/index-AbC123.js');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe(IMMUTABLE_CACHE);
    expect(res.headers['content-type']).toContain('javascript');
  });

  it('falls back to index.html for the portal’s own paths (the phone pages too)', async () => {
    for (const url of [
      '/employer/agreements',
      '/verify/eyJhbGciOi.abc',
      '/qr/card-token?x=1',
      '/no/such/page',
    ]) {
      const res = await get(url);
      expect([url, res.statusCode, res.headers['cache-control']]).toEqual([url, 200, 'no-cache']);
    }
  });

  it('leaves /api and /m to their owners: unknown paths there are not the portal', async () => {
    expect(JSON.parse((await get('/api/health')).body)).toEqual({ status: 'ok' });
    for (const url of ['/api/no-such-route', '/m/', '/m/pages/index']) {
      const res = await get(url);
      expect([url, res.statusCode]).toEqual([url, 404]);
      expect(res.body).not.toContain('网签平台');
    }
    expect((await get('/assets/missing-123.js')).statusCode).toBe(404);
  });

  it('still starts without a build, and / says how to build the portal', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'portal-missing-'));
    const bare = await portalServer(empty);
    try {
      const res = await bare.get('/');
      expect(res.statusCode).toBe(503);
      expect(res.body).toContain('npm run build:portal');
      expect(res.body).toContain('门户页面尚未构建');
      expect((await bare.get('/api/health')).statusCode).toBe(200);
    } finally {
      await bare.app.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
