import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  agreementApproved,
  agreementRejected,
  agreementSigned,
  agreementTerminated,
  destinationChanged,
  graduateRosterUpserted,
  onlineSigningSnapshot,
  onlineSigningStatistics,
  takeOnlineSigningSnapshot,
  type AgreementSnapshot,
  type GraduateSnapshot,
  type RequestContext,
  type SigningMethod,
} from '@netsign/contracts';
import { BusClient, BusNames } from '@netsign/messaging';
import { runService, type RunningService } from '@netsign/runtime';
import {
  agreementSnapshotFixture,
  createTestEnv,
  graduateSnapshotFixture,
  publishTestEvent,
  waitFor,
  type TestEnv,
} from '@netsign/testing';
import { dispatchSyncService } from '../src/dispatch-sync.service.js';
import { StatisticsRepository } from '../src/modules/statistics/statistics.repository.js';

/** The statistics read model, fed by real events on JetStream, read over NATS with each role. */
describe('online-signing statistics', () => {
  let env: TestEnv;
  let service: RunningService<unknown>;
  let nc: NatsConnection;
  let bus: BusClient;
  const province: RequestContext = {
    principal: { userId: 'admin', role: 'PROVINCE_ADMIN' },
    correlationId: 'stats',
  };
  const staffOf = (schoolCode: string): RequestContext => ({
    principal: { userId: `sa-${schoolCode}`, role: 'SCHOOL_ADMIN', schoolCode },
    correlationId: 'stats',
  });

  const graduate = (schoolCode: string, departmentCode: string): GraduateSnapshot =>
    graduateSnapshotFixture({
      graduateId: randomUUID(),
      schoolCode,
      schoolName: `学校${schoolCode}`,
      departmentCode,
      departmentName: `院系${departmentCode}`,
      studentNo: randomUUID().slice(0, 8),
    });
  const agreement = (g: GraduateSnapshot, method: SigningMethod): AgreementSnapshot =>
    agreementSnapshotFixture(randomUUID(), { method, graduate: g });
  const reviewer = { userId: 'r1', role: 'DEPARTMENT_STAFF' };

  beforeAll(async () => {
    env = await createTestEnv('stats');
    service = (await runService(dispatchSyncService, env.vars)) as RunningService<unknown>;
    nc = await connect({ servers: env.vars['NATS_URL'] });
    bus = new BusClient(nc, new BusNames(env.busPrefix), 10_000);
  }, 60_000);

  afterAll(async () => {
    await service?.close();
    await nc?.close();
    await env?.dispose();
  });

  it('counts graduates, online signings by method, offline signings and decisions; scopes by role', async () => {
    const p = env.busPrefix;
    const a1 = graduate('10357', 'CS');
    const a2 = graduate('10357', 'CS');
    const a3 = graduate('10357', 'MATH');
    const a4 = graduate('10357', 'MATH');
    const b1 = graduate('10359', 'LAW');
    for (const g of [a1, a2, a3, a4, b1])
      await publishTestEvent(nc, p, graduateRosterUpserted, g, g.graduateId);
    await publishTestEvent(nc, p, graduateRosterUpserted, a1, a1.graduateId); // a re-import counts once

    const s1 = agreement(a1, 'RECRUITING');
    const s2 = agreement(a2, 'QR_CARD');
    const s3 = agreement(a3, 'EMPLOYER_DIRECT');
    for (const s of [s1, s2, s3]) {
      await publishTestEvent(nc, p, agreementSigned, {
        agreement: s,
        offerId: null,
        signedBy: reviewer,
      });
    }
    await publishTestEvent(nc, p, agreementApproved, {
      agreement: { ...s1, status: 'APPROVED' },
      taskId: 't1',
      reviewer,
      approvedAt: new Date().toISOString(),
    });
    await publishTestEvent(nc, p, agreementRejected, {
      agreement: { ...s2, status: 'REJECTED' },
      taskId: 't2',
      reviewer,
      reason: '材料不全',
      rejectedAt: new Date().toISOString(),
    });
    await publishTestEvent(nc, p, agreementApproved, {
      agreement: { ...s3, status: 'APPROVED' },
      taskId: 't3',
      reviewer,
      approvedAt: new Date().toISOString(),
    });
    await publishTestEvent(nc, p, agreementTerminated, {
      agreement: { ...s3, status: 'TERMINATED' },
      previousStatus: 'APPROVED',
      terminationId: 'x',
      decider: reviewer,
      reason: '协商解约',
      terminatedAt: new Date().toISOString(),
    });
    await publishTestEvent(nc, p, destinationChanged, {
      graduateId: a4.graduateId,
      schoolCode: '10357',
      departmentCode: 'MATH',
      from: 'AWAITING_EMPLOYMENT',
      to: 'SIGNED_OFFLINE',
      reason: '线下签约',
      agreementId: null,
      changedAt: new Date().toISOString(),
    });

    const stats = await waitFor(
      async () => {
        const r = await bus.request(onlineSigningStatistics, {}, province);
        const school = r.schools.find((s) => s.schoolCode === '10357');
        return school &&
          school.terminations === 1 &&
          school.signedOffline === 1 &&
          school.graduates === 4
          ? r
          : undefined;
      },
      { what: 'statistics to catch up' },
    );
    const a = stats.schools.find((s) => s.schoolCode === '10357')!;
    expect(a).toMatchObject({
      schoolName: '学校10357',
      graduates: 4,
      signedOnline: { total: 1, RECRUITING: 1, EMPLOYER_DIRECT: 0, QR_CARD: 0 },
      signedOffline: 1,
      onlineShare: 0.5,
      approvals: 2,
      rejections: 1,
      terminations: 1,
    });
    const cs = a.departments.find((d) => d.departmentCode === 'CS')!;
    expect(cs).toMatchObject({
      departmentName: '院系CS',
      graduates: 2,
      signedOnline: { total: 1 },
      onlineShare: 1,
    });
    expect(stats.schools.find((s) => s.schoolCode === '10359')).toMatchObject({
      graduates: 1,
      onlineShare: null,
    });

    // School staff see their own school only.
    const own = await bus.request(onlineSigningStatistics, {}, staffOf('10359'));
    expect(own.schools.map((s) => s.schoolCode)).toEqual(['10359']);
    await expect(
      bus.request(onlineSigningStatistics, { schoolCode: '10357' }, staffOf('10359')),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      bus.request(
        onlineSigningStatistics,
        {},
        { principal: { userId: 'e', role: 'EMPLOYER', employerId: 'e1' }, correlationId: 'x' },
      ),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });

    // A daily snapshot never changes once taken.
    const taken = await bus.request(takeOnlineSigningSnapshot, {}, province);
    expect(taken.taken).toBe(true);
    const before = await bus.request(
      onlineSigningSnapshot,
      { day: taken.day, schoolCode: '10357' },
      province,
    );
    const late = graduate('10357', 'CS');
    await publishTestEvent(nc, p, graduateRosterUpserted, late, late.graduateId);
    await waitFor(
      async () =>
        (await bus.request(onlineSigningStatistics, { schoolCode: '10357' }, province)).schools[0]!
          .graduates === 5,
    );
    expect((await bus.request(takeOnlineSigningSnapshot, {}, province)).taken).toBe(false);
    expect(
      await bus.request(onlineSigningSnapshot, { day: taken.day, schoolCode: '10357' }, province),
    ).toEqual(before);
    await expect(
      service.dataSource.query(`UPDATE stats_snapshots SET data = '{}'`),
    ).rejects.toThrow(/immutable/);
  }, 60_000);

  it('names a department once, takes no row lock when the name is unchanged, and follows a rename', async () => {
    const p = env.busPrefix;
    const unit = () =>
      service.dataSource.query(
        `SELECT department_name, xmax::text AS xmax FROM stats_units WHERE school_code = '10360' AND department_code = 'PHY'`,
      ) as Promise<Array<{ department_name: string; xmax: string }>>;
    const graduatesOf10360 = async () =>
      (await bus.request(onlineSigningStatistics, { schoolCode: '10360' }, province)).schools[0]
        ?.graduates;
    const g1 = { ...graduate('10360', 'PHY'), departmentName: '物理系' };
    await publishTestEvent(nc, p, graduateRosterUpserted, g1, g1.graduateId);
    await waitFor(async () => (await graduatesOf10360()) === 1);
    const g2 = { ...graduate('10360', 'PHY'), departmentName: '物理系' };
    await publishTestEvent(nc, p, graduateRosterUpserted, g2, g2.graduateId);
    await waitFor(async () => (await graduatesOf10360()) === 2);
    // xmax stays 0 unless a transaction updated or locked the row (ON CONFLICT DO UPDATE locks it
    // even when its WHERE skips the update, which queued concurrent batches on the department).
    expect(await unit()).toEqual([{ department_name: '物理系', xmax: '0' }]);
    const g3 = { ...graduate('10360', 'PHY'), departmentName: '物理与电子工程系' };
    await publishTestEvent(nc, p, graduateRosterUpserted, g3, g3.graduateId);
    await waitFor(async () => (await graduatesOf10360()) === 3);
    expect((await unit())[0]!.department_name).toBe('物理与电子工程系');
    const stats = await bus.request(onlineSigningStatistics, { schoolCode: '10360' }, province);
    expect(stats.schools[0]!.departments.map((d) => d.departmentName)).toEqual([
      '物理与电子工程系',
    ]);
  }, 60_000);

  it('takes a day’s snapshot once when several takes race (schedule, operator, replicas): no error', async () => {
    const repository = service.app.get(StatisticsRepository);
    const takes = await Promise.all(
      Array.from({ length: 6 }, () => repository.takeSnapshot('2000-01-01')),
    );
    expect(takes.filter(Boolean)).toHaveLength(1);
    const rows = await service.dataSource.query(
      `SELECT count(*)::int AS n FROM stats_snapshots WHERE day = '2000-01-01'`,
    );
    expect(rows[0].n).toBeGreaterThan(0);
  }, 60_000);
});
