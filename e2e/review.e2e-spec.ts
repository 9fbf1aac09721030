import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { reviewDecided } from '@netsign/contracts';
import { BusNames } from '@netsign/messaging';
import { EventProbe, waitFor } from '@netsign/testing';
import {
  SCHOOL,
  startSigningWorld,
  TERMS,
  type Employer,
  type Graduate,
  type SigningWorld,
} from './support/signing-world.js';
import { issueToken } from './support/tokens.js';
import { documentChecker } from './support/openapi-conformance.js';

/**
 * Review through the gateway with every service real: the queue per department, qualification
 * documents (content-checked uploads in parts), decisions applied by signing exactly once — also
 * when an event arrives twice and when signing is down while review decides — and re-signing.
 */
const pdf = (size: number) =>
  Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(Math.max(0, size - 9), 0x20)]);
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(4096)]);

describe('review through the gateway', () => {
  let w: SigningWorld;
  let employer: Employer;
  let probe: EventProbe;
  let nc: NatsConnection;
  let storageDir: string;
  let csStaff: string;
  let lawStaff: string;
  let g1: Graduate;
  let g5: Graduate; // department LAW
  const http = (method: string, path: string, token?: string, body?: unknown) =>
    w.p.http(method, path, { token, body });
  const sign = async (g: Graduate) =>
    w.ok<{ agreementId: string }>(
      await w.p.http('POST', '/api/agreements', {
        token: employer.token,
        body: { positionId: employer.positionId, graduate: g.identity, terms: TERMS },
      }),
    );
  const upload = async (
    path: string,
    token: string,
    fields: Record<string, string>,
    files: Array<{ field: string; name: string; bytes: Buffer }>,
  ) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    for (const f of files)
      form.append(
        f.field,
        new Blob([new Uint8Array(f.bytes)], { type: 'application/pdf' }),
        f.name,
      );
    const res = await fetch(`${w.p.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    return { status: res.status, body: (await res.json().catch(() => undefined)) as any };
  };
  const taskOf = (agreementId: string, token = w.schoolAdmin) =>
    waitFor(
      async () =>
        (await http('GET', '/api/review-tasks?pageSize=100', token)).body.items?.find(
          (t: any) => t.agreementId === agreementId,
        ),
      { what: `task of ${agreementId}` },
    );
  const statusOf = async (agreementId: string) =>
    (await http('GET', `/api/agreements/${agreementId}`, w.admin)).body;

  beforeAll(async () => {
    w = await startSigningWorld('review', 12);
    storageDir = await mkdtemp(join(tmpdir(), 'review-files-'));
    w.p.env.vars['STORAGE_DIR'] = storageDir;
    await w.p.stopService('review');
    await w.p.startService('review');
    probe = await EventProbe.start(w.p.env.vars['NATS_URL']!, w.p.env.busPrefix, 'signing');
    nc = await connect({ servers: w.p.env.vars['NATS_URL']! });
    employer = await w.employer(1, true);
    csStaff = await issueToken(w.p, {
      userId: 'cs-staff',
      role: 'DEPARTMENT_STAFF',
      schoolCode: SCHOOL,
      departmentCode: 'CS',
    });
    lawStaff = await issueToken(w.p, {
      userId: 'law-staff',
      role: 'DEPARTMENT_STAFF',
      schoolCode: SCHOOL,
      departmentCode: 'LAW',
    });
    g1 = await w.graduate(1);
    g5 = await w.graduate(5);
  }, 120_000);
  afterAll(async () => {
    await nc?.close();
    await probe?.stop();
    await w?.close();
    if (storageDir) await rm(storageDir, { recursive: true, force: true });
  }, 120_000);

  it('qualification documents: PDF in parts stored with its hash; a program renamed .pdf 415; 11 MB 413; employers only', async () => {
    const big = pdf(1_300_000); // three parts on the bus
    const ok = await upload(
      '/api/employer/qualification-documents',
      employer.token,
      { kind: 'BUSINESS_LICENSE' },
      [{ field: 'file', name: '营业执照.pdf', bytes: big }],
    );
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({
      kind: 'BUSINESS_LICENSE',
      fileName: '营业执照.pdf',
      size: big.length,
      contentType: 'application/pdf',
      employerId: employer.employerId,
    });
    expect(ok.body.sha256).toMatch(/^[0-9a-f]{64}$/);
    const program = await upload(
      '/api/employer/qualification-documents',
      employer.token,
      { kind: 'OTHER' },
      [{ field: 'file', name: 'licence.pdf', bytes: ELF }],
    );
    expect([program.status, program.body.code]).toEqual([415, 'UNSUPPORTED_FILE_TYPE']);
    const limit = await upload(
      '/api/employer/qualification-documents',
      employer.token,
      { kind: 'OTHER' },
      [{ field: 'file', name: 'max.pdf', bytes: pdf(10 * 1024 * 1024) }],
    );
    expect([limit.status, limit.body.size]).toEqual([201, 10 * 1024 * 1024]); // exactly 10 MiB: 20 parts
    const huge = await upload(
      '/api/employer/qualification-documents',
      employer.token,
      { kind: 'OTHER' },
      [{ field: 'file', name: 'big.pdf', bytes: pdf(11 * 1024 * 1024) }],
    );
    expect([huge.status, huge.body?.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    const noKind = await upload('/api/employer/qualification-documents', employer.token, {}, [
      { field: 'file', name: 'a.pdf', bytes: pdf(100) },
    ]);
    expect([noKind.status, noKind.body.details.fields[0].field]).toEqual([400, 'kind']);
    expect(
      (
        await upload('/api/employer/qualification-documents', g1.token, { kind: 'OTHER' }, [
          { field: 'file', name: 'a.pdf', bytes: pdf(100) },
        ])
      ).status,
    ).toBe(403);
    const own = await http('GET', '/api/employer/qualification-documents', employer.token);
    expect(own.body).toHaveLength(2);
    const rows = await w.p.services
      .get('review')!
      .dataSource.query(`SELECT count(*)::int AS n FROM upload_parts`);
    expect(rows).toEqual([{ n: 0 }]); // the refused program's first part was never kept
  });

  it('review queue: department staff see their department both ways, the school admin all; others 403; documents in scope only', async () => {
    const a1 = (await sign(g1)).agreementId;
    const a5 = (await sign(g5)).agreementId;
    const t1 = await taskOf(a1);
    await taskOf(a5);
    expect(t1).toMatchObject({
      agreementNo: expect.any(String),
      method: 'EMPLOYER_DIRECT',
      status: 'PENDING',
      overdue: false,
      graduate: { graduateId: g1.graduateId },
      employer: { employerId: employer.employerId },
    });
    const ids = async (token: string) =>
      (await http('GET', '/api/review-tasks?status=PENDING', token)).body.items.map(
        (t: any) => t.agreementId,
      );
    expect(await ids(csStaff)).toEqual([a1]);
    expect(await ids(lawStaff)).toEqual([a5]);
    expect(await ids(w.schoolAdmin)).toEqual([a1, a5]); // oldest first
    for (const token of [
      g1.token,
      employer.token,
      w.admin,
      await issueToken(w.p, { userId: 'c', role: 'COUNSELLOR', schoolCode: SCHOOL }),
    ]) {
      expect((await http('GET', '/api/review-tasks', token)).status).toBe(403);
    }
    const detail = await http('GET', `/api/review-tasks/${t1.id}`, csStaff);
    expect(detail.body).toMatchObject({
      agreement: { agreementId: a1, terms: { workLocation: TERMS.workLocation } },
      qualificationDocumentsApplicable: true,
      qualificationDocuments: [{ kind: 'BUSINESS_LICENSE' }, { kind: 'OTHER' }],
    });
    expect((await http('GET', `/api/review-tasks/${t1.id}`, lawStaff)).status).toBe(403);
    const docs = await http('GET', `/api/agreements/${a1}/qualification-documents`, csStaff);
    expect(docs.body).toHaveLength(2);
    for (const token of [lawStaff, employer.token, g1.token])
      expect(
        (await http('GET', `/api/agreements/${a1}/qualification-documents`, token)).status,
      ).toBe(403);
    const res = await fetch(
      `${w.p.url}/api/agreements/${a1}/qualification-documents/${docs.body[0].id}/content`,
      { headers: { authorization: `Bearer ${csStaff}` } },
    );
    expect([res.status, res.headers.get('content-type')]).toEqual([200, 'application/pdf']);
    expect(Buffer.from(await res.arrayBuffer()).equals(pdf(1_300_000))).toBe(true);
    expect(
      (await http('POST', `/api/agreements/${a5}/review`, csStaff, { decision: 'APPROVE' })).status,
    ).toBe(403);
    const filtered = await http(
      'GET',
      `/api/review-tasks?departmentCode=LAW&method=EMPLOYER_DIRECT&q=${encodeURIComponent('学生5')}`,
      w.schoolAdmin,
    );
    expect(filtered.body).toMatchObject({ total: 1, items: [{ agreementId: a5 }] });
    await w.p.services
      .get('review')!
      .dataSource.query(
        `UPDATE review_tasks SET submitted_at = now() - interval '4 days' WHERE agreement_id = $1`,
        [a5],
      );
    expect(
      (await http('GET', '/api/review-tasks?overdue=true', w.schoolAdmin)).body.items.map(
        (t: any) => [t.agreementId, t.overdue],
      ),
    ).toEqual([[a5, true]]);
  });

  it('an employer opens and deletes its own documents only (another employer: 404); a deleted one is shown to nobody but kept for an audit', async () => {
    const other = await w.employer(2, true);
    const letter = pdf(2048);
    const uploaded = await upload(
      '/api/employer/qualification-documents',
      employer.token,
      { kind: 'RECRUITMENT_LETTER' },
      [{ field: 'file', name: '招聘介绍信.pdf', bytes: letter }],
    );
    expect(uploaded.status).toBe(201);
    const id: string = uploaded.body.id;
    const contentPath = `/api/employer/qualification-documents/${id}/content`;
    const content = (token: string) =>
      fetch(`${w.p.url}${contentPath}`, { headers: { authorization: `Bearer ${token}` } });

    // The owner opens it: the bytes, with their type.
    const own = await content(employer.token);
    expect([own.status, own.headers.get('content-type')]).toEqual([200, 'application/pdf']);
    expect(Buffer.from(await own.arrayBuffer()).equals(letter)).toBe(true);
    // Another employer: 404 for both, the answer an id that does not exist gets (no probing).
    const theirs = await http('GET', contentPath, other.token);
    expect([theirs.status, theirs.body.code]).toEqual([404, 'NOT_FOUND']);
    const unknown = await http(
      'GET',
      `/api/employer/qualification-documents/${randomUUID()}/content`,
      employer.token,
    );
    expect([unknown.status, unknown.body]).toEqual([404, theirs.body]);
    const theirDelete = await http(
      'DELETE',
      `/api/employer/qualification-documents/${id}`,
      other.token,
    );
    expect([theirDelete.status, theirDelete.body]).toEqual([404, theirs.body]);
    // Employers only.
    for (const token of [csStaff, g1.token]) {
      expect((await http('GET', contentPath, token)).status).toBe(403);
      expect(
        (await http('DELETE', `/api/employer/qualification-documents/${id}`, token)).status,
      ).toBe(403);
    }

    // Reviewers of the employer's agreement see it until it is deleted.
    const task = (await http('GET', '/api/review-tasks?status=PENDING', csStaff)).body.items[0];
    const reviewerIds = async () =>
      (
        await http('GET', `/api/agreements/${task.agreementId}/qualification-documents`, csStaff)
      ).body.map((d: any) => d.id);
    expect(await reviewerIds()).toContain(id);
    const deleted = await http(
      'DELETE',
      `/api/employer/qualification-documents/${id}`,
      employer.token,
    );
    expect([deleted.status, deleted.body]).toEqual([204, undefined]);

    // Gone for everyone: the employer's list and content, a second deletion; the reviewers' list,
    // task detail and content.
    expect(
      (await http('GET', '/api/employer/qualification-documents', employer.token)).body.map(
        (d: any) => d.id,
      ),
    ).not.toContain(id);
    expect((await content(employer.token)).status).toBe(404);
    expect(
      (await http('DELETE', `/api/employer/qualification-documents/${id}`, employer.token)).status,
    ).toBe(404);
    expect(await reviewerIds()).not.toContain(id);
    expect(
      (await http('GET', `/api/review-tasks/${task.id}`, csStaff)).body.qualificationDocuments.map(
        (d: any) => d.id,
      ),
    ).not.toContain(id);
    expect(
      (
        await http(
          'GET',
          `/api/agreements/${task.agreementId}/qualification-documents/${id}/content`,
          csStaff,
        )
      ).status,
    ).toBe(404);

    // Kept for an audit: the row with its deletion time and file, the deletion in the audit log.
    const db = w.p.services.get('review')!.dataSource;
    const [row] = await db.query(
      `SELECT d.deleted_at, f.sha256 FROM qualification_documents d JOIN stored_files f ON f.id = d.file_id WHERE d.id = $1`,
      [id],
    );
    expect(row.deleted_at).toBeInstanceOf(Date);
    expect(row.sha256).toBe(uploaded.body.sha256);
    expect(
      await db.query(
        `SELECT action, actor, payload FROM audit_log WHERE aggregate_type = 'qualification-document' AND aggregate_id = $1`,
        [id],
      ),
    ).toEqual([
      {
        action: 'QUALIFICATION_DOCUMENT_DELETED',
        actor: { userId: expect.any(String), role: 'EMPLOYER' },
        payload: expect.objectContaining({
          employerId: employer.employerId,
          kind: 'RECRUITMENT_LETTER',
          fileName: '招聘介绍信.pdf',
          sha256: uploaded.body.sha256,
        }),
      },
    ]);
  });

  it('reject needs a reason (400 naming it), decides once (409), signing applies it, and the graduate signs again', async () => {
    const a1 = (await http('GET', '/api/review-tasks?status=PENDING', csStaff)).body.items[0]
      .agreementId as string;
    const noReason = await http('POST', `/api/agreements/${a1}/review`, csStaff, {
      decision: 'REJECT',
    });
    expect([noReason.status, noReason.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(noReason.body.details.fields.map((f: any) => f.field)).toContain('reason');
    const rejected = await http('POST', `/api/agreements/${a1}/review`, csStaff, {
      decision: 'REJECT',
      reason: '单位资质材料不全',
    });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({
      status: 'REJECTED',
      decision: {
        decision: 'REJECT',
        reason: '单位资质材料不全',
        reviewer: { userId: 'cs-staff', role: 'DEPARTMENT_STAFF' },
        decidedAt: expect.any(String),
      },
    });
    const twice = await http('POST', `/api/agreements/${a1}/review`, w.schoolAdmin, {
      decision: 'APPROVE',
    });
    expect([twice.status, twice.body.code]).toEqual([409, 'INVALID_STATE']);
    const agreement = await waitFor(async () => {
      const a = await statusOf(a1);
      return a.status === 'REJECTED' && a;
    });
    expect(agreement.history.at(-1)).toMatchObject({
      from: 'PENDING_REVIEW',
      to: 'REJECTED',
      reason: '单位资质材料不全',
      actor: { userId: 'cs-staff' },
    });
    const again = await sign(g1);
    expect((await taskOf(again.agreementId, csStaff)).status).toBe('PENDING');
  });

  it('a decision reaches the agreement exactly once: duplicate delivery, and signing down while review decides', async () => {
    const review = w.p.services.get('review')!.dataSource;
    const decisions = async (agreementId: string) =>
      (await statusOf(agreementId)).history.filter((h: any) => h.to === 'APPROVED');
    const republish = async (agreementId: string) => {
      const [row] = await review.query(
        `SELECT envelope FROM outbox WHERE subject = $1 AND envelope->>'aggregateId' = $2`,
        [reviewDecided.subject, agreementId],
      );
      // A second delivery of the same event (as after a crash before the ack): a new message id, the same event id.
      await jetstream(nc).publish(
        new BusNames(w.p.env.busPrefix).subject(reviewDecided.subject),
        JSON.stringify(row.envelope),
        { msgID: randomUUID() },
      );
    };
    const drained = () =>
      waitFor(
        async () => {
          const names = new BusNames(w.p.env.busPrefix);
          const info = await (
            await jetstreamManager(nc)
          ).consumers.info(names.stream('review'), names.durable('signing', 'review-decisions'));
          const stream = await (await jetstreamManager(nc)).streams.info(names.stream('review'));
          return (
            info.num_pending === 0 &&
            info.num_ack_pending === 0 &&
            info.delivered.stream_seq === stream.state.last_seq
          );
        },
        { what: 'signing to consume every review event', timeoutMs: 30_000 },
      );
    const pending = (
      await http('GET', '/api/review-tasks?status=PENDING&departmentCode=CS', w.schoolAdmin)
    ).body.items[0];
    expect(
      (
        await http('POST', `/api/agreements/${pending.agreementId}/review`, csStaff, {
          decision: 'APPROVE',
        })
      ).status,
    ).toBe(200);
    await waitFor(async () => (await statusOf(pending.agreementId)).status === 'APPROVED');
    await republish(pending.agreementId);
    await drained(); // the duplicate was delivered to signing and acknowledged
    expect(await decisions(pending.agreementId)).toHaveLength(1);

    const a5 = (await http('GET', '/api/review-tasks?status=PENDING', lawStaff)).body.items[0]
      .agreementId;
    await w.p.stopService('signing');
    expect(
      (await http('POST', `/api/agreements/${a5}/review`, lawStaff, { decision: 'APPROVE' }))
        .status,
    ).toBe(200);
    await republish(a5); // the redelivery is already waiting when signing comes back
    await w.p.stopService('review'); // and review restarts too: its outbox was already relayed, nothing is sent twice
    await w.p.startService('review');
    await w.p.startService('signing');
    await waitFor(async () => (await statusOf(a5)).status === 'APPROVED', { timeoutMs: 30_000 });
    await drained();
    expect(await decisions(a5)).toHaveLength(1);
    expect(await decisions(pending.agreementId)).toHaveLength(1);
    for (const id of [a5, pending.agreementId]) {
      expect(
        probe.ofType('signing.agreement.approved').filter((e) => e.aggregateId === id),
      ).toHaveLength(1);
    }
  });

  it('method 3 (QR card) has no documents; a task built after review restarts; racing decisions: one wins; OpenAPI lists the endpoints', async () => {
    const g2 = await w.graduate(2);
    const card = w.ok<{ token: string }>(await http('POST', '/api/me/qr-card', g2.token));
    await w.p.stopService('review'); // review is down while the agreement is signed: the task is built on restart
    const signed = w.ok<{ agreementId: string }>(
      await http('POST', `/api/qr-cards/${card.token}/agreements`, employer.token, {
        positionId: employer.positionId,
        terms: TERMS,
      }),
    );
    await w.p.startService('review');
    const task = await taskOf(signed.agreementId);
    expect(
      await w.p.services
        .get('review')!
        .dataSource.query(`SELECT count(*)::int AS n FROM review_tasks WHERE agreement_id = $1`, [
          signed.agreementId,
        ]),
    ).toEqual([{ n: 1 }]);
    const detail = await http('GET', `/api/review-tasks/${task.id}`, csStaff);
    expect(detail.body).toMatchObject({
      method: 'QR_CARD',
      qualificationDocumentsApplicable: false,
      qualificationDocuments: [],
    });
    expect(
      (await http('GET', `/api/agreements/${signed.agreementId}/qualification-documents`, csStaff))
        .body,
    ).toEqual([]);
    const racing = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        http(
          'POST',
          `/api/agreements/${signed.agreementId}/review`,
          i % 2 ? csStaff : w.schoolAdmin,
          { decision: 'APPROVE' },
        ),
      ),
    );
    expect(racing.map((r) => r.status).sort()).toEqual([200, ...Array(9).fill(409)]);
    const paths = Object.keys((await http('GET', '/api/docs-json')).body.paths);
    for (const path of [
      '/api/review-tasks',
      '/api/agreements/{agreementId}/review',
      '/api/employer/qualification-documents',
      '/api/terminations/{id}/withdrawal',
      '/api/schools/{schoolCode}/paper-forms',
    ]) {
      expect(paths).toContain(path);
    }
  });

  it('answered everything above as the OpenAPI document declares', async () => {
    const { covered, mismatches } = (await documentChecker(w.p)).checkAll(w.p.answers);
    expect(mismatches).toEqual([]);
    expect(covered).toEqual(
      expect.arrayContaining([
        'listReviewTasks',
        'getReviewTask',
        'reviewAgreement',
        'deleteQualificationDocument',
      ]),
    );
  });
});
