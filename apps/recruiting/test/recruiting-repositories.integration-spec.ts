import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { AgreementTerms } from '@netsign/contracts';
import { runService, type RunningService } from '@netsign/runtime';
import { createTestEnv, schemaDrift, type TestEnv } from '@netsign/testing';
import type { EntityManager } from 'typeorm';
import { ApplicationsRepository } from '../src/modules/applications/applications.repository.js';
import { InterviewsRepository } from '../src/modules/interviews/interviews.repository.js';
import { OffersRepository } from '../src/modules/offers/offers.repository.js';
import { PositionsRepository } from '../src/modules/positions/positions.repository.js';
import { recruitingService } from '../src/recruiting.service.js';

/** The entities describe the migrated schema exactly, and the repositories return them typed. */
describe('recruiting entities and repositories (real Postgres)', () => {
  let env: TestEnv;
  let svc: RunningService<unknown> | undefined;
  const page = { page: 1, pageSize: 10 };
  const employerId = 'emp-repo-1';
  const graduateId = 'grad-repo-1';

  beforeAll(async () => {
    env = await createTestEnv('recruiting_repositories');
    svc = (await runService(recruitingService, env.vars)) as RunningService<unknown>;
  });

  afterAll(async () => {
    await svc?.close();
    await env?.dispose();
  });

  const tx = <T>(work: (m: EntityManager) => Promise<T>): Promise<T> =>
    svc!.dataSource.transaction(work);

  it('entities match the migrations: synchronize would change nothing', async () => {
    expect(await schemaDrift(svc!.dataSource)).toEqual([]);
  });

  it('positions: an insert returns the defaults, an update bumps the revision', async () => {
    const positions = svc!.app.get(PositionsRepository);
    const id = randomUUID();
    const created = await tx(async (m) =>
      positions.insert(m, {
        id,
        employerId,
        title: '后端工程师',
        location: '合肥',
        headcount: 2,
        salaryRange: '10k-15k',
        description: '',
      }),
    );
    expect(created).toMatchObject({ id, status: 'OPEN', revision: 1, headcount: 2 });
    expect(created.createdAt).toBeInstanceOf(Date);

    const closed = await tx(async (m) => positions.update(m, id, { status: 'CLOSED' }));
    expect(closed).toMatchObject({ id, status: 'CLOSED', revision: 2, title: '后端工程师' });
    expect(closed.updatedAt).toBeInstanceOf(Date);
    // A closed position leaves the list.
    const [open] = await positions.listOpen({ employerId }, page);
    expect(open.map((p) => p.id)).not.toContain(id);
  });

  it('applications: once per position, listed to their own parties only', async () => {
    const positions = svc!.app.get(PositionsRepository);
    const applications = svc!.app.get(ApplicationsRepository);
    const positionId = randomUUID();
    const resume = { summary: '', education: '', experience: '', skills: [], phone: '', email: '' };
    const fields = {
      positionId,
      employerId,
      graduateId,
      applicant: {
        name: '龚䶮',
        schoolName: '安徽大学',
        departmentName: '计算机学院',
        major: '软件工程',
        degree: '本科',
        graduationYear: 2026,
      },
      resume,
      status: 'SUBMITTED' as const,
    };
    const [first, again] = await tx(async (m): Promise<[boolean, boolean]> => {
      await positions.insert(m, {
        id: positionId,
        employerId,
        title: '测试岗位',
        location: '芜湖',
        headcount: 1,
        salaryRange: '面议',
        description: '',
      });
      return [
        await applications.insertOnce(m, { id: randomUUID(), ...fields }),
        await applications.insertOnce(m, { id: randomUUID(), ...fields }),
      ];
    });
    expect([first, again]).toEqual([true, false]);

    const [mine, total] = await applications.listOf(
      { relation: 'OWN_GRADUATE', graduateId },
      { positionId },
      page,
    );
    expect(total).toBe(1);
    expect(mine[0]).toMatchObject({
      positionId,
      resume,
      applicant: { name: '龚䶮', major: '软件工程' },
      position: { title: '测试岗位' },
    });
    const [others] = await applications.listOf(
      { relation: 'OWN_EMPLOYER', employerId: 'someone-else' },
      {},
      page,
    );
    expect(others).toEqual([]);
  });

  it('offers: the expiry sweep returns whole entities (one mapping from the row)', async () => {
    const offers = svc!.app.get(OffersRepository);
    const interviews = svc!.app.get(InterviewsRepository);
    const id = randomUUID();
    const position = { positionId: randomUUID(), title: '测试岗位', location: '芜湖' };
    const expiresAt = new Date(Date.now() - 1000);
    await tx(async (m) =>
      offers.insert(m, {
        id,
        invitationId: null,
        employerId,
        graduateId,
        position,
        terms: {} as AgreementTerms,
        status: 'SENT',
        expiresAt,
      }),
    );
    const [asRead] = await offers.listOf(
      { relation: 'OWN_GRADUATE', graduateId },
      { status: 'EXPIRED' },
      page,
    );
    expect(asRead.map((o) => o.id)).toContain(id);

    const expired = await tx(async (m) => offers.expireDue(m, new Date(), 50));
    const mine = expired.find((o) => o.id === id);
    expect(mine).toMatchObject({ status: 'EXPIRED', position, employerId, invitationId: null });
    expect(mine!.expiresAt).toEqual(expiresAt);
    expect(mine!.createdAt).toBeInstanceOf(Date);
    expect((await offers.findById(id))?.status).toBe('EXPIRED');
    // Nothing else of this graduate's is open in interviews.
    const [invitations] = await interviews.listOf({ relation: 'OWN_GRADUATE', graduateId }, page);
    expect(invitations).toEqual([]);
  });
});
