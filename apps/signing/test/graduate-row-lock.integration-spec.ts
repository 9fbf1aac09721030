import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role, type GraduateSnapshot, type Principal } from '@netsign/contracts';
import { runService, type RunningService } from '@netsign/runtime';
import { createTestEnv, graduateSnapshotFixture, waitFor, type TestEnv } from '@netsign/testing';
import pg from 'pg';
import {
  SignAgreementUseCase,
  type SignCommand,
} from '../src/modules/agreements/use-cases/sign-agreement.use-case.js';
import { ChangeDestinationUseCase } from '../src/modules/destinations/use-cases/change-destination.use-case.js';
import { signingService } from '../src/signing.service.js';

/**
 * What the graduate row lock in signing adds to the partial unique index. The index alone stops a
 * second active agreement, but a school admin recording an offline destination (further study,
 * signed offline) creates no agreement: only the lock makes a signing that arrives while that
 * change is in progress see its outcome, instead of reading AWAITING_EMPLOYMENT from before it and
 * overwriting it with SIGNED_ONLINE (a lost update, with an audit entry "from AWAITING").
 */
describe('graduate row lock in signing', () => {
  let env: TestEnv;
  let svc: RunningService<unknown>;
  let sign: SignAgreementUseCase;
  let destinations: ChangeDestinationUseCase;

  const graduate = (graduateId: string): GraduateSnapshot =>
    graduateSnapshotFixture({
      graduateId,
      schoolCode: '10357',
      schoolName: '安徽大学',
      departmentCode: 'CS',
      departmentName: '计算机学院',
      studentNo: graduateId,
    });
  const command = (graduateId: string): SignCommand => ({
    method: 'EMPLOYER_DIRECT',
    graduate: graduate(graduateId),
    employer: {
      employerId: 'employer-1',
      creditCode: '91340100MA0000001X',
      name: '合肥某公司',
      nature: '其他企业',
      industry: '软件',
      address: '合肥',
      hasHiringAutonomy: true,
      contactName: '张三',
      contactPhone: '13800000000',
    },
    position: { positionId: 'p1', title: '工程师', location: '合肥' },
    terms: {
      workLocation: '合肥',
      monthlySalary: 8000,
      probationMonths: 3,
      contractYears: 3,
      archiveTransferAddress: '',
      hukouTransferAddress: '',
      otherTerms: '',
      superiorAuthority: null,
    },
    offerId: null,
    actor: { userId: 'employer-user', role: Role.EMPLOYER },
  });
  const schoolAdmin: Principal = { userId: 'admin', role: Role.SCHOOL_ADMIN, schoolCode: '10357' };

  /** Backends of this test's database waiting for a lock (the ones queued behind `holder`). */
  const waiting = async (): Promise<number> => {
    const rows: Array<{ n: number }> = await svc.dataSource.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    );
    return rows[0]!.n;
  };

  beforeAll(async () => {
    env = await createTestEnv('signing_lock');
    svc = (await runService(signingService, env.vars)) as RunningService<unknown>;
    sign = svc.app.get(SignAgreementUseCase);
    destinations = svc.app.get(ChangeDestinationUseCase);
  });
  afterAll(async () => {
    await svc?.close();
    await env?.dispose();
  });

  it('a signing queued behind a destination being recorded sees it and answers GRADUATE_NOT_AVAILABLE', async () => {
    const graduateId = 'g-lock-1';
    // The graduate is known to signing and awaiting employment (a first signing, rejected, left it so).
    await svc.dataSource.query(
      `INSERT INTO graduates (graduate_id, school_code, department_code, source_info_confirmed, snapshot)
       VALUES ($1, '10357', 'CS', true, $2)`,
      [graduateId, JSON.stringify(graduate(graduateId))],
    );

    // Fix the order of the two requests: both queue behind this transaction's lock on the row,
    // first the school admin's change, then the signing.
    const holder = new pg.Client({
      connectionString: env.databaseUrl,
      options: '-c search_path=signing',
    });
    await holder.connect();
    let recorded: Promise<unknown>;
    let signed: Promise<unknown>;
    try {
      await holder.query('BEGIN');
      await holder.query(`SELECT 1 FROM graduates WHERE graduate_id = $1 FOR UPDATE`, [graduateId]);
      recorded = destinations.record(schoolAdmin, {
        schoolCode: '10357',
        graduateId,
        destination: 'FURTHER_STUDY',
        note: '考取研究生',
      });
      await waitFor(async () => (await waiting()) === 1, {
        what: 'the destination change waiting for the row',
      });
      signed = sign.execute(command(graduateId));
      // With the lock the signing waits at once; without it, it reads AWAITING, inserts its
      // agreement and waits only to write the destination.
      await waitFor(async () => (await waiting()) === 2, { what: 'the signing waiting too' });
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }

    await expect(recorded).resolves.toMatchObject({ destination: 'FURTHER_STUDY' });
    await expect(signed).rejects.toMatchObject({
      code: 'GRADUATE_NOT_AVAILABLE',
      details: { destination: 'FURTHER_STUDY' },
    });
    const [row] = await svc.dataSource.query(
      `SELECT destination FROM graduates WHERE graduate_id = $1`,
      [graduateId],
    );
    expect(row).toEqual({ destination: 'FURTHER_STUDY' });
    const agreements = await svc.dataSource.query(
      `SELECT id FROM agreements WHERE graduate_id = $1`,
      [graduateId],
    );
    expect(agreements).toEqual([]);
    // The audit trail is one chain: each change starts from where the previous one ended.
    const changes: Array<{ from_value: string; to_value: string }> = await svc.dataSource.query(
      `SELECT from_value, to_value FROM destination_changes WHERE graduate_id = $1 ORDER BY at, id`,
      [graduateId],
    );
    expect(changes).toEqual([{ from_value: 'AWAITING_EMPLOYMENT', to_value: 'FURTHER_STUDY' }]);
  });
});
