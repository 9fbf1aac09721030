import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import SwaggerParser from '@apidevtools/swagger-parser';
import { waitFor } from '@netsign/testing';
import { gatewayOpenApiDocument } from '../apps/gateway/src/gateway.openapi.js';
import { documentChecker } from './support/openapi-conformance.js';
import {
  SCHOOL,
  startSigningWorld,
  TERMS,
  type Employer,
  type Graduate,
  type SigningWorld,
} from './support/signing-world.js';

/**
 * The document the gateway serves is the one its code builds, passes swagger-parser, and does not
 * lie: the real answers of a signing → review → print → termination flow validate against the
 * schemas it declares for their operation and status (errors included).
 */
describe('the OpenAPI document against the running system', () => {
  let w: SigningWorld;
  let employer: Employer;
  let g: Graduate;
  let storageDir: string;
  const http = (method: string, path: string, token?: string, body?: unknown) =>
    w.p.http(method, path, { token, body });

  beforeAll(async () => {
    w = await startSigningWorld('openapi', 4);
    storageDir = await mkdtemp(join(tmpdir(), 'openapi-files-'));
    w.p.env.vars['STORAGE_DIR'] = storageDir;
    await w.p.stopService('review');
    await w.p.startService('review');
    employer = await w.employer(1, true);
    g = await w.graduate(1);
  }, 120_000);
  afterAll(async () => {
    await w?.close();
    if (storageDir) await rm(storageDir, { recursive: true, force: true });
  }, 120_000);

  it('serves at /api/docs-json the document built from the code, valid for swagger-parser', async () => {
    const live = (await http('GET', '/api/docs-json')).body;
    expect(live).toEqual(JSON.parse(JSON.stringify(gatewayOpenApiDocument())));
    await expect(SwaggerParser.validate(live)).resolves.toBeDefined();
    const ui = await fetch(`${w.p.url}/api/docs`);
    expect([ui.status, ui.headers.get('content-type')]).toEqual([
      200,
      expect.stringContaining('text/html'),
    ]);
  });

  it('answers a whole flow as the document declares', async () => {
    for (const token of [g.token, employer.token, w.schoolAdmin, w.admin])
      w.ok(await http('GET', '/api/me', token));
    w.ok(await http('GET', '/api/positions?pageSize=5', g.token));
    w.ok(await http('GET', '/api/me/notifications?unreadOnly=true', g.token));

    const signed = w.ok<{ agreementId: string }>(
      await http('POST', '/api/agreements', employer.token, {
        positionId: employer.positionId,
        graduate: g.identity,
        terms: TERMS,
      }),
    );
    const agreementId = signed.agreementId;
    w.ok(await http('GET', '/api/agreements?pageSize=5', employer.token));
    w.ok(await http('GET', `/api/agreements/${agreementId}`, g.token));
    const task = await waitFor(
      async () =>
        (
          await http('GET', '/api/review-tasks?status=PENDING&overdue=false', w.schoolAdmin)
        ).body.items?.find((t: any) => t.agreementId === agreementId),
      { timeoutMs: 60_000, what: 'the review task' },
    );
    w.ok(await http('GET', `/api/review-tasks/${task.id}`, w.schoolAdmin));
    w.ok(
      await http('POST', `/api/agreements/${agreementId}/review`, w.schoolAdmin, {
        decision: 'APPROVE',
      }),
    );
    await waitFor(
      async () =>
        (await http('GET', `/api/agreements/${agreementId}`, w.admin)).body.status === 'APPROVED',
      {
        timeoutMs: 60_000,
        what: 'the approval reaching signing',
      },
    );
    await waitFor(
      async () => (await http('GET', '/api/print-records', w.schoolAdmin)).body.items?.length > 0,
      {
        timeoutMs: 90_000,
        what: 'the print record',
      },
    );
    w.ok(await http('GET', `/api/statistics/online-signing?schoolCode=${SCHOOL}`, w.admin));
    w.ok(await http('GET', `/api/schools/${SCHOOL}/graduates?pageSize=10`, w.schoolAdmin));
    w.ok(await http('GET', '/api/verification-keys'));

    const form = new FormData();
    form.append('agreementId', agreementId);
    form.append('reason', '考取研究生');
    form.append(
      'materials',
      new Blob([new Uint8Array(Buffer.from('%PDF-1.7\noffer\n%%EOF\n'))]),
      '录取通知.pdf',
    );
    const res = await fetch(`${w.p.url}/api/terminations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${g.token}` },
      body: form,
    });
    const applied = (await res.json()) as { id: string };
    w.p.answers.push({
      method: 'POST',
      path: '/api/terminations',
      status: res.status,
      contentType: res.headers.get('content-type'),
      body: applied,
    });
    expect(res.status).toBe(201);
    w.ok(await http('GET', `/api/terminations/${applied.id}`, g.token));
    w.ok(await http('GET', '/api/terminations?status=PENDING', w.schoolAdmin));

    // Failures answer the declared error shapes too; a bad path id names the parameter.
    const badId = await http('GET', '/api/agreements/not-a-uuid', g.token);
    expect([
      badId.status,
      badId.body.code,
      badId.body.details.fields.map((f: any) => f.field),
    ]).toEqual([400, 'VALIDATION_FAILED', ['agreementId']]);
    const badQuery = await http(
      'GET',
      '/api/review-tasks?pageSize=1000&overdue=maybe',
      w.schoolAdmin,
    );
    expect(badQuery.body.details.fields.map((f: any) => f.field).sort()).toEqual([
      'overdue',
      'pageSize',
    ]);
    expect((await http('GET', '/api/verify/not-a-real-token-at-all')).body.code).toBe(
      'VERIFICATION_INVALID',
    );
    expect(
      (await http('GET', `/api/agreements/${agreementId}/pdf`, employer.token)).status,
    ).not.toBe(500);
    expect((await http('GET', '/api/agreements')).status).toBe(401);

    const checker = await documentChecker(w.p);
    const { covered, mismatches } = checker.checkAll(w.p.answers);
    expect(mismatches).toEqual([]);
    expect(covered).toEqual(
      expect.arrayContaining([
        'getMe',
        'listPositions',
        'signAgreementDirect',
        'listAgreements',
        'getAgreement',
        'listReviewTasks',
        'getReviewTask',
        'reviewAgreement',
        'listPrintRecords',
        'getOnlineSigningStatistics',
        'verifyCopy',
        'applyForTermination',
        'getTermination',
        'listTerminations',
        'listRosterGraduates',
        'listNotifications',
      ]),
    );
  }, 300_000);
});
