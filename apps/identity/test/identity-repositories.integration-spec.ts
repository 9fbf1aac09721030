import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { runService, type RunningService } from '@netsign/runtime';
import { createTestEnv, schemaDrift, type TestEnv } from '@netsign/testing';
import type { EntityManager } from 'typeorm';
import { identityService } from '../src/identity.service.js';
import { AccountsRepository } from '../src/modules/accounts/accounts.repository.js';
import { SigningKeysRepository } from '../src/modules/auth/auth.repository.js';
import { NotificationsRepository } from '../src/modules/notifications/notifications.repository.js';
import { GraduatesRepository } from '../src/modules/roster/graduates.repository.js';

/** The entities describe the migrated schema exactly, and the repositories return them typed. */
describe('identity entities and repositories (real Postgres)', () => {
  let env: TestEnv;
  let svc: RunningService<unknown> | undefined;

  beforeAll(async () => {
    env = await createTestEnv('identity_repositories');
    svc = (await runService(identityService, env.vars)) as RunningService<unknown>;
  });

  afterAll(async () => {
    await svc?.close();
    await env?.dispose();
  });

  it('entities match the migrations: synchronize would change nothing', async () => {
    expect(await schemaDrift(svc!.dataSource)).toEqual([]);
  });

  const tx = <T>(work: (m: EntityManager) => Promise<T>): Promise<T> =>
    svc!.dataSource.transaction(work);

  it('accounts: schools with departments in order, staff typed with the defaults, versions raised', async () => {
    const accounts = svc!.app.get(AccountsRepository);
    await tx((m) =>
      accounts.insertSchool(m, { code: 'R1', name: '仓储大学' }, [
        { code: 'B', name: '乙院' },
        { code: 'A', name: '甲院' },
      ]),
    );
    expect(await accounts.schools('R1')).toEqual([
      {
        code: 'R1',
        name: '仓储大学',
        departments: [
          { code: 'A', name: '甲院' },
          { code: 'B', name: '乙院' },
        ],
      },
    ]);
    const user = await tx((m) =>
      accounts.insertUser(m, {
        username: 'Repo.Staff',
        passwordHash: 'x',
        role: 'DEPARTMENT_STAFF',
        schoolCode: 'R1',
        departmentCode: 'A',
        scopeGraduateIds: [],
        scopeClassNames: [],
      }),
    );
    expect(user.createdAt).toBeInstanceOf(Date);
    expect(user.sessionVersion).toBe(0);
    expect((await accounts.userByUsername('repo.staff'))?.id).toBe(user.id);
    expect(await accounts.staffOf('R1', user.id)).toMatchObject({ deactivatedAt: null });
    expect(await accounts.staffOf('OTHER', user.id)).toBeNull();
    expect(await tx((m) => accounts.raiseSessionVersion(m, user.id))).toBe(1);
    const off = await tx((m) => accounts.setDeactivatedAt(m, user.id, new Date()));
    expect(off.deactivatedAt).toBeInstanceOf(Date);
    expect(off.sessionVersion).toBe(1);
    const page = await accounts.staffPage({ schoolCode: 'R1', page: 1, pageSize: 10 });
    expect(page).toMatchObject({ total: 1, rows: [{ id: user.id, username: 'Repo.Staff' }] });
  });

  it('roster: upload parts replaced by seq and taken once, typed', async () => {
    const graduates = svc!.app.get(GraduatesRepository);
    const uploadId = '0190f5c2-0000-7000-8000-000000000001';
    await graduates.storeUploadPart({ uploadId, schoolCode: 'R1', seq: 1, data: Buffer.from('b') });
    await graduates.storeUploadPart({ uploadId, schoolCode: 'R1', seq: 0, data: Buffer.from('x') });
    await graduates.storeUploadPart({ uploadId, schoolCode: 'R1', seq: 0, data: Buffer.from('a') });
    expect(await graduates.takeUploadParts('OTHER', uploadId)).toEqual([]);
    const parts = await graduates.takeUploadParts('R1', uploadId);
    expect(parts.map((p) => [p.seq, p.data.toString()]).sort()).toEqual([
      [0, 'a'],
      [1, 'b'],
    ]);
    expect(await graduates.takeUploadParts('R1', uploadId)).toEqual([]);
    expect(await graduates.byId('not-a-uuid')).toBeNull();
    expect(await graduates.schoolName('R1')).toBe('仓储大学');
    expect([...(await graduates.departments('R1')).keys()].sort()).toEqual(['A', 'B']);
  });

  it('notifications: one per recipient and event, listed typed, read once', async () => {
    const notifications = svc!.app.get(NotificationsRepository);
    const eventId = '0190f5c2-0000-7000-8000-0000000000e1';
    const item = { recipient: 'user:repo', kind: 'K', title: 't', body: 'b', data: { n: 1 } };
    await tx((m) => notifications.add(m, eventId, [item]));
    await tx((m) => notifications.add(m, eventId, [item])); // a replay adds nothing
    const listed = await notifications.list('user:repo', 1, 10, false);
    expect(listed).toMatchObject({ total: 1, unread: 1, items: [{ kind: 'K', data: { n: 1 } }] });
    expect(listed.items[0]!.readAt).toBeNull();
    const read = await notifications.markRead('user:repo', listed.items[0]!.id);
    expect(read?.readAt).toBe((await notifications.markRead('user:repo', read!.id))?.readAt);
    expect(await notifications.markRead('user:other', read!.id)).toBeNull();
    expect(await notifications.list('user:repo', 1, 10, true)).toMatchObject({
      total: 0,
      unread: 0,
    });

    await tx((m) =>
      notifications.rememberParties(m, {
        agreementId: 'A-1',
        graduateId: 'g-1',
        employerId: 'e-1',
      }),
    );
    expect(await tx((m) => notifications.partiesOf(m, 'A-1'))).toMatchObject({ graduateId: 'g-1' });
    expect(await tx((m) => notifications.openIdOfGraduate(m, 'not-a-uuid'))).toBeNull();
  });

  it('roster: a destination is recorded by primary key (no scan of the roster), newest first', async () => {
    const graduates = svc!.app.get(GraduatesRepository);
    await tx((m) =>
      svc!.app
        .get(AccountsRepository)
        .insertSchool(m, { code: 'R3', name: '去向大学' }, [{ code: 'A', name: '甲院' }]),
    );
    const [{ id }] = (await svc!.dataSource.query(
      `INSERT INTO graduates (school_code, student_no, name, gender, id_number_enc, id_key_id,
         id_blind_index, id_number_masked, department_code, major, degree, origin_place, graduation_year)
       VALUES ('R3', 'D1', '去向', '男', 'enc', 'k1', 'bi-d1', '3401**********0011', 'A', '软件工程', '本科', '安徽省合肥市', 2027)
       RETURNING id`,
    )) as Array<{ id: string }>;
    const scans = await tx(async (m) => {
      // With sequential scans priced out, a statement that can use the primary key does; one that
      // compares the id as text cannot, and still scans (every signing did, over the whole roster).
      await m.query('SET LOCAL enable_seqscan = off');
      const counts = async () =>
        (
          (await m.query(
            `SELECT seq_scan::int AS seq, idx_scan::int AS idx FROM pg_stat_xact_user_tables WHERE relname = 'graduates'`,
          )) as Array<{ seq: number; idx: number }>
        )[0]!;
      const before = await counts();
      await graduates.recordDestination(m, id, 'SIGNED_ONLINE', '2027-03-01T08:00:00.000Z');
      const after = await counts();
      return { seq: after.seq - before.seq, idx: after.idx - before.idx };
    });
    expect(scans).toEqual({ seq: 0, idx: 1 });
    // An older change arriving late is ignored; an id that is not a uuid matches nobody.
    await tx((m) =>
      graduates.recordDestination(m, id, 'AWAITING_EMPLOYMENT', '2027-02-01T08:00:00.000Z'),
    );
    await tx((m) =>
      graduates.recordDestination(
        m,
        'not-a-uuid',
        'AWAITING_EMPLOYMENT',
        '2027-04-01T08:00:00.000Z',
      ),
    );
    expect(await graduates.byId(id)).toMatchObject({ destination: 'SIGNED_ONLINE' });
  });

  it('signing keys: the stored key is sealed, its public key published', async () => {
    const keys = svc!.app.get(SigningKeysRepository);
    const current = await keys.locked((m) => keys.current(m));
    expect(current?.privateKeyEnc).not.toContain('PRIVATE KEY');
    expect(await keys.publicKeysExcept('none')).toEqual([current!.publicJwk]);
    expect(await keys.publicKeysExcept(current!.kid)).toEqual([]);
  });
});
