/**
 * `npm run bench:stats`: the online-signing statistics endpoint with 1,000,000 agreements behind it.
 * Seeds the read model as 1,000,000 signing events would leave it (200 schools × 20 departments,
 * 1.2 M graduates, 1 M agreements across the three methods, decisions and terminations), then
 * measures GET /api/statistics/online-signing through the gateway (all schools, and one school)
 * with autocannon. Also measures how fast events update the model (JetStream → consumer → counters).
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { connect } from '@nats-io/transport-node';
import { loadEnv } from '@netsign/config';
import { agreementSigned, type AgreementSnapshot } from '@netsign/contracts';
import { runService } from '@netsign/runtime';
import { createTestEnv, publishTestEvent, waitFor } from '@netsign/testing';
import { createGateway } from '../apps/gateway/src/create-gateway.js';
import { gatewayEnvSchema } from '../apps/gateway/src/gateway.env.js';
import { dispatchSyncService } from '../apps/dispatch-sync/src/dispatch-sync.service.js';
import { identityService } from '../apps/identity/src/identity.service.js';
import { SigningKeysService } from '../apps/identity/src/modules/auth/signing-keys.service.js';

const AGREEMENTS = 1_000_000;

async function main(): Promise<void> {
  const env = await createTestEnv('bench_stats', { LOG_LEVEL: 'error' });
  const identity = await runService(identityService, env.vars);
  const dispatch = await runService(dispatchSyncService, env.vars);
  const gateway = await createGateway(
    loadEnv('gateway', gatewayEnvSchema, {
      ...env.vars,
      GATEWAY_PORT: '0',
      RATE_LIMIT_PER_MINUTE: '100000000',
    }),
  );
  await gateway.listen({ port: 0, host: '127.0.0.1' });
  const url = (await gateway.getUrl()).replace('[::1]', '127.0.0.1');
  try {
    const seedStarted = Date.now();
    await dispatch.dataSource.query(`
      INSERT INTO stats_units (school_code, department_code, school_name, department_name)
      SELECT 'S' || s, 'D' || d, '学校' || s, '院系' || d FROM generate_series(1, 200) s, generate_series(1, 20) d`);
    await dispatch.dataSource.query(`
      INSERT INTO stats_graduates (graduate_id, school_code, department_code)
      SELECT 'g' || i, 'S' || (i % 200 + 1), 'D' || ((i / 200) % 20 + 1) FROM generate_series(0, 1199999) i`);
    // Counters as the events of 1,000,000 agreements leave them (same metrics the subscribers move).
    await dispatch.dataSource.query(`
      INSERT INTO stats_counters (school_code, department_code, metric, value)
      SELECT school_code, department_code, 'graduates', count(*) FROM stats_graduates GROUP BY 1, 2`);
    await dispatch.dataSource.query(
      `WITH a AS (
         SELECT 'S' || (i % 200 + 1) AS school_code, 'D' || ((i / 200) % 20 + 1) AS department_code,
                (ARRAY['RECRUITING','EMPLOYER_DIRECT','QR_CARD'])[i % 3 + 1] AS method, i % 10 AS outcome
           FROM generate_series(0, $1 - 1) i)
       INSERT INTO stats_counters (school_code, department_code, metric, value)
       SELECT school_code, department_code, m.metric, sum(m.v)
         FROM a, LATERAL (VALUES
           ('online:' || method, CASE WHEN outcome < 8 THEN 1 ELSE 0 END),
           ('approvals', CASE WHEN outcome < 9 THEN 1 ELSE 0 END),
           ('rejections', CASE WHEN outcome = 9 THEN 1 ELSE 0 END),
           ('terminations', CASE WHEN outcome = 8 THEN 1 ELSE 0 END),
           ('offline', CASE WHEN outcome = 0 THEN 1 ELSE 0 END)) AS m(metric, v)
        GROUP BY 1, 2, 3`,
      [AGREEMENTS],
    );
    console.log(
      `seeded the read model for ${AGREEMENTS.toLocaleString()} agreements in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s`,
    );

    const token = (
      await identity.app
        .get(SigningKeysService)
        .tokens()
        .issue({ userId: 'admin', role: 'PROVINCE_ADMIN' })
    ).accessToken;
    // Browsers and the portals send Accept-Encoding; the gateway compresses JSON above 1 KB then.
    for (const [label, path, encoding] of [
      ['all 200 schools (~1 MB)', '/api/statistics/online-signing', null],
      ['all 200 schools, gzip', '/api/statistics/online-signing', 'gzip'],
      ['one school', '/api/statistics/online-signing?schoolCode=S17', null],
    ] as const) {
      for (const connections of [1, 8]) {
        const headers = {
          authorization: `Bearer ${token}`,
          ...(encoding ? { 'accept-encoding': encoding } : {}),
        };
        const result = await autocannon({
          url: `${url}${path}`,
          connections,
          duration: 10,
          headers,
        });
        console.log(
          `GET ${label}, ${connections} client(s): ${result.requests.average.toFixed(0)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ` +
            `${(result.throughput.average / 1e6).toFixed(1)} MB/s, errors ${result.errors + result.non2xx} (target: answers in ≤ 100 ms)`,
        );
      }
    }

    // The write path: signed events through JetStream into the counters.
    const nc = await connect({ servers: env.vars['NATS_URL'] });
    const n = 3000;
    const started = Date.now();
    const base = { method: 'RECRUITING' } as const;
    for (let i = 0; i < n; i++) {
      const agreement = {
        agreementId: randomUUID(),
        agreementNo: `B${i}`,
        ...base,
        status: 'PENDING_REVIEW',
        graduate: {
          graduateId: `g${i}`,
          schoolCode: 'S1',
          schoolName: '学校1',
          departmentCode: 'D1',
          departmentName: '院系1',
          studentNo: `${i}`,
          name: '甲',
          gender: '男',
          major: 'x',
          degree: '本科',
          className: null,
          originPlace: 'x',
          graduationYear: 2026,
          idNumberMasked: 'x',
          sourceInfoConfirmed: true,
        },
        employer: {
          employerId: 'e',
          creditCode: 'x',
          name: 'x',
          nature: 'x',
          industry: 'x',
          address: 'x',
          hasHiringAutonomy: true,
          contactName: 'x',
          contactPhone: 'x',
        },
        position: { positionId: 'p', title: 'x', location: 'x' },
        terms: {
          workLocation: 'x',
          monthlySalary: 1,
          probationMonths: 0,
          contractYears: 1,
          archiveTransferAddress: '',
          hukouTransferAddress: '',
          otherTerms: '',
          superiorAuthority: null,
        },
        signedAt: new Date().toISOString(),
        version: 1,
      } as AgreementSnapshot;
      await publishTestEvent(nc, env.busPrefix, agreementSigned, {
        agreement,
        offerId: null,
        signedBy: { userId: 'x', role: 'EMPLOYER' },
      });
    }
    await waitFor(
      async () => {
        const rows: Array<{ n: string }> = await dispatch.dataSource.query(
          `SELECT count(*) AS n FROM inbox WHERE consumer = 'dispatch-sync__statistics-agreements'`,
        );
        return Number(rows[0]!.n) >= n;
      },
      { timeoutMs: 300_000, intervalMs: 200 },
    );
    console.log(
      `event path: ${n} signed events applied in ${((Date.now() - started) / 1000).toFixed(1)} s (${Math.round(n / ((Date.now() - started) / 1000))} events/s, publish included)`,
    );
    await nc.close();
  } finally {
    await gateway.close();
    await dispatch.close();
    await identity.close();
    await env.dispose();
  }
}

await main();
process.exit(0);
