import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { waitFor } from '@netsign/testing';
import fc from 'fast-check';
import pg from 'pg';
import {
  operationsOf,
  requestOf,
  type FuzzRequest,
  type OpenApiDoc,
} from './support/fuzz-arbitraries.js';
import { issueToken } from './support/tokens.js';
import { SCHOOL, startSigningWorld, TERMS, type SigningWorld } from './support/signing-world.js';

/**
 * Fuzzing the gateway from its OpenAPI document (GET /api/docs-json): for every operation and every
 * role, generated requests — valid, wrong types, missing and extra fields, huge and rare-CJK
 * strings, bad path parameters, wrong content types, malformed JSON and multipart. Pass: no 5xx,
 * none slower than 10 s, every error `{code, message}` without a stack trace or SQL; then nothing
 * half-written in the database.
 *
 * Seeded: the seed is printed; `FUZZ_SEED=<n>` replays a run (CI uses a fixed seed, so its run is
 * the same every time; elsewhere each run draws a new one). JSON strings with NUL bytes, JSON
 * nested thousands deep and malformed multipart bodies (the attacks of issue 12) are generated
 * too; `FUZZ_ISSUE12=0` leaves them out.
 */
const SEED = Number(
  process.env['FUZZ_SEED'] ?? (process.env['CI'] ? 20261130 : Date.now() % 2 ** 31),
);
const ISSUE_12 = process.env['FUZZ_ISSUE12'] !== '0';
const SAMPLES_PER_PAIR = 4;
const CONCURRENCY = 4;
const LIMIT_MS = 10_000;
const LEAKS = [
  /\bat \S+ \(/,
  /\.(ts|js):\d+/,
  /\bSELECT\b/i,
  /\bINSERT INTO\b/i,
  /\bUPDATE \w+ SET\b/i,
  /syntax error/i,
  /\brelation "/i,
  /violates .* constraint/i,
  /QueryFailedError|TypeError|ReferenceError/,
];

describe('fuzzing the gateway from its OpenAPI document', () => {
  let w: SigningWorld;
  let dir: string;
  let doc: OpenApiDoc;
  const roles: Record<string, string | undefined> = {};
  const known: Record<string, string[]> = {};

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fuzz-files-'));
    w = await startSigningWorld('fuzz', 8, { STORAGE_DIR: dir });
    const employer = await w.employer(1, true);
    const g = await w.graduate(1);
    const card = w.ok<{ token: string }>(
      await w.p.http('POST', '/api/me/qr-card', { token: g.token }),
    );
    const signed = w.ok<{ agreementId: string }>(
      await w.p.http('POST', '/api/agreements', {
        token: employer.token,
        body: {
          positionId: employer.positionId,
          graduate: (await w.graduate(2)).identity,
          terms: TERMS,
        },
      }),
    );
    Object.assign(roles, {
      anonymous: undefined,
      unbound: w.ok<{ accessToken: string }>(
        await w.p.http('POST', '/api/auth/wechat/login', { body: { code: 'code-fuzz-unbound' } }),
      ).accessToken,
      graduate: g.token,
      employer: employer.token,
      departmentStaff: await issueToken(w.p, {
        userId: 'fuzz-ds',
        role: 'DEPARTMENT_STAFF',
        schoolCode: SCHOOL,
        departmentCode: 'CS',
      }),
      counsellor: await issueToken(w.p, {
        userId: 'fuzz-co',
        role: 'COUNSELLOR',
        schoolCode: SCHOOL,
      }),
      schoolAdmin: w.schoolAdmin,
      provinceAdmin: w.admin,
    });
    Object.assign(known, {
      schoolCode: [SCHOOL],
      graduateId: [g.graduateId],
      agreementId: [signed.agreementId],
      id: [signed.agreementId],
      positionId: [employer.positionId],
      token: [card.token],
      service: ['identity', 'review'],
      day: [new Date().toISOString().slice(0, 10)],
    });
    doc = (await w.p.http('GET', '/api/docs-json')).body as OpenApiDoc;
  }, 120_000);
  afterAll(async () => {
    await w?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  }, 120_000);

  const send = async (method: string, r: FuzzRequest, token: string | undefined) => {
    const started = Date.now();
    const res = await fetch(`${w.p.url}${r.path}`, {
      method,
      headers: { ...r.headers, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: method === 'GET' || method === 'DELETE' ? undefined : (r.body as RequestInit['body']),
      signal: AbortSignal.timeout(LIMIT_MS + 5_000),
    });
    const text = await res.text();
    return {
      status: res.status,
      text,
      ms: Date.now() - started,
      type: res.headers.get('content-type') ?? '',
    };
  };

  it('answers ≥ 2,000 generated requests across every operation and role without a 5xx, a hang or a leak', async () => {
    console.log(
      `fuzz seed ${SEED} (replay: FUZZ_SEED=${SEED}); issue 12 kinds ${ISSUE_12 ? 'on' : 'off'}`,
    );
    const ops = operationsOf(doc);
    expect(ops.length).toBeGreaterThan(60);
    const failures: string[] = [];
    const kinds = new Map<string, number>();
    let sent = 0;
    let index = 0;
    for (const op of ops) {
      for (const [role, token] of Object.entries(roles)) {
        const requests = fc.sample(requestOf(doc, op, known, { issue12: ISSUE_12 }), {
          seed: SEED + index++,
          numRuns: SAMPLES_PER_PAIR,
        });
        for (let i = 0; i < requests.length; i += CONCURRENCY) {
          await Promise.all(
            requests.slice(i, i + CONCURRENCY).map(async (r) => {
              const what = `${op.method} ${r.path.slice(0, 120)} as ${role} [${r.kind}]`;
              kinds.set(r.kind.split('/').pop()!, (kinds.get(r.kind.split('/').pop()!) ?? 0) + 1);
              sent += 1;
              let res: Awaited<ReturnType<typeof send>>;
              try {
                res = await send(op.method, r, token);
              } catch (err) {
                failures.push(`${what}: no answer (${String(err)})`);
                return;
              }
              if (res.status >= 500)
                failures.push(`${what}: ${res.status} ${res.text.slice(0, 200)}`);
              if (res.ms > LIMIT_MS) failures.push(`${what}: took ${res.ms} ms`);
              if (res.status >= 400) {
                let body: any;
                try {
                  body = JSON.parse(res.text);
                } catch {
                  body = undefined;
                }
                if (typeof body?.code !== 'string' || typeof body?.message !== 'string')
                  failures.push(
                    `${what}: ${res.status} not {code, message}: ${res.text.slice(0, 200)}`,
                  );
                else if (LEAKS.some((re) => re.test(res.text)))
                  failures.push(
                    `${what}: ${res.status} leaks internals: ${res.text.slice(0, 300)}`,
                  );
              }
            }),
          );
        }
      }
    }
    console.log(
      `fuzz: ${sent} requests over ${ops.length} operations × ${Object.keys(roles).length} roles; kinds ${JSON.stringify(Object.fromEntries(kinds))}`,
    );
    expect(sent).toBeGreaterThanOrEqual(2_000);
    expect(failures.slice(0, 40)).toEqual([]);
  }, 600_000);

  it('leaves nothing half-written: agreements ↔ review tasks, terminations with materials, files on disk', async () => {
    const db = new pg.Client({ connectionString: w.p.env.databaseUrl });
    await db.connect();
    try {
      const count = async (sql: string) => Number((await db.query(sql)).rows[0].n);
      // Review learns of agreements from signing's events: wait until it has caught up.
      await waitFor(
        async () =>
          (await count(
            `SELECT count(*) AS n FROM signing.agreements a LEFT JOIN review.review_tasks t ON t.agreement_id = a.id WHERE t.id IS NULL`,
          )) === 0,
        { what: 'a review task for every agreement', timeoutMs: 60_000, intervalMs: 500 },
      );
      expect(await count(`SELECT count(*) AS n FROM signing.agreements`)).toBeGreaterThan(0);
      expect(
        await count(
          `SELECT count(*) AS n FROM review.review_tasks t LEFT JOIN signing.agreements a ON a.id = t.agreement_id WHERE a.id IS NULL`,
        ),
      ).toBe(0);
      expect(
        await count(
          `SELECT count(*) AS n FROM signing.agreements a WHERE NOT EXISTS (SELECT 1 FROM signing.agreement_history h WHERE h.agreement_id = a.id)`,
        ),
      ).toBe(0);
      // Decisions agree on both sides once the events are through.
      await waitFor(
        async () =>
          (await count(`SELECT count(*) AS n FROM signing.agreements a JOIN review.review_tasks t ON t.agreement_id = a.id
              WHERE (t.status = 'APPROVED' AND a.status NOT IN ('APPROVED', 'TERMINATED')) OR (t.status = 'REJECTED' AND a.status <> 'REJECTED')`)) ===
          0,
        { what: 'review decisions applied by signing', timeoutMs: 60_000, intervalMs: 500 },
      );
      expect(
        await count(
          `SELECT count(*) AS n FROM review.terminations t WHERE NOT EXISTS (SELECT 1 FROM review.termination_materials m WHERE m.termination_id = t.id)`,
        ),
      ).toBe(0);
      expect(
        await count(`SELECT count(*) AS n FROM review.stored_files f WHERE NOT EXISTS (SELECT 1 FROM review.termination_materials m WHERE m.file_id = f.id)
            AND NOT EXISTS (SELECT 1 FROM review.qualification_documents d WHERE d.file_id = f.id)`),
      ).toBe(0);
      for (const { storage_key: key } of (
        await db.query(`SELECT storage_key FROM review.stored_files`)
      ).rows) {
        expect((await stat(join(dir, key))).isFile()).toBe(true);
      }
    } finally {
      await db.end();
    }
  }, 120_000);
});
