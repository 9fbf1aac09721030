import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { scopeOf } from '@netsign/auth';
import { Role } from '@netsign/contracts';
import { runService, type RunningService } from '@netsign/runtime';
import {
  agreementSnapshotFixture,
  createTestEnv,
  schemaDrift,
  type TestEnv,
} from '@netsign/testing';
import type { EntityManager } from 'typeorm';
import { AgreementProjectionRepository } from '../src/modules/agreements/agreement-projection.repository.js';
import { UploadsRepository } from '../src/modules/files/uploads.repository.js';
import { PaperFormRepository } from '../src/modules/paper-forms/paper-form.repository.js';
import { ReviewTaskRepository } from '../src/modules/review-tasks/review-task.repository.js';
import { TerminationRepository } from '../src/modules/terminations/termination.repository.js';
import { reviewService } from '../src/review.service.js';

const SHA = 'a'.repeat(64);

const snapshot = (agreementId: string, graduateId: string, employerId: string) =>
  agreementSnapshotFixture(agreementId, {
    graduate: { graduateId, schoolCode: 'S-REPO', studentNo: `SN-${graduateId}` },
    employer: { employerId },
  });

/** The entities describe the migrated schema exactly, and the repositories return them typed. */
describe('review entities and repositories (real Postgres)', () => {
  let env: TestEnv;
  let svc: RunningService<unknown> | undefined;
  const admin = { userId: 'admin-repo', role: Role.SCHOOL_ADMIN, schoolCode: 'S-REPO' };

  beforeAll(async () => {
    env = await createTestEnv('review_repositories');
    svc = (await runService(reviewService, env.vars)) as RunningService<unknown>;
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

  it('agreements and review tasks: one task per agreement, decided once, listed in scope', async () => {
    const agreements = svc!.app.get(AgreementProjectionRepository);
    const tasks = svc!.app.get(ReviewTaskRepository);
    const agreementId = randomUUID();
    const a = snapshot(agreementId, 'grad-repo-1', 'emp-repo-1');
    await tx(async (m) => {
      await agreements.upsert(m, a);
      await tasks.create(m, a);
      await tasks.create(m, a); // a redelivered event changes nothing
    });
    const agreement = await agreements.get(agreementId);
    expect(agreement).toMatchObject({ agreementId, className: '法学1班', version: 1 });
    expect(agreement!.signedAt).toBeInstanceOf(Date);

    const task = await tx((m) => tasks.byAgreement(m, agreementId));
    expect(task).toMatchObject({ agreementId, status: 'PENDING', schoolCode: 'S-REPO' });
    expect(task!.submittedAt).toBeInstanceOf(Date);
    expect(task!.agreement?.snapshot.graduate.name).toBe('张三');

    const reviewer = { userId: admin.userId, role: admin.role };
    const decision = { status: 'APPROVED' as const, reason: null, reviewer, decidedAt: new Date() };
    await tx((m) => tasks.decide(m, task!.id, decision));
    await tx((m) => tasks.decide(m, task!.id, { ...decision, status: 'REJECTED', reason: '晚了' }));
    const decided = await tasks.byId(task!.id);
    expect(decided).toMatchObject({ status: 'APPROVED', decidedBy: admin.userId, reason: null });
    expect(decided!.decidedAt).toBeInstanceOf(Date);

    const query = { page: 1, pageSize: 10, q: '张三' };
    const [listed, total] = await tasks.list(scopeOf(admin, 'agreement', 'review'), query, 7);
    expect(total).toBe(1);
    expect(listed.map((t) => t.id)).toEqual([task!.id]);
    const other = { ...admin, schoolCode: 'S-OTHER' };
    expect((await tasks.list(scopeOf(other, 'agreement', 'review'), query, 7))[1]).toBe(0);
  });

  it('uploads and terminations: materials in order, listed to the parties, withdrawn once', async () => {
    const agreements = svc!.app.get(AgreementProjectionRepository);
    const uploads = svc!.app.get(UploadsRepository);
    const terminations = svc!.app.get(TerminationRepository);
    const uploadId = randomUUID();
    expect(await uploads.savePart(uploadId, 0, 'grad-repo-2', Buffer.from('abc'))).toBe(true);
    expect(await uploads.savePart(uploadId, 0, 'someone-else', Buffer.from('x'))).toBe(false);
    expect(await uploads.partsSize(uploadId, 'grad-repo-2')).toEqual({ upload: 3, owner: 3 });
    expect(await uploads.parts(uploadId, 'grad-repo-2')).toEqual([Buffer.from('abc')]);

    const agreementId = randomUUID();
    const id = await tx(async (m) => {
      await agreements.upsert(m, snapshot(agreementId, 'grad-repo-2', 'emp-repo-2'));
      const file = (name: string) => ({
        fileName: name,
        contentType: 'application/pdf' as const,
        size: 3,
        sha256: SHA,
        storageKey: `k-${name}`,
        uploadedBy: 'grad-repo-2',
      });
      const first = await uploads.insertFile(m, file('一.pdf'));
      const second = await uploads.insertFile(m, file('二.pdf'));
      expect(first.uploadedAt).toBeInstanceOf(Date);
      await uploads.dropParts(m, [uploadId]);
      const terminationId = await terminations.insert(m, {
        agreementId,
        graduateId: 'grad-repo-2',
        schoolCode: 'S-REPO',
        applicant: 'GRADUATE',
        reason: '个人原因',
      });
      await terminations.addMaterials(m, terminationId, [second.id, first.id]);
      expect(await terminations.hasPending(m, agreementId)).toBe(true);
      return terminationId;
    });
    expect(await uploads.parts(uploadId, 'grad-repo-2')).toEqual([]);

    const t = await terminations.get(id);
    expect(t).toMatchObject({ id, status: 'PENDING', applicant: 'GRADUATE', decision: null });
    expect(t!.appliedAt).toBeInstanceOf(Date);
    expect(t!.agreement?.employerId).toBe('emp-repo-2');
    expect(t!.materials?.map((m) => m.file?.fileName)).toEqual(['二.pdf', '一.pdf']);
    const material = t!.materials![1]!;
    expect(await terminations.materialFile(id, material.id)).toMatchObject({ fileName: '一.pdf' });

    const graduate = { userId: 'u-grad-2', role: Role.GRADUATE, graduateId: 'grad-repo-2' };
    const stranger = { userId: 'u-grad-3', role: Role.GRADUATE, graduateId: 'grad-repo-3' };
    const page = { agreementId };
    const [mine, total] = await terminations.list(
      { scope: scopeOf(graduate, 'termination', 'see'), ...page },
      1,
      10,
    );
    expect([mine.map((x) => x.id), total]).toEqual([[id], 1]);
    expect(mine[0]!.materials).toHaveLength(2);
    const [theirs] = await terminations.list(
      { scope: scopeOf(stranger, 'termination', 'see'), ...page },
      1,
      10,
    );
    expect(theirs).toEqual([]);

    const actor = { userId: graduate.userId, role: graduate.role };
    await tx(async (m) => {
      expect((await terminations.lock(m, id))?.status).toBe('PENDING');
      await terminations.withdraw(m, id, actor);
      await terminations.withdraw(m, id, actor); // already withdrawn: nothing changes
    });
    const withdrawn = await terminations.get(id);
    expect(withdrawn?.status).toBe('WITHDRAWN');
    expect(withdrawn?.withdrawnAt).toBeInstanceOf(Date);
  });

  it('paper forms: an insert returns the defaults, collected once, listed in scope', async () => {
    const forms = svc!.app.get(PaperFormRepository);
    const issued = await tx((m) =>
      forms.insert(m, {
        schoolCode: 'S-REPO',
        departmentCode: 'LAW',
        className: '法学1班',
        graduateId: 'grad-repo-4',
        graduateName: '王五',
        studentNo: 'SN-4',
        formNo: `F-${randomUUID().slice(0, 8)}`,
        issuedBy: { userId: admin.userId, role: admin.role },
        replacesId: null,
        reissueReason: null,
      }),
    );
    expect(issued).toMatchObject({ status: 'ISSUED', graduateId: 'grad-repo-4' });
    expect(issued.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(issued.issuedAt).toBeInstanceOf(Date);
    const held = await tx((m) => forms.lockForms(m, 'grad-repo-4'));
    expect(held.map((f) => [f.id, f.status])).toEqual([[issued.id, 'ISSUED']]);

    const agreementId = randomUUID();
    const at = new Date().toISOString();
    await tx((m) => forms.collect(m, 'grad-repo-4', agreementId, at));
    const filter = {
      schoolCode: 'S-REPO',
      scope: scopeOf(admin, 'graduate', 'issuePaperForm'),
      graduateId: 'grad-repo-4',
    };
    const [listed, total] = await forms.list(filter, 1, 10);
    expect(total).toBe(1);
    expect(listed[0]).toMatchObject({ id: issued.id, status: 'COLLECTED', agreementId });
    expect(listed[0]!.collectedAt?.toISOString()).toBe(at);
    const [none] = await forms.list({ ...filter, status: 'ISSUED' }, 1, 10);
    expect(none).toEqual([]);
  });
});
