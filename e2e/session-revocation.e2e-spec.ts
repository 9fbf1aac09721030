import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { waitFor } from '@netsign/testing';
import {
  SCHOOL,
  startSigningWorld,
  type Employer,
  type Graduate,
  type SigningWorld,
} from './support/signing-world.js';

/**
 * What a revocation ends is a session version (the WeChat binding's), not "every token issued
 * before second T": a graduate whose binding the school released binds again at once, and the new
 * binding's tokens work on every route a graduate may use — even when issued in the very second of
 * the release — while the released binding's tokens are refused everywhere.
 */
describe('re-binding right after a release', () => {
  let w: SigningWorld;
  let employer: Employer;
  beforeAll(async () => {
    w = await startSigningWorld('session-revocation', 6);
    employer = await w.employer(1, true);
  }, 120_000);
  afterAll(async () => {
    await w?.close();
  });

  const iatOf = (token: string): number =>
    (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { iat: number }).iat;

  /** Every route a bound graduate may call, each answering below 400 for a working session. */
  const graduateRoutes = (positionId: string): Array<[string, string, unknown?]> => [
    ['GET', '/api/me'],
    ['GET', '/api/me/notifications'],
    ['PUT', '/api/me/resume', { summary: '后端开发，熟悉 Node.js 与 PostgreSQL' }],
    ['GET', '/api/positions'],
    ['POST', `/api/positions/${positionId}/applications`, {}],
    ['GET', '/api/applications'],
    ['GET', '/api/signing-offers'],
    ['POST', '/api/me/qr-card'],
    ['GET', '/api/agreements'],
    ['GET', '/api/terminations'],
  ];

  /** Waits for the next second to begin, so a release and a bind fit in one second. */
  const startOfSecond = async () => {
    const wait = 1000 - (Date.now() % 1000);
    await new Promise((r) => setTimeout(r, wait + 5));
  };

  const releaseAndRebind = async (g: Graduate, code: string) => {
    const started = Date.now();
    const second = Math.floor(started / 1000);
    const released = await w.p.http(
      'DELETE',
      `/api/schools/${SCHOOL}/graduates/${g.graduateId}/wechat-binding`,
      {
        token: w.schoolAdmin,
      },
    );
    expect(released.body).toEqual({ released: true });
    const login = w.ok<{ accessToken: string; bound: boolean }>(
      await w.p.http('POST', '/api/auth/wechat/login', { body: { code } }),
    );
    const bound = w.ok<{ accessToken: string }>(
      await w.p.http('POST', '/api/auth/wechat/bind', {
        token: login.accessToken,
        body: g.identity,
      }),
    );
    if (process.env['DEBUG_REBIND'])
      console.log(`release + re-bind took ${Date.now() - started} ms`);
    return { token: bound.accessToken, sameSecond: iatOf(bound.accessToken) === second };
  };

  it('refuses the released binding’s token on every route; the new binding’s works on every route at once', async () => {
    const g = await w.graduate(1);
    const routes = graduateRoutes(employer.positionId);
    const resume = await w.p.http('PUT', '/api/me/resume', {
      token: g.token,
      body: { summary: '旧简历' },
    });
    expect(resume.status).toBeLessThan(400);

    // The same phone (same openid) binds again at once: in the second of the release (the case
    // whole-second revocation refused), tried a few times in case a busy machine spills over.
    let rebound = { token: '', sameSecond: false };
    for (let attempt = 0; attempt < 5 && !rebound.sameSecond; attempt++) {
      await startOfSecond();
      rebound = await releaseAndRebind(g, 'code-og1');
    }
    expect(rebound.sameSecond).toBe(true);
    await waitFor(
      async () => (await w.p.http('GET', '/api/agreements', { token: g.token })).status === 401,
      {
        what: 'released session refused',
      },
    );
    for (const [method, path, body] of routes) {
      const old = await w.p.http(method, path, { token: g.token, body });
      expect([method, path, old.status, old.body.code]).toEqual([
        method,
        path,
        401,
        'UNAUTHENTICATED',
      ]);
    }
    for (const [method, path, body] of routes) {
      const res = await w.p.http(method, path, { token: rebound.token, body });
      expect([method, path, res.status < 400 ? 'ok' : res.body]).toEqual([method, path, 'ok']);
    }
    // A mini-program login of the new binding, in the same second or later, works too.
    const again = w.ok<{ accessToken: string; bound: boolean }>(
      await w.p.http('POST', '/api/auth/wechat/login', { body: { code: 'code-og1' } }),
    );
    expect(again.bound).toBe(true);
    expect((await w.p.http('GET', '/api/agreements', { token: again.accessToken })).status).toBe(
      200,
    );
  });

  it('ends each binding in turn: a second release refuses the first re-binding’s tokens, not the next one’s', async () => {
    const g = await w.graduate(2);
    await startOfSecond();
    const first = await releaseAndRebind(g, 'code-newphone2');
    expect((await w.p.http('GET', '/api/me', { token: first.token })).status).toBe(200);
    const second = await releaseAndRebind({ ...g, token: first.token }, 'code-og2');
    await waitFor(
      async () => (await w.p.http('GET', '/api/agreements', { token: first.token })).status === 401,
      {
        what: 'first re-binding refused',
      },
    );
    expect((await w.p.http('GET', '/api/agreements', { token: g.token })).status).toBe(401);
    expect((await w.p.http('GET', '/api/me', { token: first.token })).status).toBe(401);
    expect((await w.p.http('GET', '/api/agreements', { token: second.token })).status).toBe(200);
    expect((await w.p.http('GET', '/api/me', { token: second.token })).status).toBe(200);
    // Another graduate's session never notices.
    const other = await w.graduate(3);
    expect((await w.p.http('GET', '/api/agreements', { token: other.token })).status).toBe(200);
  });
});
