import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GENESIS_HASH, verifyAuditChains, type AuditVerification } from '@netsign/audit-chain';
import {
  AUDIT_ANCHOR_COMMANDS,
  AUDITED_SERVICES,
  graduateIdNumber,
  type AuditAnchor,
  type Principal,
} from '@netsign/contracts';
import { BusClient, BusNames, connectNats, type NatsConnection } from '@netsign/messaging';
import { waitFor } from '@netsign/testing';
import {
  SCHOOL,
  startSigningWorld,
  TERMS,
  type Employer,
  type Graduate,
  type SigningWorld,
} from './support/signing-world.js';

const run = promisify(execFile);
const pdf = (text: string) => Buffer.from(`%PDF-1.7\n${text}\n%%EOF\n`);

/**
 * Tamper-evident history (docs/audit-chain.md) on the whole system: real state changes through
 * the gateway write chained audit entries in identity, signing, review and printing; each service
 * anchors its chain heads and dispatch-sync keeps the anchors; the verifier (as a function and as
 * `npm run audit:verify`) finds everything intact, then names the one audit row edited with SQL.
 */
describe('tamper-evident audit history', () => {
  let w: SigningWorld;
  let nc: NatsConnection;
  let bus: BusClient;
  let storageDir: string;
  let employer: Employer;
  let g1: Graduate;
  let g2: Graduate;
  let g3: Graduate;
  let counsellor: string;
  let terminated: string;
  let rejected: string;
  const http = (method: string, path: string, token?: string, body?: unknown) =>
    w.p.http(method, path, { token, body });
  const db = (sql: string, params: unknown[] = []) =>
    w.p.services.get('dispatch-sync')!.dataSource.query(sql, params);
  const ctx = (principal: Principal) => ({ principal, correlationId: `audit-e2e-${Date.now()}` });
  const verify = () => verifyAuditChains({ databaseUrl: w.p.env.databaseUrl });
  const npmVerify = async (): Promise<{ code: number; stdout: string }> => {
    try {
      const { stdout } = await run('npm', ['run', '--silent', 'audit:verify'], {
        env: { ...process.env, DATABASE_URL: w.p.env.databaseUrl },
        timeout: 120_000,
      });
      return { code: 0, stdout };
    } catch (err) {
      const e = err as { code?: number; stdout?: string; stderr?: string };
      return {
        code: typeof e.code === 'number' ? e.code : -1,
        stdout: `${e.stdout ?? ''}${e.stderr ?? ''}`,
      };
    }
  };
  const sign = async (g: Graduate) =>
    w.ok<{ agreementId: string }>(
      await http('POST', '/api/agreements', employer.token, {
        positionId: employer.positionId,
        graduate: g.identity,
        terms: TERMS,
      }),
    ).agreementId;
  const status = async (id: string) =>
    (await http('GET', `/api/agreements/${id}`, w.admin)).body.status;
  const reviewTask = (agreementId: string) =>
    waitFor(async () =>
      (await http('GET', '/api/review-tasks?pageSize=100', w.schoolAdmin)).body.items?.find(
        (t: any) => t.agreementId === agreementId,
      ),
    );
  const apply = async (token: string, agreementId: string) => {
    const form = new FormData();
    form.append('agreementId', agreementId);
    form.append('reason', '考取研究生');
    form.append('materials', new Blob([new Uint8Array(pdf('admission'))]), '录取通知.pdf');
    const res = await fetch(`${w.p.url}/api/terminations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: string }).id;
  };
  /** Every audited service anchors now (the command operators and tests use); dispatch-sync keeps each. */
  const anchorAll = async (): Promise<AuditAnchor[]> => {
    const province = ctx({ userId: 'admin', role: 'PROVINCE_ADMIN' });
    const anchors = await Promise.all(
      AUDITED_SERVICES.map((s) => bus.request(AUDIT_ANCHOR_COMMANDS[s], {}, province)),
    );
    await waitFor(
      async () => {
        const kept = (await db(
          `SELECT service, max(sequence) AS sequence FROM audit_anchors GROUP BY service`,
        )) as Array<{ service: string; sequence: number }>;
        return anchors.every((a) =>
          kept.some((k) => k.service === a.service && k.sequence === a.sequence),
        );
      },
      { what: 'anchors kept by dispatch-sync' },
    );
    return anchors;
  };

  beforeAll(async () => {
    w = await startSigningWorld('auditchain', 6, { BOOTSTRAP_ADMIN_PASSWORD: 'province-secret-1' });
    storageDir = await mkdtemp(join(tmpdir(), 'audit-files-'));
    w.p.env.vars['STORAGE_DIR'] = storageDir;
    await w.p.stopService('review');
    await w.p.startService('review');
    nc = await connectNats(w.p.env.vars['NATS_URL']!, 'audit-chain-e2e');
    bus = new BusClient(nc, new BusNames(w.p.env.busPrefix), 20_000);
    employer = await w.employer(1, true);
    [g1, g2, g3] = [await w.graduate(1), await w.graduate(2), await w.graduate(3)];
    w.ok(
      await http('POST', `/api/schools/${SCHOOL}/staff`, w.schoolAdmin, {
        username: 'counsellor-audit',
        password: 'counsellor-pass',
        role: 'COUNSELLOR',
        graduateIds: [g1.graduateId],
      }),
    );
    counsellor = w.ok<{ accessToken: string }>(
      await http('POST', '/api/auth/login', undefined, {
        username: 'counsellor-audit',
        password: 'counsellor-pass',
      }),
    ).accessToken;
  }, 180_000);

  afterAll(async () => {
    await nc?.close();
    await w?.close();
    if (storageDir) await rm(storageDir, { recursive: true, force: true });
  }, 120_000);

  it('signs, reviews and terminates through the gateway; every chain verifies and every anchor matches the one dispatch-sync kept', async () => {
    terminated = await sign(g1);
    await reviewTask(terminated);
    w.ok(
      await http('POST', `/api/agreements/${terminated}/review`, w.schoolAdmin, {
        decision: 'APPROVE',
      }),
    );
    await waitFor(async () => (await status(terminated)) === 'APPROVED');
    const termination = await apply(g1.token, terminated);
    w.ok(
      await http('POST', `/api/terminations/${termination}/decision`, counsellor, {
        decision: 'AGREE',
        reason: '材料齐全',
      }),
    );
    await waitFor(async () => (await status(terminated)) === 'TERMINATED');
    rejected = await sign(g2);
    await reviewTask(rejected);
    w.ok(
      await http('POST', `/api/agreements/${rejected}/review`, w.schoolAdmin, {
        decision: 'REJECT',
        reason: '信息有误',
      }),
    );
    await waitFor(async () => (await status(rejected)) === 'REJECTED');

    // What each service chained, as the agreement's history shows it and as its tables hold it.
    expect(
      (await http('GET', `/api/agreements/${terminated}`, w.admin)).body.history.map(
        (h: any) => h.to,
      ),
    ).toEqual(['PENDING_REVIEW', 'APPROVED', 'TERMINATED']);
    const history = (await db(
      `SELECT seq, prev_hash, hash, to_status FROM signing.agreement_history WHERE agreement_id = $1 ORDER BY seq`,
      [terminated],
    )) as Array<{
      seq: number;
      prev_hash: string;
      hash: string;
      to_status: string;
    }>;
    expect(history.map((h) => [h.seq, h.to_status])).toEqual([
      [1, 'PENDING_REVIEW'],
      [2, 'APPROVED'],
      [3, 'TERMINATED'],
    ]);
    expect(history[0]!.prev_hash).toBe(GENESIS_HASH);
    expect(history[1]!.prev_hash).toBe(history[0]!.hash);
    expect(history[2]!.prev_hash).toBe(history[1]!.hash);
    const destinations = (await db(
      `SELECT seq, to_value FROM signing.destination_changes WHERE graduate_id = $1 ORDER BY seq`,
      [g1.graduateId],
    )) as Array<{ seq: number; to_value: string }>;
    expect(destinations).toEqual([
      { seq: 1, to_value: 'SIGNED_ONLINE' },
      { seq: 2, to_value: 'AWAITING_EMPLOYMENT' },
    ]);
    const reviewLog = (await db(
      `SELECT aggregate_type, action, actor->>'role' AS role FROM review.audit_log ORDER BY aggregate_type, aggregate_id, seq`,
    )) as Array<{
      aggregate_type: string;
      action: string;
      role: string | null;
    }>;
    expect(
      reviewLog.filter((r) => r.aggregate_type === 'termination').map((r) => [r.action, r.role]),
    ).toEqual([
      ['TERMINATION_APPLIED', 'GRADUATE'],
      ['TERMINATION_AGREED', 'COUNSELLOR'],
    ]);
    expect(
      reviewLog
        .filter((r) => r.aggregate_type === 'review-task')
        .map((r) => r.action)
        .sort(),
    ).toEqual(['TASK_APPROVED', 'TASK_OPENED', 'TASK_OPENED', 'TASK_REJECTED']);
    const identityLog = (await db(
      `SELECT subject_type, action, seq FROM identity.audit_log WHERE action IN ('PROVINCE_ADMIN_BOOTSTRAPPED', 'STAFF_CREATED', 'WECHAT_BOUND') ORDER BY id`,
    )) as Array<{ action: string }>;
    expect(identityLog.map((r) => r.action)).toEqual([
      'PROVINCE_ADMIN_BOOTSTRAPPED',
      'WECHAT_BOUND',
      'WECHAT_BOUND',
      'WECHAT_BOUND',
      'STAFF_CREATED',
    ]);
    await waitFor(
      async () =>
        (
          (await db(`SELECT 1 FROM printing.print_history WHERE agreement_id = $1`, [
            terminated,
          ])) as unknown[]
        ).length > 0,
      { what: 'print history' },
    );

    const anchors = await anchorAll();
    for (const a of anchors)
      expect(a).toMatchObject({
        sequence: 1,
        chains: expect.any(Number),
        root: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
    const result: AuditVerification = await verify();
    expect(result.broken).toEqual([]);
    expect(result.services.map((s) => s.service).sort()).toEqual([...AUDITED_SERVICES].sort());
    for (const s of result.services) expect(s.entries).toBeGreaterThan(0);
    expect(result.anchors.map((a) => [a.service, a.status])).toEqual(
      expect.arrayContaining(AUDITED_SERVICES.map((s) => [s, 'OK'])),
    );
    expect(result.ok).toBe(true);

    const cli = await npmVerify();
    expect(cli.code).toBe(0);
    expect(cli.stdout).toMatch(
      new RegExp(
        `summary: 4 services, ${result.chains} chains, \\d+ entries, 0 broken, 0 anchor mismatches — intact`,
      ),
    );
  }, 240_000);

  it('keeps one chain under parallel appends: sixteen ID-number reads of one graduate at once', async () => {
    const service = ctx({ userId: 'dispatch-sync', role: 'SERVICE' });
    await Promise.all(
      Array.from({ length: 16 }, () =>
        bus.request(graduateIdNumber, { graduateId: g3.graduateId, purpose: 'DISPATCH' }, service),
      ),
    );
    const chain = (await db(
      `SELECT seq, prev_hash, hash, action FROM identity.audit_log WHERE subject_type = 'graduate' AND subject_id = $1 ORDER BY seq`,
      [g3.graduateId],
    )) as Array<{ seq: number; prev_hash: string; hash: string; action: string }>;
    expect(chain.filter((e) => e.action === 'ID_NUMBER_READ')).toHaveLength(16);
    expect(chain.map((e) => e.seq)).toEqual(chain.map((_, i) => i + 1));
    chain.forEach((e, i) => expect(e.prev_hash).toBe(i === 0 ? GENESIS_HASH : chain[i - 1]!.hash));
    const [head] = (await db(
      `SELECT seq, hash FROM identity.audit_chain_heads WHERE aggregate_type = 'graduate' AND aggregate_id = $1`,
      [g3.graduateId],
    )) as Array<{
      seq: number;
      hash: string;
    }>;
    expect(head).toEqual({ seq: chain.length, hash: chain[chain.length - 1]!.hash });
    expect((await verify()).broken).toEqual([]);
  }, 120_000);

  it('names exactly the service, aggregate and sequence of one audit row edited with SQL', async () => {
    await anchorAll();
    const [original] = (await db(
      `SELECT actor FROM signing.agreement_history WHERE agreement_id = $1 AND seq = 2`,
      [terminated],
    )) as Array<{ actor: unknown }>;
    await db(
      `UPDATE signing.agreement_history SET actor = '{"userId": "someone-else", "role": "SCHOOL_ADMIN"}' WHERE agreement_id = $1 AND seq = 2`,
      [terminated],
    );

    const result = await verify();
    expect(result.ok).toBe(false);
    expect(result.broken).toEqual([
      {
        service: 'signing',
        aggregateType: 'agreement',
        aggregateId: terminated,
        seq: 2,
        kind: 'HASH',
        expected: expect.stringMatching(/^[0-9a-f]{64}$/),
        stored: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
    ]);
    // The anchor dispatch-sync kept covered that entry: signing's no longer matches, the others do.
    expect(
      result.anchors.filter((a) => a.status !== 'OK').map((a) => [a.service, a.status]),
    ).toEqual([['signing', 'MISMATCH']]);

    const cli = await npmVerify();
    expect(cli.code).toBe(2);
    expect(cli.stdout).toContain(`BROKEN signing agreement/${terminated} seq 2 (HASH)`);
    expect(cli.stdout).toContain('ANCHOR MISMATCH signing');
    expect(cli.stdout).toMatch(
      /summary: 4 services, \d+ chains, \d+ entries, 1 broken, 1 anchor mismatches — TAMPERED/,
    );

    // Put back as it was, everything verifies again.
    await db(
      `UPDATE signing.agreement_history SET actor = $2 WHERE agreement_id = $1 AND seq = 2`,
      [terminated, JSON.stringify(original!.actor)],
    );
    expect((await verify()).ok).toBe(true);
  }, 180_000);
});
