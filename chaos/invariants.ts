import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { verifyAuditChains } from '@netsign/audit-chain';
import type pg from 'pg';
import type { GatewayClient } from './client.js';
import { qrTokens, type Observed } from './story.js';
import { SCHOOL, type World } from './world.js';

/** One checked rule: what it says, the count it was checked over, and what broke it. */
export interface Invariant {
  name: string;
  held: boolean;
  /** How many things were checked, e.g. "412 signings". */
  checked: string;
  problems: string[];
}

const SCHEMAS = ['identity', 'recruiting', 'signing', 'review', 'printing', 'dispatch_sync'];
const PRINT_COPIES = ['EMPLOYER', 'GRADUATE', 'SCHOOL'];

function invariant(name: string, checked: string, problems: string[]): Invariant {
  return { name, held: problems.length === 0, checked, problems };
}

/** Outbox rows not yet published, over every service's schema. */
export async function unpublishedOutbox(db: pg.Pool): Promise<number> {
  const parts = SCHEMAS.map(
    (s) => `(SELECT count(*) FROM ${s}.outbox WHERE published_at IS NULL)`,
  ).join(' + ');
  return Number((await db.query<{ n: string }>(`SELECT ${parts} AS n`)).rows[0]!.n);
}

/** Messages not yet delivered or not yet acked, per durable consumer of every stream. */
export async function consumerLag(
  natsUrl: string,
): Promise<Array<{ stream: string; consumer: string; pending: number; ackPending: number }>> {
  const nc = await connect({ servers: natsUrl.split(','), reconnect: false });
  try {
    const jsm = await jetstreamManager(nc);
    const out = [];
    for await (const stream of jsm.streams.names()) {
      for await (const c of jsm.consumers.list(stream)) {
        out.push({
          stream,
          consumer: c.name,
          pending: c.num_pending,
          ackPending: c.num_ack_pending,
        });
      }
    }
    return out;
  } finally {
    await nc.close();
  }
}

/** Is there anything left to do? Used to wait for quiescence before the checks. */
export async function backlog(db: pg.Pool, natsUrl: string): Promise<string[]> {
  const left: string[] = [];
  const outbox = await unpublishedOutbox(db);
  if (outbox) left.push(`${outbox} outbox rows unpublished`);
  for (const c of await consumerLag(natsUrl)) {
    if (c.pending || c.ackPending)
      left.push(`${c.stream}/${c.consumer}: ${c.pending} pending, ${c.ackPending} unacked`);
  }
  const { rows } = await db.query<{ queued: string; undelivered: string; unprinted: string }>(`
    SELECT (SELECT count(*) FROM printing.print_records WHERE status = 'QUEUED') AS queued,
           (SELECT count(*) FROM dispatch_sync.dispatch_records WHERE status IN ('PENDING', 'DELIVERING')) AS undelivered,
           (SELECT count(*) FROM signing.agreements a WHERE a.status = 'APPROVED'
               AND NOT EXISTS (SELECT 1 FROM printing.print_records p WHERE p.agreement_id = a.id AND p.status = 'READY')) AS unprinted`);
  const r = rows[0]!;
  if (Number(r.queued)) left.push(`${r.queued} print records queued`);
  if (Number(r.unprinted)) left.push(`${r.unprinted} approved agreements without a ready PDF`);
  if (Number(r.undelivered)) left.push(`${r.undelivered} dispatch records undelivered`);
  return left;
}

export interface Context {
  db: pg.Pool;
  natsUrl: string;
  provinceUrl: string;
  client: GatewayClient;
  world: World;
  observed: Observed;
}

export async function checkInvariants(ctx: Context): Promise<Invariant[]> {
  return [
    await signingsExactlyOnce(ctx),
    await oneActivePerGraduate(ctx),
    await approvedHaveVerifiedPdf(ctx),
    await terminatedVerifyAsTerminated(ctx),
    await provinceRecords(ctx),
    await outboxPublished(ctx),
    await noConsumerLag(ctx),
    await noParkedEvents(ctx),
    await statisticsMatchRecount(ctx),
    await auditChainsIntact(ctx),
  ];
}

/** Processes killed mid-transaction left no audit chain forked or broken (docs/audit-chain.md). */
async function auditChainsIntact({ db }: Context): Promise<Invariant> {
  const client = await db.connect();
  try {
    const v = await verifyAuditChains({ client });
    const problems = [
      ...v.broken.map(
        (b) => `${b.service} ${b.aggregateType}/${b.aggregateId} seq ${b.seq}: ${b.kind}`,
      ),
      ...v.anchors.filter((a) => a.status === 'MISMATCH').map((a) => `${a.service}: ${a.detail}`),
    ];
    return invariant(
      'every audit chain verifies, and every anchor kept matches',
      `${v.chains} chains, ${v.entries} entries`,
      problems,
    );
  } finally {
    client.release();
  }
}

