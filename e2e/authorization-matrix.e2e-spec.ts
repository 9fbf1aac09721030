import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  AUTHORIZATION_MATRIX,
  canonicalRoute,
  outcomesOf,
  type MatrixRow,
  type Outcome,
} from './support/authorization-matrix.js';
import { routesFromTree } from './support/fastify-routes.js';
import {
  ACTORS,
  startMatrixWorld,
  type Actor,
  type Fixture,
  type MatrixWorld,
} from './support/matrix-world.js';

/**
 * Walks the authorisation matrix (e2e/support/authorization-matrix.ts) against the real system:
 * every /api route × every role and relationship, each answer compared with the table; and fails
 * when the gateway serves an /api route the table does not list (or the table lists one it does
 * not serve).
 */
/** Requests at once: enough to be quick, few enough for a shared Postgres's connection limit. */
const CONCURRENCY = 4;

describe('authorisation matrix', () => {
  let m: MatrixWorld;
  let storageDir: string;
  beforeAll(async () => {
    storageDir = await mkdtemp(join(tmpdir(), 'authz-matrix-files-'));
    m = await startMatrixWorld(storageDir);
  }, 180_000);
  afterAll(async () => {
    await m?.close();
    if (storageDir) await rm(storageDir, { recursive: true, force: true });
  }, 180_000);

  const send = async (row: MatrixRow, actor: Actor, fixture: Fixture) => {
    const [method, route] = row.route.split(' ') as [string, string];
    const req = row.request ? await row.request(fixture, m, actor) : { path: route };
    const token = m.tokens[actor];
    const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
    let body: string | FormData | undefined;
    if ('form' in req && req.form) body = req.form;
    else if (req.body !== undefined) {
      body = JSON.stringify(req.body);
      headers['content-type'] = 'application/json';
    }
    const res = await fetch(`${m.w.p.url}${req.path}`, { method, headers, body });
    const text = await res.text();
    let json: any;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, body: json };
  };
  /** A fresh fixture; made again if a busy machine timed a step out (a half-made one is never used). */
  const freshly = async (kind: NonNullable<MatrixRow['fresh']>): Promise<Partial<Fixture>> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await m.fresh[kind]();
      } catch (err) {
        if (attempt === 3 || !String(err).includes('503')) throw err;
      }
    }
  };
  const matches = (expected: Outcome, status: number) =>
    expected === 'ok' ? status >= 200 && status < 300 : status === expected;
  const REFUSAL_CODES: Record<number, string[]> = {
    401: ['UNAUTHENTICATED'],
    403: ['FORBIDDEN'],
    404: ['NOT_FOUND', 'VERIFICATION_INVALID'],
  };

  it('answers every route × role × relationship as the table says', async () => {
    const differences: string[] = [];
    let cells = 0;
    for (const row of AUTHORIZATION_MATRIX) {
      const outcomes = outcomesOf(row);
      // Fresh things first, one at a time (the machine may be busy); then the actors, a few at once.
      const fixtures = new Map<Actor, Fixture>();
      for (const actor of ACTORS) {
        if (row.fresh && outcomes[actor] === 'ok')
          fixtures.set(actor, { ...m.shared, ...(await freshly(row.fresh)) });
      }
      const results: Array<{
        actor: Actor;
        expected: Outcome;
        res: { status: number; body: any };
      }> = [];
      for (let i = 0; i < ACTORS.length; i += CONCURRENCY) {
        results.push(
          ...(await Promise.all(
            ACTORS.slice(i, i + CONCURRENCY).map(async (actor) => ({
              actor,
              expected: outcomes[actor],
              res: await send(row, actor, fixtures.get(actor) ?? m.shared),
            })),
          )),
        );
      }
      for (const { actor, expected, res } of results) {
        cells += 1;
        if (!matches(expected, res.status)) {
          differences.push(
            `${row.route} as ${actor}: expected ${expected}, got ${res.status} ${JSON.stringify(res.body)?.slice(0, 160)}`,
          );
        } else if (res.status >= 400) {
          // Every refusal in the contract's shape, in Chinese, with the code of its status.
          const codes = REFUSAL_CODES[res.status];
          const shaped =
            typeof res.body?.code === 'string' &&
            /[\u4e00-\u9fff]/u.test(res.body?.message ?? '') &&
            (!codes || codes.includes(res.body.code));
          if (!shaped)
            differences.push(
              `${row.route} as ${actor}: ${res.status} body ${JSON.stringify(res.body)?.slice(0, 160)}`,
            );
        }
      }
    }
    expect(differences).toEqual([]);
    expect(cells).toBe(AUTHORIZATION_MATRIX.length * ACTORS.length);
  }, 300_000);

  it('lists every /api route the gateway serves, and no route it does not serve', () => {
    const tree = m.w.p.gateway.getHttpAdapter().getInstance().printRoutes({ commonPrefix: false });
    const served = routesFromTree(tree).filter((r) => r.split(' ')[1]!.startsWith('/api'));
    expect(served.length).toBeGreaterThan(60);
    const listed = AUTHORIZATION_MATRIX.map((r) => canonicalRoute(r.route));
    expect(new Set(listed).size).toBe(listed.length); // no route twice
    const missing = served.filter((r) => !listed.includes(canonicalRoute(r)));
    const stale = AUTHORIZATION_MATRIX.map((r) => r.route).filter(
      (r) => !served.map(canonicalRoute).includes(canonicalRoute(r)),
    );
    expect({ missing, stale }).toEqual({ missing: [], stale: [] });
  });
});
