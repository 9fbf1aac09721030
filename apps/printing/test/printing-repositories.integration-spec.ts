import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
import {
  IssuedPdfsRepository,
  recordOfIssued,
} from '../src/modules/pdf-signing/issued-pdfs.repository.js';
import { PdfSigningCertificatesRepository } from '../src/modules/pdf-signing/pdf-signing-certificates.repository.js';
import { PrintRecordsRepository } from '../src/modules/print-records/print-records.repository.js';
import { VerificationKeysRepository } from '../src/modules/verification/verification-keys.repository.js';
import { VerificationScansRepository } from '../src/modules/verification/verification-scans.repository.js';
import { printingService } from '../src/printing.service.js';

const snapshot = (agreementId: string, schoolCode: string, employerId: string) =>
  agreementSnapshotFixture(agreementId, {
    status: 'APPROVED',
    graduate: { graduateId: `grad-${agreementId.slice(0, 8)}`, schoolCode },
    employer: { employerId },
  });

/** The entities describe the migrated schema exactly, and the repositories return them typed. */
describe('printing entities and repositories (real Postgres)', () => {
  let env: TestEnv;
  let svc: RunningService<unknown> | undefined;
  let storage: string;

  beforeAll(async () => {
    storage = await mkdtemp(join(tmpdir(), 'netsign-print-repo-'));
    // An api process: no print worker, no browser.
    env = await createTestEnv('printing_repositories', { STORAGE_DIR: storage, PRINT_ROLE: 'api' });
    svc = (await runService(printingService, env.vars)) as RunningService<unknown>;
  }, 60_000);

  afterAll(async () => {
    await svc?.close();
    await env?.dispose();
    await rm(storage, { recursive: true, force: true });
  });

  const tx = <T>(work: (m: EntityManager) => Promise<T>): Promise<T> =>
    svc!.dataSource.transaction(work);

  it('entities match the migrations: synchronize would change nothing', async () => {
    expect(await schemaDrift(svc!.dataSource)).toEqual([]);
  });

  it('print records: created once, rendered, issued, re-rendered, listed in scope with their history', async () => {
    const records = svc!.app.get(PrintRecordsRepository);
    const issued = svc!.app.get(IssuedPdfsRepository);
    const agreementId = randomUUID();
    const a = snapshot(agreementId, 'S-PRINT', 'emp-print-1');
    expect(await tx((m) => records.createFromApproval(m, a, '2026-03-14T08:05:00Z'))).toBe(true);
    expect(await tx((m) => records.createFromApproval(m, a, '2026-03-14T08:05:00Z'))).toBe(false);

    const created = await records.find(agreementId.toUpperCase());
    expect(created).toMatchObject({
      agreementId,
      agreementNo: a.agreementNo,
      agreementStatus: 'APPROVED',
      status: 'QUEUED',
      renderVersion: 1,
      filePath: null,
      size: null,
    });
    expect(created!.approvedAt.toISOString()).toBe('2026-03-14T08:05:00.000Z');
    expect(created!.createdAt).toBeInstanceOf(Date);
    expect(created!.snapshot.graduate.className).toBe('法学1班');
    expect(await records.find(randomUUID())).toBeNull();
    expect((await records.queued(0)).map((r) => r.agreementId)).toContain(agreementId);

    const file = { contentHash: 'c1', path: '/tmp/v1.pdf', sha256: 'f'.repeat(64), size: 1234 };
    expect(await tx((m) => records.markReady(m, agreementId, 2, file))).toBe(false);
    await tx(async (m) => {
      expect(await records.markReady(m, agreementId, 1, file)).toBe(true);
      await issued.record(m, {
        sha256: file.sha256,
        agreementId,
        renderVersion: 1,
        size: file.size,
        certificateFingerprint: null,
      });
      await issued.record(m, {
        sha256: file.sha256,
        agreementId,
        renderVersion: 1,
        size: file.size,
        certificateFingerprint: null,
      }); // the same bytes again change nothing
      await records.addHistory(m, agreementId, null, 'RENDERED v1');
    });
    const ready = await records.find(agreementId);
    expect(ready).toMatchObject({
      status: 'READY',
      filePath: file.path,
      size: 1234,
      lastError: null,
    });
    expect(ready!.renderedAt).toBeInstanceOf(Date);
    expect((await records.queued(0)).map((r) => r.agreementId)).not.toContain(agreementId);

    const found = await issued.find(file.sha256, file.size);
    expect(found).toMatchObject({ sha256: file.sha256, agreementId, renderVersion: 1 });
    expect(found!.issuedAt).toBeInstanceOf(Date);
    expect(recordOfIssued(found!)).toMatchObject({ agreementNo: a.agreementNo, renderVersion: 1 });
    expect(await issued.find(file.sha256, file.size + 1)).toBeNull();

    const admin = { userId: 'admin-print', role: Role.SCHOOL_ADMIN };
    expect(await tx((m) => records.bumpVersion(m, agreementId, admin))).toBe(2);
    expect(await tx((m) => records.bumpVersion(m, randomUUID(), admin))).toBeUndefined();
    await records.markFailed(agreementId, 1, 'stale job'); // version 1 is superseded
    expect(await records.find(agreementId)).toMatchObject({ status: 'QUEUED', renderVersion: 2 });
    await records.markFailed(agreementId, 2, 'x'.repeat(3000));
    const failed = await records.find(agreementId);
    expect(failed).toMatchObject({ status: 'FAILED', renderVersion: 2 });
    expect(failed!.lastError).toHaveLength(2000);
    expect(recordOfIssued((await issued.find(file.sha256, file.size))!).renderVersion).toBe(2);
    await tx((m) => records.setAgreementStatus(m, agreementId, 'TERMINATED'));

    const other = randomUUID();
    await tx((m) =>
      records.createFromApproval(
        m,
        snapshot(other, 'S-OTHER', 'emp-print-2'),
        '2026-03-15T00:00:00Z',
      ),
    );
    const school = { ...admin, schoolCode: 'S-PRINT' };
    const [listed, total] = await records.list(
      scopeOf(school, 'agreement', 'listPrints'),
      undefined,
      1,
      10,
    );
    expect([listed.map((r) => r.agreementId), total]).toEqual([[agreementId], 1]);
    expect(listed[0]).toMatchObject({ agreementStatus: 'TERMINATED', status: 'FAILED' });
    const employer = { userId: 'u-emp-2', role: Role.EMPLOYER, employerId: 'emp-print-2' };
    const [theirs] = await records.list(
      scopeOf(employer, 'agreement', 'listPrints'),
      undefined,
      1,
      10,
    );
    expect(theirs.map((r) => r.agreementId)).toEqual([other]);
    const [none, zero] = await records.list(
      scopeOf(school, 'agreement', 'listPrints'),
      'READY',
      1,
      10,
    );
    expect([none, zero]).toEqual([[], 0]);

    const history = await records.historyOf([agreementId, other]);
    expect(history.get(agreementId)!.map((h) => [h.action, h.actor, h.seq])).toEqual([
      ['QUEUED', null, 1],
      ['RENDERED v1', null, 2],
      ['RERENDER v2', { userId: admin.userId, role: admin.role }, 3],
    ]);
    expect(history.get(agreementId)![0]!.at).toBeInstanceOf(Date);
    expect(history.get(other)!.map((h) => h.action)).toEqual(['QUEUED']);
  });

  it('verification keys and scans, signing certificates', async () => {
    const keys = svc!.app.get(VerificationKeysRepository);
    const scans = svc!.app.get(VerificationScansRepository);
    const certificates = svc!.app.get(PdfSigningCertificatesRepository);
    // The service generated and stored its keys at boot.
    const active = await tx(async (m) => {
      await keys.lockGeneration(m);
      return keys.newestActive(m);
    });
    expect(active!.privatePem).toContain('PRIVATE KEY');
    expect(active!.publicJwk).toMatchObject({ kid: active!.kid, crv: 'Ed25519' });
    expect(await keys.publicJwksExcept(active!.kid)).toEqual([]);
    expect(await keys.publicJwksExcept('other')).toEqual([active!.publicJwk]);

    const generated = await tx(async (m) => {
      await certificates.lockGeneration(m);
      return certificates.firstGenerated(m);
    });
    expect(generated).toMatchObject({ source: 'GENERATED' });
    expect(Buffer.isBuffer(generated!.p12)).toBe(true);
    expect(await certificates.fingerprints()).toEqual([generated!.fingerprint]);

    await scans.record({
      tokenSha256: 'a'.repeat(64),
      client: 'jest',
      result: 'INVALID',
      agreementNo: null,
      copy: null,
    });
  });
});