async function signingsExactlyOnce({ db, observed }: Context): Promise<Invariant> {
  const problems: string[] = [];
  const ids = [...observed.signed.keys()];
  const { rows } = await db.query<{ id: string; n: string }>(
    `SELECT id::text, count(*) AS n FROM signing.agreements WHERE id = ANY($1::uuid[]) GROUP BY id`,
    [ids],
  );
  const found = new Map(rows.map((r) => [r.id, Number(r.n)]));
  for (const id of ids)
    if (found.get(id) !== 1) problems.push(`2xx signing ${id} found ${found.get(id) ?? 0} times`);
  // Nothing doubled: a graduate never holds more agreements than the load attempted signings for them.
  const perGraduate = await db.query<{ student_no: string; n: string }>(
    `SELECT (a.snapshot->'graduate'->>'studentNo') AS student_no, count(*) AS n FROM signing.agreements a GROUP BY 1`,
  );
  for (const r of perGraduate.rows) {
    const attempts = observed.attempts.get(Number(r.student_no.slice(1))) ?? 0;
    if (Number(r.n) > attempts)
      problems.push(
        `graduate ${r.student_no}: ${r.n} agreements from ${attempts} signing attempts`,
      );
  }
  const total = perGraduate.rows.reduce((s, r) => s + Number(r.n), 0);
  return invariant(
    'every 2xx signing exists exactly once; none doubled',
    `${ids.length} signings answered 2xx, ${observed.adopted.size} answers lost and found, ${total} agreements in all`,
    problems,
  );
}

async function oneActivePerGraduate({ db }: Context): Promise<Invariant> {
  const { rows } = await db.query<{ graduate_id: string; n: string }>(`
    SELECT graduate_id, count(*) AS n FROM signing.agreements
     WHERE status IN ('PENDING_REVIEW', 'APPROVED') GROUP BY graduate_id HAVING count(*) > 1`);
  const graduates = (
    await db.query<{ n: string }>(`SELECT count(DISTINCT graduate_id) AS n FROM signing.agreements`)
  ).rows[0]!.n;
  return invariant(
    'no graduate has two active agreements',
    `${graduates} graduates with agreements`,
    rows.map((r) => `graduate ${r.graduate_id}: ${r.n} active`),
  );
}

/** Every approved agreement: one print record, READY, for the current render, whose PDF has three copies that verify. */
async function approvedHaveVerifiedPdf({ db, client, world }: Context): Promise<Invariant> {
  const problems: string[] = [];
  const { rows } = await db.query<{
    id: string;
    department_code: string;
    agreement_no: string;
    print_status: string | null;
    records: string;
  }>(`
    SELECT a.id::text, a.department_code, a.agreement_no, min(p.status) AS print_status, count(p.agreement_id) AS records
      FROM signing.agreements a LEFT JOIN printing.print_records p ON p.agreement_id = a.id
     WHERE a.status = 'APPROVED' GROUP BY a.id`);
  let next = 0;
  const worker = async () => {
    while (next < rows.length) {
      const a = rows[next++]!;
      if (Number(a.records) !== 1 || a.print_status !== 'READY') {
        problems.push(`${a.agreement_no}: ${a.records} print records, status ${a.print_status}`);
        continue;
      }
      const pdf = await client.call('GET', `/api/agreements/${a.id}/pdf`, {
        token: world.reviewer[a.department_code]!,
        raw: true,
      });
      if (pdf.status !== 200) {
        problems.push(`${a.agreement_no}: PDF answered ${pdf.status}`);
        continue;
      }
      const tokens = await qrTokens(pdf.body as Buffer);
      const copies: string[] = [];
      for (const t of tokens) {
        const v = await client.call('GET', `/api/verify/${t}`);
        if (
          v.status !== 200 ||
          v.body.genuine !== true ||
          v.body.agreementStatus !== 'APPROVED' ||
          v.body.agreementNo !== a.agreement_no
        ) {
          problems.push(`${a.agreement_no}: a copy answers ${v.status} ${JSON.stringify(v.body)}`);
        } else copies.push(v.body.copy);
      }
      if (copies.sort().join() !== PRINT_COPIES.join())
        problems.push(`${a.agreement_no}: verified copies ${copies.join(',') || 'none'}`);
    }
  };
  await Promise.all([worker(), worker()]);
  return invariant(
    'every approved agreement has exactly one current PDF with three copies whose QR codes verify',
    `${rows.length} approved agreements, ${rows.length * 3} copies`,
    problems,
  );
}

