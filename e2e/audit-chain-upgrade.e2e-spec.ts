import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GENESIS_HASH, verifyAuditChains } from '@netsign/audit-chain';
import { loadEnv } from '@netsign/config';
import type { AuditedService } from '@netsign/contracts';
import { createServiceDataSource, migrateServiceSchema, schemaNameOf } from '@netsign/persistence';
import { migrationsOf } from '@netsign/runtime';
import { createTestEnv, type TestEnv } from '@netsign/testing';
import type { DataSource } from 'typeorm';
import { SERVICE_DEFINITIONS } from './support/service-definitions.js';

/**
 * An upgraded database: each audited service's schema at the migration before the chain, holding
 * audit rows written the old way (microsecond times from now(), null actors, interleaved
 * aggregates), then the chain migration. The rows are chained in the order they were written and
 * the verifier finds every chain intact.
 */
const A1 = '11111111-1111-4111-8111-111111111111';
const A2 = '22222222-2222-4222-8222-222222222222';

const legacy: Record<AuditedService, (ds: DataSource) => Promise<void>> = {
  identity: async (ds) => {
    const rows: Array<
      [string | null, string | null, string, string, string, unknown, unknown, string | null]
    > = [
      [null, null, 'PROVINCE_ADMIN_BOOTSTRAPPED', 'user', 'admin', undefined, undefined, null],
      [
        'admin',
        'PROVINCE_ADMIN',
        'SCHOOL_CREATED',
        'school',
        '10357',
        undefined,
        { code: '10357', name: '安徽大学' },
        null,
      ],
      [
        'g-1',
        'WECHAT_UNBOUND',
        'WECHAT_BOUND',
        'graduate',
        'g-1',
        { wechatOpenId: null },
        { wechatOpenId: 'o-1' },
        null,
      ],
      [
        'sa',
        'SCHOOL_ADMIN',
        'ROSTER_IMPORTED',
        'school',
        '10357',
        undefined,
        { rows: 2, created: 2 },
        null,
      ],
      [
        'sa',
        'SCHOOL_ADMIN',
        'WECHAT_RELEASED',
        'graduate',
        'g-1',
        { wechatOpenId: 'o-1' },
        { wechatOpenId: null },
        '换手机',
      ],
    ];
    for (const [user, role, action, type, id, before, after, reason] of rows) {
      await ds.query(
        `INSERT INTO audit_log (actor_user_id, actor_role, action, subject_type, subject_id, before, after, reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          user,
          role,
          action,
          type,
          id,
          before === undefined ? null : JSON.stringify(before),
          after === undefined ? null : JSON.stringify(after),
          reason,
        ],
      );
    }
  },
  signing: async (ds) => {
    await ds.query(
      `INSERT INTO graduates (graduate_id, school_code, department_code, snapshot) VALUES ('g-1', '10357', 'CS', '{}')`,
    );
    for (const [id, no] of [
      [A1, 'N1'],
      [A2, 'N2'],
    ]) {
      await ds.query(
        `INSERT INTO agreements (id, agreement_no, method, status, graduate_id, school_code, department_code, employer_id, snapshot, signed_at, version)
         VALUES ($1, $2, 'EMPLOYER_DIRECT', 'REJECTED', 'g-1', '10357', 'CS', 'e-1', '{}', now(), 2)`,
        [id, no],
      );
    }
    const employer = JSON.stringify({ userId: 'u-e', role: 'EMPLOYER' });
    await ds.query(
      `INSERT INTO agreement_history (agreement_id, at, actor, from_status, to_status, reason) VALUES ($1, now(), $2, NULL, 'PENDING_REVIEW', NULL)`,
      [A1, employer],
    );
    await ds.query(
      `INSERT INTO destination_changes (graduate_id, from_value, to_value, reason, agreement_id, actor) VALUES ('g-1', 'AWAITING_EMPLOYMENT', 'SIGNED_ONLINE', NULL, $1, $2)`,
      [A1, employer],
    );
    await ds.query(
      `INSERT INTO agreement_history (agreement_id, at, actor, from_status, to_status, reason) VALUES ($1, now(), 'null', 'PENDING_REVIEW', 'REJECTED', '信息有误')`,
      [A1],
    );
    await ds.query(
      `INSERT INTO destination_changes (graduate_id, from_value, to_value, reason, agreement_id, actor) VALUES ('g-1', 'SIGNED_ONLINE', 'AWAITING_EMPLOYMENT', '信息有误', $1, 'null')`,
      [A1],
    );
    await ds.query(
      `INSERT INTO agreement_history (agreement_id, at, actor, from_status, to_status, reason) VALUES ($1, now(), $2, NULL, 'PENDING_REVIEW', NULL)`,
      [A2, employer],
    );
  },
  review: async (ds) => {
    await ds.query(
      `INSERT INTO agreements (agreement_id, agreement_no, method, status, version, graduate_id, school_code, department_code, employer_id, snapshot, signed_at)
       VALUES ($1, 'N1', 'EMPLOYER_DIRECT', 'APPROVED', 2, 'g-1', '10357', 'CS', 'e-1', '{}', now() - interval '2 days')`,
      [A1],
    );
    await ds.query(
      `INSERT INTO review_tasks (agreement_id, school_code, department_code, method, status, submitted_at, decided_at, decided_by, decided_role)
       VALUES ($1, '10357', 'CS', 'EMPLOYER_DIRECT', 'APPROVED', now() - interval '2 days', now() - interval '1 day', 'sa', 'SCHOOL_ADMIN')`,
      [A1],
    );
    await ds.query(
      `INSERT INTO terminations (agreement_id, graduate_id, school_code, status, reason, applied_at, withdrawn_at)
       VALUES ($1, 'g-1', '10357', 'WITHDRAWN', '个人原因', now() - interval '20 hours', now() - interval '19 hours')`,
      [A1],
    );
    await ds.query(
      `INSERT INTO terminations (agreement_id, graduate_id, school_code, status, reason, applied_at, decision, decision_reason, decided_by, decided_role, decided_at)
       VALUES ($1, 'g-1', '10357', 'DISAGREED', '再申请', now() - interval '10 hours', 'DISAGREE', '理由不充分', 'c-1', 'COUNSELLOR', now() - interval '9 hours')`,
      [A1],
    );
    await ds.query(
      `INSERT INTO paper_forms (school_code, department_code, graduate_id, graduate_name, student_no, form_no, status, issued_at, issued_by, issued_role, collected_at, agreement_id)
       VALUES ('10357', 'CS', 'g-1', '学生1', 'S1', 'F-1', 'COLLECTED', now() - interval '3 days', 'sa', 'SCHOOL_ADMIN', now() - interval '2 days', $1)`,
      [A1],
    );
  },
  printing: async (ds) => {
    await ds.query(
      `INSERT INTO print_records (agreement_id, agreement_no, school_code, department_code, employer_id, graduate_id, graduate_name, employer_name,
         agreement_status, snapshot, approved_at, status)
       VALUES ($1, 'N1', '10357', 'CS', 'e-1', 'g-1', '学生1', '某公司', 'APPROVED', '{}', now(), 'READY')`,
      [A1],
    );
    for (const [actor, action] of [
      [null, 'QUEUED'],
      [null, 'RENDERED v1'],
      [JSON.stringify({ userId: 'u-e', role: 'EMPLOYER' }), 'DOWNLOADED'],
    ]) {
      await ds.query(
        `INSERT INTO print_history (agreement_id, actor, action) VALUES ($1, $2, $3)`,
        [A1, actor, action],
      );
    }
  },
};

/** What the chain migration must have made of the rows above. */
const expected: Record<AuditedService, { chains: number; entries: number }> = {
  identity: { chains: 3, entries: 5 },
  signing: { chains: 3, entries: 5 },
  // task: opened + approved; two terminations: applied + withdrawn, applied + disagreed; paper form: issued + collected
  review: { chains: 4, entries: 8 },
  printing: { chains: 1, entries: 3 },
};

describe('audit chain migrations on an upgraded database', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv('auditupgrade');
  });
  afterAll(async () => {
    await env?.dispose();
  });

  it('chains the audit rows each service wrote before the chain, in the order they were written', async () => {
    for (const service of Object.keys(legacy) as AuditedService[]) {
      const def = SERVICE_DEFINITIONS[service];
      const schema = schemaNameOf(service);
      const all = migrationsOf(def, loadEnv(service, def.envSchema, env.vars)) as Function[];
      // The chain's migration, and any landed after it, run on the legacy rows.
      const chain = all.findIndex((m) => /^AuditChain\d+$/.test(m.name));
      expect(chain).toBeGreaterThan(0);
      const before = createServiceDataSource({
        url: env.databaseUrl,
        schema,
        entities: [],
        migrations: all.slice(0, chain),
      });
      await before.initialize();
      try {
        await migrateServiceSchema(before, schema);
        await legacy[service](before);
      } finally {
        await before.destroy();
      }
      const after = createServiceDataSource({
        url: env.databaseUrl,
        schema,
        entities: [],
        migrations: all,
      });
      await after.initialize();
      try {
        await migrateServiceSchema(after, schema);
      } finally {
        await after.destroy();
      }
    }

    const result = await verifyAuditChains({ databaseUrl: env.databaseUrl });
    expect(result.broken).toEqual([]);
    expect(result.ok).toBe(true);
    for (const s of Object.keys(expected) as AuditedService[]) {
      expect(result.services.find((x) => x.service === s)).toEqual({
        service: s,
        broken: 0,
        ...expected[s],
      });
    }

    const pg = createServiceDataSource({
      url: env.databaseUrl,
      schema: 'public',
      entities: [],
      migrations: [],
    });
    await pg.initialize();
    try {
      // Old order kept: identity's subject 'school/10357' and signing's agreement A1, by row id.
      const school = (await pg.query(
        `SELECT action, seq, prev_hash, hash FROM identity.audit_log WHERE subject_id = '10357' ORDER BY id`,
      )) as Array<{
        action: string;
        seq: number;
        prev_hash: string;
        hash: string;
      }>;
      expect(school.map((r) => [r.action, r.seq])).toEqual([
        ['SCHOOL_CREATED', 1],
        ['ROSTER_IMPORTED', 2],
      ]);
      expect([school[0]!.prev_hash, school[1]!.prev_hash]).toEqual([GENESIS_HASH, school[0]!.hash]);
      const a1 = (await pg.query(
        `SELECT to_status, seq FROM signing.agreement_history WHERE agreement_id = $1 ORDER BY id`,
        [A1],
      )) as Array<{ to_status: string; seq: number }>;
      expect(a1).toEqual([
        { to_status: 'PENDING_REVIEW', seq: 1 },
        { to_status: 'REJECTED', seq: 2 },
      ]);
      // Review kept no log before: what its tables recorded is in it now, marked, in time order.
      const log = (await pg.query(
        `SELECT aggregate_type, action, seq, payload->'backfilled' AS backfilled FROM review.audit_log ORDER BY aggregate_type, aggregate_id, seq`,
      )) as Array<{
        aggregate_type: string;
        action: string;
        seq: number;
        backfilled: boolean;
      }>;
      expect(log.every((r) => r.backfilled === true)).toBe(true);
      expect(log.filter((r) => r.aggregate_type === 'review-task').map((r) => r.action)).toEqual([
        'TASK_OPENED',
        'TASK_APPROVED',
      ]);
      expect(log.filter((r) => r.aggregate_type === 'paper-form').map((r) => r.action)).toEqual([
        'PAPER_FORM_ISSUED',
        'PAPER_FORM_COLLECTED',
      ]);
      expect(
        log
          .filter((r) => r.aggregate_type === 'termination')
          .map((r) => r.action)
          .sort(),
      ).toEqual([
        'TERMINATION_APPLIED',
        'TERMINATION_APPLIED',
        'TERMINATION_DISAGREED',
        'TERMINATION_WITHDRAWN',
      ]);
    } finally {
      await pg.destroy();
    }
  }, 120_000);
});
