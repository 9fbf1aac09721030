import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { runService, type RunningService } from '@netsign/runtime';
import { createTestEnv, type TestEnv } from '@netsign/testing';
import {
  AgreementRepository,
  type AgreementRecord,
} from '../src/modules/agreements/agreement.repository.js';
import { signedEntry } from '../src/modules/agreements/domain/agreement-lifecycle.js';
import { signingService } from '../src/signing.service.js';

/**
 * The database, not only the code, holds the rule: inserts that bypass the graduate row lock
 * still yield exactly one active agreement per graduate (partial unique index → GRADUATE_NOT_AVAILABLE),
 * and an inactive one does not count.
 */
describe('one active agreement per graduate (partial unique index)', () => {
  let env: TestEnv;
  let svc: RunningService<unknown>;
  const repo = new AgreementRepository();
  const record = (graduateId: string, n: number): AgreementRecord => ({
    agreementId: randomUUID(),
    agreementNo: `2026-10357-${String(n).padStart(6, '0')}`,
    method: 'EMPLOYER_DIRECT',
    status: 'PENDING_REVIEW',
    graduate: {
      graduateId,
      schoolCode: '10357',
      departmentCode: 'CS',
    } as AgreementRecord['graduate'],
    employer: { employerId: `e${n}` } as AgreementRecord['employer'],
    position: { positionId: 'p', title: 't', location: 'l' },
    terms: {} as AgreementRecord['terms'],
    signedAt: new Date().toISOString(),
    version: 1,
    offerId: null,
  });
  const insert = (a: AgreementRecord) =>
    svc.dataSource.transaction((tx) =>
      repo.insert(tx, a, signedEntry(new Date(), { userId: 'u', role: 'EMPLOYER' })),
    );

  beforeAll(async () => {
    env = await createTestEnv('signing_index');
    svc = (await runService(signingService, env.vars)) as RunningService<unknown>;
  });
  afterAll(async () => {
    await svc?.close();
    await env?.dispose();
  });

  it('20 concurrent inserts for one graduate: one commits, the rest GRADUATE_NOT_AVAILABLE', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => insert(record('g-race', i + 1))),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')) {
      expect(r.reason).toMatchObject({ code: 'GRADUATE_NOT_AVAILABLE' });
    }
  });

  it('a rejected or terminated agreement does not block a new one', async () => {
    const first = record('g-again', 100);
    await insert(first);
    await svc.dataSource.query(`UPDATE agreements SET status = 'REJECTED' WHERE id = $1`, [
      first.agreementId,
    ]);
    await expect(insert(record('g-again', 101))).resolves.toBeUndefined();
    await expect(insert(record('g-again', 102))).rejects.toMatchObject({
      code: 'GRADUATE_NOT_AVAILABLE',
    });
    const history = await svc.dataSource.query(
      `SELECT count(*)::int AS n FROM agreement_history h JOIN agreements a ON a.id = h.agreement_id WHERE a.graduate_id = 'g-again'`,
    );
    expect(history).toEqual([{ n: 2 }]);
  });
});
