import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TOKEN_ALGORITHM, TOKEN_AUDIENCE, TOKEN_ISSUER } from '@netsign/auth';
import { waitFor } from '@netsign/testing';
import { importPKCS8, SignJWT } from 'jose';
import { request as httpRequest } from 'node:http';
import type { DataSource } from 'typeorm';
import { SigningKeyCipher } from '../apps/identity/src/modules/auth/signing-key-cipher.js';
import {
  rosterRecord,
  SCHOOL,
  startSigningWorld,
  TERMS,
  type Employer,
  type SigningWorld,
} from './support/signing-world.js';
import { issueToken } from './support/tokens.js';

/**
 * Issue 12, sessions and limits: the stored token-signing key, token lifetimes, QR cards after a
 * binding release, binding limits that cannot lock a graduate out, and what an unbound WeChat
 * session may do — each attack replayed through the gateway.
 */
const LOGIN_LIMIT_PER_ADDRESS = 40;

describe('hardening: keys, sessions, QR cards and binding limits', () => {
  let w: SigningWorld;
  let employer: Employer;
  const identityDb = () => w.p.services.get('identity')!.dataSource as DataSource;
  const wxLogin = async (openId: string) =>
    w.ok<{ accessToken: string }>(
      await w.p.http('POST', '/api/auth/wechat/login', { body: { code: `code-${openId}` } }),
    ).accessToken;
  const bind = (token: string, i: number, idNumber = rosterRecord(i).idNumber) =>
    w.p.http('POST', '/api/auth/wechat/bind', {
      token,
      body: {
        schoolCode: SCHOOL,
        name: rosterRecord(i).name,
        studentNo: rosterRecord(i).studentNo,
        idNumber,
      },
    });
  const wrongId = (i: number) => rosterRecord(i + 500).idNumber;

  beforeAll(async () => {
    w = await startSigningWorld(
      'hardening_sessions',
      60,
      {},
      {
        gatewayVars: {
          BIND_MISMATCH_LIMIT_PER_RECORD_PER_HOUR: '3',
          LOGIN_LIMIT_PER_ADDRESS: String(LOGIN_LIMIT_PER_ADDRESS),
        },
      },
    );
    employer = await w.employer(1, true);
  }, 180_000);
  afterAll(async () => {
    await w?.close();
  }, 60_000);

  describe('4. the token-signing key', () => {
    /** What an attacker with a database dump and the development key would sign with. */
    const storedKey = async () => {
      const [row] = (await identityDb().query(
        `SELECT private_key_enc, enc_key_id FROM signing_keys WHERE retired_at IS NULL`,
      )) as Array<{
        private_key_enc: string;
        enc_key_id: string;
      }>;
      const pem = SigningKeyCipher.fromEnv({
        SIGNING_KEY_ENCRYPTION_KEY: Buffer.alloc(32, 13).toString('base64'),
      }).decrypt({
        ciphertext: row!.private_key_enc,
        keyId: row!.enc_key_id,
      });
      return importPKCS8(pem, TOKEN_ALGORITHM);
    };
    const forge = async (claims: { role: string }, iat: number, exp: number) => {
      const [{ kid: keyId }] = (await identityDb().query(
        `SELECT kid FROM signing_keys WHERE retired_at IS NULL`,
      )) as Array<{ kid: string }>;
      return new SignJWT(claims)
        .setProtectedHeader({ alg: TOKEN_ALGORITHM, kid: keyId })
        .setSubject('attacker')
        .setIssuer(TOKEN_ISSUER)
        .setAudience(TOKEN_AUDIENCE)
        .setIssuedAt(iat)
        .setExpirationTime(exp)
        .sign(await storedKey());
    };

    it('is stored encrypted: no PEM in any row of identity.signing_keys', async () => {
      const rows = (await identityDb().query(
        `SELECT to_jsonb(k)::text AS row FROM signing_keys k`,
      )) as Array<{ row: string }>;
      expect(rows.length).toBeGreaterThan(0);
      for (const { row } of rows) {
        expect(row).not.toMatch(/PRIVATE KEY|MC4CAQAwBQYDK2Vw/); // PEM armour, or the Ed25519 PKCS#8 prefix in base64
        expect(JSON.parse(row)).not.toHaveProperty('private_pem');
      }
    });

    it('refuses a token living longer than TOKEN_MAX_LIFETIME_SECONDS, or issued in the future, even when the key signed it', async () => {
      const now = Math.floor(Date.now() / 1000);
      // The control: with the key, a token of an ordinary lifetime passes (so the refusals below
      // are the lifetime's, not a bad signature's).
      const ordinary = await forge({ role: 'PROVINCE_ADMIN' }, now, now + 3_600);
      expect((await w.p.http('GET', '/api/dispatch/records', { token: ordinary })).status).toBe(
        200,
      );

      const tenYears = await forge({ role: 'PROVINCE_ADMIN' }, now, now + 10 * 365 * 86_400);
      const overADay = await forge({ role: 'PROVINCE_ADMIN' }, now - 60, now + 86_400);
      const redated = await forge(
        { role: 'PROVINCE_ADMIN' },
        now + 365 * 86_400,
        now + 365 * 86_400 + 3_600,
      );
      for (const token of [tenYears, overADay, redated]) {
        const res = await w.p.http('GET', '/api/dispatch/records', { token });
        expect([res.status, res.body.code]).toEqual([401, 'UNAUTHENTICATED']);
      }
    });
  });

  describe('5. QR cards', () => {
    it('voids the cards issued before a binding release, and the earlier cards when a new one is issued', async () => {
      const g = await w.graduate(1);
      const card = async (token: string) =>
        w.ok<{ token: string }>(await w.p.http('POST', '/api/me/qr-card', { token })).token;
      const signWith = (cardToken: string) =>
        w.p.http('POST', `/api/qr-cards/${cardToken}/agreements`, {
          token: employer.token,
          body: { positionId: employer.positionId, terms: TERMS },
        });

      const first = await card(g.token);
      const second = await card(g.token);
      const stale = await w.p.http('GET', `/api/qr-cards/${first}`, { token: employer.token });
      expect([stale.status, stale.body.code]).toEqual([410, 'QR_CARD_EXPIRED']);
      expect(
        (await w.p.http('GET', `/api/qr-cards/${second}`, { token: employer.token })).status,
      ).toBe(200);

      w.ok(
        await w.p.http(
          'DELETE',
          `/api/schools/${SCHOOL}/graduates/${g.graduateId}/wechat-binding`,
          { token: w.schoolAdmin },
        ),
      );
      await waitFor(
        async () =>
          (await w.p.http('GET', `/api/qr-cards/${second}`, { token: employer.token })).status ===
          410,
        {
          what: 'signing voided the card after the binding release',
        },
      );
      const signed = await signWith(second);
      expect([signed.status, signed.body.code]).toEqual([410, 'QR_CARD_EXPIRED']);
      expect(signed.body.message).toBe('二维码名片已失效，请毕业生重新生成');

      // The graduate binds again (a new phone) and their new card works.
      const rebound = w.ok<{ accessToken: string }>(
        await bind(await wxLogin('new-phone-1'), 1),
      ).accessToken;
      expect((await signWith(await card(rebound))).status).toBe(201);
    });
  });

  describe('6. binding limits', () => {
    it('checks the role before the limit: staff get 403, never 429', async () => {
      const staff = await issueToken(w.p, {
        userId: 'staff-x',
        role: 'DEPARTMENT_STAFF',
        schoolCode: SCHOOL,
        departmentCode: 'CS',
      });
      const statuses = [];
      for (let i = 0; i < 8; i++) statuses.push((await bind(staff, 2, wrongId(2))).status);
      expect(statuses).toEqual(Array(8).fill(403));
    });

    it('lets the graduate bind after a stranger failed on their record from one session and from many', async () => {
      const stranger = await wxLogin('stranger-1');
      const tries = [];
      for (let i = 0; i < 6; i++) tries.push((await bind(stranger, 3, wrongId(3))).status);
      // Three mismatches on the record answer 422; past BIND_MISMATCH_LIMIT_PER_RECORD_PER_HOUR (3
      // here) 429.
      expect(tries).toEqual([422, 422, 422, 429, 429, 429]);
      // Other strangers' sessions: the record refuses their mismatches too.
      for (let s = 2; s <= 4; s++) {
        const res = await bind(await wxLogin(`stranger-${s}`), 3, wrongId(3));
        expect([res.status, res.body.code]).toEqual([429, 'RATE_LIMITED']);
      }
      // The graduate's own, correct binding from a new session is never refused by the record's limit.
      const own = await bind(await wxLogin('graduate-3'), 3);
      expect(own.status).toBe(200);
      expect(own.body.graduate.studentNo).toBe('S3');
    });

    it('limits one WeChat session however many records it tries', async () => {
      const session = await wxLogin('stranger-many');
      const tries = [];
      for (let i = 10; i < 21; i++) tries.push((await bind(session, i, wrongId(i))).status);
      // BIND_LIMIT_PER_SESSION: 10 a minute.
      expect(tries).toEqual([...Array<number>(10).fill(422), 429]);
      const limited = await bind(session, 21, wrongId(21));
      expect(limited.body).toMatchObject({
        code: 'RATE_LIMITED',
        details: { retryAfterSeconds: expect.any(Number) },
      });
    });

    it('lets a whole campus behind one NAT address log in and bind in the same minute (defaults)', async () => {
      const statuses: number[] = [];
      for (let i = 22; i < 60; i++)
        statuses.push((await bind(await wxLogin(`campus-${i}`), i)).status);
      expect(statuses).toEqual(Array(38).fill(200)); // the fixed per-address limit was 30 a minute
    });

    it('takes the per-address login limit from LOGIN_LIMIT_PER_ADDRESS', async () => {
      // From an address of its own (127.0.0.2), so no earlier request shares the counter.
      const statuses: number[] = [];
      for (let i = 0; i <= LOGIN_LIMIT_PER_ADDRESS; i++) {
        statuses.push(
          await postFrom('127.0.0.2', `${w.p.url}/api/auth/login`, {
            username: `nobody-${i}`,
            password: 'wrong-password',
          }),
        );
      }
      // The per-account limit (10) is not reached: each guess names another account.
      expect(statuses).toEqual([...Array<number>(LOGIN_LIMIT_PER_ADDRESS).fill(401), 429]);
    });
  });

  describe('9. an unbound WeChat session', () => {
    it('may only bind: listing positions is for platform users (docs/api-additions.md)', async () => {
      const unbound = await wxLogin('just-looking');
      const refused = await w.p.http('GET', '/api/positions', { token: unbound });
      expect([refused.status, refused.body.code]).toEqual([403, 'FORBIDDEN']);
      const graduate = await w.graduate(5);
      const listed = await w.p.http('GET', '/api/positions', { token: graduate.token });
      expect(listed.status).toBe(200);
      expect(listed.body.total).toBeGreaterThan(0);
      // Its own profile stays readable (the mini-program shows "not bound yet").
      expect((await w.p.http('GET', '/api/me', { token: unbound })).status).toBe(200);
    });
  });
});

/** A JSON POST from a chosen local address (any 127.x.y.z is this machine). */
function postFrom(localAddress: string, url: string, body: object): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      { method: 'POST', localAddress, headers: { 'content-type': 'application/json' } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}