async function terminatedVerifyAsTerminated({ db, client, observed }: Context): Promise<Invariant> {
  const problems: string[] = [];
  const { rows } = await db.query<{
    id: string;
    agreement_no: string;
    print_status: string | null;
  }>(`
    SELECT a.id::text, a.agreement_no, p.agreement_status AS print_status FROM signing.agreements a
      LEFT JOIN printing.print_records p ON p.agreement_id = a.id
     WHERE a.status = 'TERMINATED'`);
  let copies = 0;
  for (const a of rows) {
    if (a.print_status !== null && a.print_status !== 'TERMINATED')
      problems.push(`${a.agreement_no}: print record says ${a.print_status}`);
    for (const t of observed.tokens.get(a.id) ?? []) {
      copies++;
      const v = await client.call('GET', `/api/verify/${t}`);
      if (v.status !== 200 || v.body.agreementStatus !== 'TERMINATED')
        problems.push(
          `${a.agreement_no}: a printed copy answers ${v.status} ${JSON.stringify(v.body)}`,
        );
    }
  }
  return invariant(
    'every terminated agreement verifies as terminated',
    `${rows.length} terminated agreements, ${copies} printed copies scanned`,
    problems,
  );
}

interface ProvinceRecord {
  record: {
    recordId: string;
    graduateSequence: number;
    kind: string;
    schoolCode: string;
    studentNo: string;
    agreementNo: string;
    occurredAt: string;
  };
}

async function provinceRecords({ db, provinceUrl }: Context): Promise<Invariant> {
  const problems: string[] = [];
  const accepted: ProvinceRecord[] = [];
  for (let offset = 0; ; offset += 10_000) {
    const page = (await (
      await fetch(`${provinceUrl}/records?offset=${offset}&limit=10000`)
    ).json()) as { items: ProvinceRecord[]; total: number };
    accepted.push(...page.items);
    if (accepted.length >= page.total || page.items.length === 0) break;
  }
  // What the province must hold: one EMPLOYMENT per approval, one TERMINATION per termination of an approved agreement.
  const { rows } = await db.query<{ agreement_no: string; kind: string; student_no: string }>(`
    SELECT a.agreement_no, 'EMPLOYMENT' AS kind, a.snapshot->'graduate'->>'studentNo' AS student_no
      FROM signing.agreements a JOIN signing.agreement_history h ON h.agreement_id = a.id AND h.to_status = 'APPROVED'
    UNION ALL
    SELECT a.agreement_no, 'TERMINATION', a.snapshot->'graduate'->>'studentNo'
      FROM signing.agreements a JOIN signing.agreement_history h ON h.agreement_id = a.id
     WHERE h.to_status = 'TERMINATED' AND h.from_status = 'APPROVED'`);
  const held = new Map<string, number>();
  for (const a of accepted)
    held.set(
      `${a.record.kind} ${a.record.agreementNo}`,
      (held.get(`${a.record.kind} ${a.record.agreementNo}`) ?? 0) + 1,
    );
  const expected = new Set(rows.map((r) => `${r.kind} ${r.agreement_no}`));
  for (const key of expected)
    if ((held.get(key) ?? 0) !== 1)
      problems.push(`${key}: the province holds ${held.get(key) ?? 0}`);
  for (const [key, n] of held)
    if (!expected.has(key)) problems.push(`${key}: held ${n} times, never happened`);
  // Per graduate: sequences 1..n without gaps, in the order the facts happened.
  const byGraduate = new Map<string, ProvinceRecord['record'][]>();
  for (const a of accepted) {
    const key = `${a.record.schoolCode}:${a.record.studentNo}`;
    byGraduate.set(key, [...(byGraduate.get(key) ?? []), a.record]);
  }
  for (const [key, list] of byGraduate) {
    list.sort((x, y) => x.graduateSequence - y.graduateSequence);
    list.forEach((r, k) => {
      if (r.graduateSequence !== k + 1)
        problems.push(`${key}: sequence ${r.graduateSequence} at position ${k + 1}`);
      if (k > 0 && r.occurredAt < list[k - 1]!.occurredAt)
        problems.push(`${key}: sequence ${r.graduateSequence} happened before ${k}`);
    });
  }
  return invariant(
    'the province holds one accepted record per approval and termination, in graduateSequence order, none missing, none doubled',
    `${expected.size} records expected, ${accepted.length} accepted, ${byGraduate.size} graduates`,
    problems,
  );
}

