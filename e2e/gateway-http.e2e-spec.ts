import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { agreementSigned } from '@netsign/contracts';
import { agreementSnapshotFixture, waitFor } from '@netsign/testing';
import { get as httpGet, type IncomingHttpHeaders } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { DataSource } from 'typeorm';
import { startPlatform, type Platform } from './support/platform.js';
import { issueToken } from './support/tokens.js';

interface Raw {
  status: number;
  headers: IncomingHttpHeaders;
  /** The bytes as they came over the wire. */
  bytes: Buffer;
  /** The body after undoing the Content-Encoding. */
  text: string;
}

/**
 * The gateway's HTTP edge: response compression (the province statistics, and the routes that
 * must keep working with it: small answers, metrics, Swagger UI, Bull Board, verification) and
 * the dispatch backlog in Prometheus, asked of dispatch-sync at scrape time.
 */
const METRICS_TOKEN = 'scrape-token-0123456789';
const scraper = { authorization: `Bearer ${METRICS_TOKEN}` };

describe('gateway HTTP: compression and metrics', () => {
  let p: Platform;
  let admin: string;

  /** node:http, not fetch: fetch decodes the body and would hide what went over the wire. */
  const raw = (path: string, headers: Record<string, string> = {}) =>
    new Promise<Raw>((resolve, reject) => {
      httpGet(`${p.url}${path}`, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const bytes = Buffer.concat(chunks);
          const encoding = res.headers['content-encoding'];
          const decoded =
            encoding === 'gzip'
              ? gunzipSync(bytes)
              : encoding === 'br'
                ? brotliDecompressSync(bytes)
                : bytes;
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            bytes,
            text: decoded.toString(),
          });
        });
      }).on('error', reject);
    });
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const withoutAsOf = (json: string) => ({ ...(JSON.parse(json) as object), asOf: undefined });
  /** The value of one sample of a Prometheus text exposition, or undefined. */
  const sample = (exposition: string, series: string): number | undefined => {
    const line = exposition.split('\n').find((l) => l.startsWith(`${series} `));
    return line === undefined ? undefined : Number(line.slice(series.length + 1));
  };

  beforeAll(async () => {
    p = await startPlatform('gateway_http', { vars: { METRICS_TOKEN } });
    admin = await issueToken(p, { userId: 'admin', role: 'PROVINCE_ADMIN' });
    const dispatch = p.services.get('dispatch-sync')!.dataSource as DataSource;
    // The statistics read model as events would leave it for 60 schools × 10 departments (the
    // province-wide answer is then ~250 KB of JSON), written directly: only its size matters here.
    await dispatch.query(`
      INSERT INTO stats_units (school_code, department_code, school_name, department_name)
      SELECT 'S' || s, 'D' || d, '学校' || s, '院系' || d FROM generate_series(1, 60) s, generate_series(1, 10) d`);
    await dispatch.query(`
      INSERT INTO stats_counters (school_code, department_code, metric, value)
      SELECT school_code, department_code, m, (random() * 500)::int
        FROM stats_units, unnest(ARRAY['graduates', 'online:RECRUITING', 'online:QR_CARD', 'offline', 'approvals']) m`);
    // A backlog that stays put while the test compares: graduate A's first record is dead and
    // holds its second back (the delivery loop sends only a graduate's lowest undelivered record),
    // graduate B's record was delivered.
    await dispatch.query(
      `INSERT INTO dispatch_records (id, graduate_key, graduate_id, graduate_sequence, kind, body, status, attempts, created_at, delivered_at)
       VALUES ($1, '10001:A', 'gA', 1, 'EMPLOYMENT', '{}', 'DEAD', 3, now() - interval '2 hours', NULL),
              ($2, '10001:A', 'gA', 2, 'TERMINATION', '{}', 'PENDING', 0, now() - interval '1 hour', NULL),
              ($3, '10001:B', 'gB', 1, 'EMPLOYMENT', '{}', 'DELIVERED', 1, now() - interval '3 hours', now())`,
      [randomUUID(), randomUUID(), randomUUID()],
    );
  }, 120_000);

  afterAll(async () => {
    await p?.close();
  });

  it('compresses the province statistics when the client accepts it: the same JSON, far fewer bytes', async () => {
    const plain = await raw('/api/statistics/online-signing', auth(admin));
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.bytes.length).toBeGreaterThan(100_000);
    expect(JSON.parse(plain.text).schools).toHaveLength(60);

    const gzip = await raw('/api/statistics/online-signing', {
      ...auth(admin),
      'accept-encoding': 'gzip',
    });
    expect(gzip.status).toBe(200);
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.headers['content-type']).toMatch(/^application\/json/);
    expect(gzip.headers['vary']).toMatch(/accept-encoding/i);
    expect(gzip.headers['x-request-id']).toBeTruthy();
    expect(gzip.bytes.length).toBeLessThan(plain.bytes.length / 4);
    // `asOf` is when dispatch-sync read the counters: another read may have happened in between.
    expect(withoutAsOf(gzip.text)).toEqual(withoutAsOf(plain.text));

    const br = await raw('/api/statistics/online-signing', {
      ...auth(admin),
      'accept-encoding': 'gzip, deflate, br',
    });
    expect(br.headers['content-encoding']).toBe('br');
    expect(withoutAsOf(br.text)).toEqual(withoutAsOf(plain.text));
  });

  it('keeps small answers, verification, metrics, Swagger UI and Bull Board working', async () => {
    const gzip = { 'accept-encoding': 'gzip' };
    const health = await raw('/api/health', gzip);
    expect(health.status).toBe(200);
    expect(health.headers['content-encoding']).toBeUndefined(); // under the 1 KB threshold
    expect(JSON.parse(health.text)).toMatchObject({ status: 'up' });

    const verify = await raw('/api/verify/not-a-real-token', gzip);
    expect(verify.status).toBe(404);
    expect(JSON.parse(verify.text)).toMatchObject({ code: 'VERIFICATION_INVALID' });

    const metrics = await raw('/api/metrics', { ...gzip, ...scraper });
    expect(metrics.status).toBe(200);
    expect(metrics.headers['content-type']).toMatch(/^text\/plain/);
    expect(metrics.headers['content-encoding']).toBe('gzip');
    expect(metrics.text).toContain('netsign_http_request_duration_seconds');
    const metricsPlain = await raw('/api/metrics', scraper);
    expect(metricsPlain.headers['content-encoding']).toBeUndefined();
    expect(metricsPlain.text).toContain('# TYPE netsign_http_request_duration_seconds histogram');

    const docs = await raw('/api/docs', gzip);
    expect(docs.status).toBe(200);
    expect(docs.headers['content-type']).toMatch(/^text\/html/);
    expect(docs.text).toContain('swagger');
    const script = /src="\.?\/?([^"]*swagger-ui-bundle\.js)"/.exec(docs.text)?.[1];
    expect(script).toBeDefined();
    const bundle = await raw(`/api/docs/${script!.split('/').pop()}`, gzip);
    expect(bundle.status).toBe(200);
    expect(bundle.headers['content-encoding']).toBe('gzip');
    expect(bundle.text.length).toBeGreaterThan(bundle.bytes.length);
    const openApi = await raw('/api/docs-json', gzip);
    expect(JSON.parse(openApi.text).paths['/api/health']).toBeDefined();

    const board = await raw('/admin/queues', { ...auth(admin), ...gzip });
    expect(board.status).toBe(200);
    expect(board.text).toContain('<html');
    const queues = await raw('/admin/queues/api/queues', { ...auth(admin), ...gzip });
    expect(queues.status).toBe(200);
    expect(JSON.parse(queues.text).queues.map((q: { name: string }) => q.name)).toContain('print');
  });

  it('shows how far each durable event consumer is behind its stream', async () => {
    const scrape = (await raw('/api/metrics', scraper)).text;
    // Every service's consumers are there, e.g. review's of signing's agreement events.
    expect(scrape).toMatch(
      /netsign_event_consumer_pending\{stream="[A-Z0-9_]*EVENTS_SIGNING",consumer="[a-z0-9_-]*agreement-events"\} \d+/,
    );
    expect(scrape).toMatch(
      /netsign_event_consumer_ack_pending\{stream="[A-Z0-9_]*EVENTS_IDENTITY",consumer="[a-z0-9_-]+"\} \d+/,
    );
  });

  it('shows every service up and how many events each has parked', async () => {
    const scrape = (await raw('/api/metrics', scraper)).text;
    for (const service of [
      'identity',
      'recruiting',
      'signing',
      'review',
      'printing',
      'dispatch-sync',
    ]) {
      expect(scrape).toContain(`netsign_service_up{service="${service}"} 1`);
      expect(scrape).toContain(`netsign_parked_events{service="${service}"} 0`);
    }
    // An event no consumer can read is parked (not retried forever) and shows at once.
    const nc = await connect({ servers: p.env.vars['NATS_URL']! });
    await jetstream(nc).publish(
      `${p.env.busPrefix}.signing.evt.agreement.signed.v1`,
      '{"not":"an envelope"}',
      { msgID: randomUUID() },
    );
    await nc.close();
    await waitFor(
      async () =>
        /netsign_parked_events\{service="review"\} 1/.test(
          (await raw('/api/metrics', scraper)).text,
        ),
      {
        what: 'review parked the unreadable event',
      },
    );
    // The operators see it as stored, typed; replaying what cannot be read fails and keeps it.
    const listed = await p.http('GET', '/api/ops/parked-events/review', { token: admin });
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual([
      {
        id: expect.stringMatching(/^\d+$/),
        consumer: expect.any(String),
        subject: 'signing.evt.agreement.signed.v1',
        eventId: null,
        reason: expect.any(String),
        deliveries: expect.any(Number),
        parkedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
        replayedAt: null,
        data: '{"not":"an envelope"}',
      },
    ]);
    const replay = await p.http(
      'POST',
      `/api/ops/parked-events/review/${listed.body[0].id}/replay`,
      { token: admin },
    );
    expect([replay.status, replay.body.code, replay.body.message]).toEqual([
      409,
      'INVALID_STATE',
      '重放失败',
    ]);
    const missing = await p.http('POST', '/api/ops/parked-events/review/999999/replay', {
      token: admin,
    });
    expect([missing.status, missing.body.code]).toEqual([404, 'NOT_FOUND']);
    const again = await p.http('GET', '/api/ops/parked-events/review', { token: admin });
    expect(again.body).toEqual(listed.body);

    // A readable event parked by the same consumer is applied on replay, then listed as replayed.
    const agreementId = randomUUID();
    const envelope = {
      id: randomUUID(),
      type: agreementSigned.type,
      version: agreementSigned.version,
      occurredAt: new Date().toISOString(),
      aggregateId: agreementId,
      actor: null,
      correlationId: 'parked-replay',
      payload: {
        agreement: agreementSnapshotFixture(agreementId),
        offerId: null,
        signedBy: { userId: 'employer-user', role: 'EMPLOYER' },
      },
    };
    const review = p.services.get('review')!.dataSource as DataSource;
    const [{ id: parkedId }] = (await review.query(
      `INSERT INTO parked_events (consumer, subject, event_id, data, reason, deliveries)
       VALUES ($1, 'signing.evt.agreement.signed.v1', $2, $3, 'handler failed', 5) RETURNING id`,
      [listed.body[0].consumer, envelope.id, JSON.stringify(envelope)],
    )) as Array<{ id: string }>;
    const replayed = await p.http('POST', `/api/ops/parked-events/review/${parkedId}/replay`, {
      token: admin,
    });
    expect([replayed.status, replayed.body]).toEqual([201, { replayed: true }]);
    const tasks = (await review.query(
      `SELECT count(*)::int AS n FROM review_tasks WHERE agreement_id = $1`,
      [agreementId],
    )) as Array<{ n: number }>;
    expect(tasks[0]!.n).toBe(1);
    const open = await p.http('GET', '/api/ops/parked-events/review', { token: admin });
    expect(open.body.map((e: { id: string }) => e.id)).toEqual([listed.body[0].id]);
    const all = await p.http('GET', '/api/ops/parked-events/review?includeReplayed=true', {
      token: admin,
    });
    expect(all.body.find((e: { id: string }) => e.id === String(parkedId))).toMatchObject({
      eventId: envelope.id,
      replayedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
    });
    const twice = await p.http('POST', `/api/ops/parked-events/review/${parkedId}/replay`, {
      token: admin,
    });
    expect([twice.status, twice.body.message]).toEqual([409, '该事件已重放']);
  });

  it('serves metrics only to a scraper with METRICS_TOKEN', async () => {
    expect((await raw('/api/metrics')).status).toBe(401);
    const wrong = await raw('/api/metrics', { authorization: 'Bearer not-the-scrape-token' });
    expect([wrong.status, JSON.parse(wrong.text).code]).toEqual([401, 'UNAUTHENTICATED']);
    expect((await raw('/api/metrics', scraper)).status).toBe(200);
  });

  it('exports the dispatch backlog as gauges with the figures of GET /api/dispatch/metrics', async () => {
    const json = await p.http('GET', '/api/dispatch/metrics', { token: admin });
    expect(json.status).toBe(200);
    expect(json.body).toMatchObject({ pending: 1, delivering: 0, dead: 1, blockedByDead: 1 });

    const scrape = await raw('/api/metrics', scraper);
    expect(scrape.status).toBe(200);
    const m = scrape.text;
    expect(sample(m, 'netsign_dispatch_up')).toBe(1);
    expect(sample(m, 'netsign_dispatch_records{status="pending"}')).toBe(json.body.pending);
    expect(sample(m, 'netsign_dispatch_records{status="delivering"}')).toBe(json.body.delivering);
    expect(sample(m, 'netsign_dispatch_records{status="dead"}')).toBe(json.body.dead);
    expect(sample(m, 'netsign_dispatch_records_blocked_by_dead')).toBe(json.body.blockedByDead);
    const age = sample(m, 'netsign_dispatch_oldest_undelivered_age_seconds')!;
    expect(json.body.oldestUndeliveredAgeSeconds).toBeGreaterThanOrEqual(7_200);
    expect(Math.abs(age - json.body.oldestUndeliveredAgeSeconds)).toBeLessThanOrEqual(5); // a few seconds apart
    expect(m).toContain('# TYPE netsign_dispatch_records gauge');
  });

  it('still answers /api/metrics, with netsign_dispatch_up 0, while dispatch-sync is down', async () => {
    await p.stopService('dispatch-sync');
    const started = Date.now();
    const scrape = await raw('/api/metrics', scraper);
    expect(scrape.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(sample(scrape.text, 'netsign_dispatch_up')).toBe(0);
    expect(sample(scrape.text, 'netsign_dispatch_records{status="pending"}')).toBeUndefined();
    expect(scrape.text).toContain('netsign_http_request_duration_seconds');
    expect(scrape.text).toContain('netsign_print_queue_jobs');

    await p.startService('dispatch-sync');
    expect(sample((await raw('/api/metrics', scraper)).text, 'netsign_dispatch_up')).toBe(1);
  });
});