async function outboxPublished({ db }: Context): Promise<Invariant> {
  const n = await unpublishedOutbox(db);
  const total = (
    await db.query<{ n: string }>(
      `SELECT ${SCHEMAS.map((s) => `(SELECT count(*) FROM ${s}.outbox)`).join(' + ')} AS n`,
    )
  ).rows[0]!.n;
  return invariant(
    'no outbox row unpublished',
    `${total} outbox rows`,
    n ? [`${n} unpublished`] : [],
  );
}

async function noConsumerLag({ natsUrl }: Context): Promise<Invariant> {
  const lag = await consumerLag(natsUrl);
  return invariant(
    'no consumer lag',
    `${lag.length} durable consumers`,
    lag
      .filter((c) => c.pending || c.ackPending)
      .map((c) => `${c.stream}/${c.consumer}: ${c.pending} pending, ${c.ackPending} unacked`),
  );
}

async function noParkedEvents({ db }: Context): Promise<Invariant> {
  const problems: string[] = [];
  for (const s of SCHEMAS) {
    const { rows } = await db.query<{ consumer: string; subject: string; reason: string }>(
      `SELECT consumer, subject, reason FROM ${s}.parked_events WHERE replayed_at IS NULL`,
    );
    for (const r of rows) problems.push(`${s}: ${r.consumer} parked ${r.subject}: ${r.reason}`);
  }
  return invariant('no parked event', `${SCHEMAS.length} services`, problems);
}

/** The statistics the province reads equal a recount from the agreements themselves. */
async function statisticsMatchRecount({ db, client, world }: Context): Promise<Invariant> {
  const problems: string[] = [];
  const stats = await client.call('GET', `/api/statistics/online-signing?schoolCode=${SCHOOL}`, {
    token: world.admin,
  });
  const school = (stats.body?.schools ?? []).find((s: any) => s.schoolCode === SCHOOL);
  const { rows } = await db.query<Record<string, string>>(
    `
    SELECT d.department_code,
      (SELECT count(*) FROM identity.graduates g WHERE g.school_code = $1 AND g.department_code = d.department_code) AS graduates,
      count(*) FILTER (WHERE a.status IN ('PENDING_REVIEW', 'APPROVED') AND a.method = 'RECRUITING') AS "RECRUITING",
      count(*) FILTER (WHERE a.status IN ('PENDING_REVIEW', 'APPROVED') AND a.method = 'EMPLOYER_DIRECT') AS "EMPLOYER_DIRECT",
      count(*) FILTER (WHERE a.status IN ('PENDING_REVIEW', 'APPROVED') AND a.method = 'QR_CARD') AS "QR_CARD",
      (SELECT count(*) FROM signing.agreement_history h JOIN signing.agreements x ON x.id = h.agreement_id
        WHERE x.department_code = d.department_code AND h.to_status = 'APPROVED') AS approvals,
      count(*) FILTER (WHERE a.status = 'REJECTED') AS rejections,
      count(*) FILTER (WHERE a.status = 'TERMINATED') AS terminations
    FROM (SELECT DISTINCT department_code FROM identity.graduates WHERE school_code = $1) d
    LEFT JOIN signing.agreements a ON a.department_code = d.department_code AND a.school_code = $1
    GROUP BY d.department_code`,
    [SCHOOL],
  );
  let compared = 0;
  for (const r of rows) {
    const d = (school?.departments ?? []).find(
      (x: any) => x.departmentCode === r['department_code'],
    );
    const pairs: Array<[string, unknown, string | undefined]> = [
      ['graduates', d?.graduates, r['graduates']],
      ['signed online RECRUITING', d?.signedOnline?.RECRUITING, r['RECRUITING']],
      ['signed online EMPLOYER_DIRECT', d?.signedOnline?.EMPLOYER_DIRECT, r['EMPLOYER_DIRECT']],
      ['signed online QR_CARD', d?.signedOnline?.QR_CARD, r['QR_CARD']],
      ['approvals', d?.approvals, r['approvals']],
      ['rejections', d?.rejections, r['rejections']],
      ['terminations', d?.terminations, r['terminations']],
    ];
    for (const [what, counter, recount] of pairs) {
      compared++;
      if (Number(counter ?? 0) !== Number(recount))
        problems.push(`${r['department_code']} ${what}: counter ${counter}, recount ${recount}`);
    }
  }
  if (stats.status !== 200) problems.push(`statistics answered ${stats.status}`);
  return invariant(
    'statistics counters equal a recount from the agreements',
    `${compared} counters in ${rows.length} departments`,
    problems,
  );
}
