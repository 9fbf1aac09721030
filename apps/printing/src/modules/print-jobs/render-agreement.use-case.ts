import { createHash, randomUUID } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { graduateIdNumber, type AgreementSnapshot } from '@netsign/contracts';
import { BusClient, currentRequestContext } from '@netsign/messaging';
import { DataSource } from 'typeorm';
import { PRINTING_ENV, type PrintingEnv } from '../../printing.env.js';
import { signPdf } from '../pdf-signing/pdf-signer.js';
import { signVerificationToken } from '../verification/verification-token.js';
import { PRINT_COPIES, type AgreementPrintData } from '../../worker/agreement-print-data.js';
import { IssuedPdfsRepository } from '../pdf-signing/issued-pdfs.repository.js';
import { PdfSigningKeysService } from '../pdf-signing/pdf-signing-keys.service.js';
import {
  PrintRecordsRepository,
  type RenderedFile,
} from '../print-records/print-records.repository.js';
import { PrintEngine } from './print-engine.js';
import { VerificationKeysService } from '../verification/verification-keys.service.js';
import { printedNames } from './standard-names.js';

/**
 * One render job: the approved snapshot plus the full ID number (asked of identity for this
 * render only, never stored here) → three copies, each with its own signed verification QR → the
 * whole file signed by the platform (the signature covers the bytes served) → a file named by
 * agreement and render version, its SHA-256 recorded as issued. Idempotent: a job for a version
 * already rendered, or superseded, does nothing.
 */
@Injectable()
export class RenderAgreementUseCase {
  constructor(
    private readonly records: PrintRecordsRepository,
    private readonly issued: IssuedPdfsRepository,
    private readonly dataSource: DataSource,
    private readonly keys: VerificationKeysService,
    private readonly signingKeys: PdfSigningKeysService,
    private readonly bus: BusClient,
    private readonly engine: PrintEngine,
    @Inject(PRINTING_ENV) private readonly env: PrintingEnv,
  ) {}

  async execute(agreementId: string, renderVersion: number): Promise<'rendered' | 'skipped'> {
    const record = await this.records.find(agreementId);
    if (!record) throw new Error(`no print record for ${agreementId} yet`);
    if (record.renderVersion !== renderVersion) return 'skipped';
    if (record.status === 'READY') return 'skipped';
    const { idNumber } = await this.bus.request(
      graduateIdNumber,
      { graduateId: record.graduateId, purpose: 'PRINT' },
      {
        principal: { userId: 'printing', role: 'SERVICE' },
        correlationId: currentRequestContext()?.correlationId ?? randomUUID(),
      },
    );
    const data = toPrintData(record.snapshot, idNumber, record.approvedAt);
    const contentHash = createHash('sha256').update(JSON.stringify(data)).digest('hex');
    const { key, kid } = this.keys.signingKey();
    const issuedAt = Math.floor(Date.now() / 1000);
    const copies = PRINT_COPIES.map((copy) => ({
      copy,
      // The human verification page (the portal's /verify/{token}); copies printed earlier carry
      // /api/verify/{token}, which still answers the JSON, so both keep working.
      verifyUrl: `${this.env.PUBLIC_BASE_URL.replace(/\/$/, '')}/verify/${signVerificationToken(
        {
          agreementNo: record.agreementNo,
          copy,
          renderVersion,
          contentHash,
          agreementId,
          issuedAt,
        },
        key,
        kid,
      )}`,
    }));
    const bundle = this.signingKeys.bundle();
    const pdf = await signPdf(
      await this.engine.render(data, copies),
      bundle,
      {
        reason: `就业协议书 ${record.agreementNo}（第 ${renderVersion} 版）由网签平台出具`,
        contactInfo: this.env.PUBLIC_BASE_URL,
        name: '网签平台',
        location: '',
      },
      new Date(issuedAt * 1000),
    );
    const dir = resolve(this.env.STORAGE_DIR, 'prints', agreementId);
    await mkdir(dir, { recursive: true });
    const path = join(dir, `v${renderVersion}.pdf`);
    const tmp = `${path}.${process.pid}.tmp`;
    await writeFile(tmp, pdf);
    await rename(tmp, path);
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    await this.markReady(agreementId, renderVersion, {
      contentHash,
      path,
      sha256,
      size: pdf.length,
      certificateFingerprint: bundle.fingerprint,
    });
    return 'rendered';
  }

  /**
   * The render is the current one: READY, and its file recorded as issued in the same
   * transaction (POST /api/verify/file recognises exactly the files that could be downloaded).
   * A render superseded meanwhile (a re-render) changes nothing.
   */
  private markReady(
    agreementId: string,
    renderVersion: number,
    file: RenderedFile & { certificateFingerprint: string | null },
  ): Promise<boolean> {
    return this.dataSource.transaction(async (tx) => {
      if (!(await this.records.markReady(tx, agreementId, renderVersion, file))) return false;
      await this.issued.record(tx, {
        sha256: file.sha256,
        agreementId,
        renderVersion,
        size: file.size,
        certificateFingerprint: file.certificateFingerprint,
      });
      await this.records.addHistory(tx, agreementId, null, `RENDERED v${renderVersion}`);
      return true;
    });
  }
}

function toPrintData(s: AgreementSnapshot, idNumber: string, approvedAt: Date): AgreementPrintData {
  const names = printedNames(s);
  return {
    agreementNo: s.agreementNo,
    graduate: {
      name: s.graduate.name,
      gender: s.graduate.gender,
      idNumber,
      schoolName: s.graduate.schoolName,
      departmentName: s.graduate.departmentName,
      major: s.graduate.major,
      degree: s.graduate.degree,
      graduationYear: s.graduate.graduationYear,
      originPlace: names.originPlace,
    },
    employer: {
      name: s.employer.name,
      creditCode: s.employer.creditCode,
      nature: names.nature,
      industry: names.industry,
      address: s.employer.address,
      contactName: s.employer.contactName,
      contactPhone: s.employer.contactPhone,
      hasHiringAutonomy: s.employer.hasHiringAutonomy,
      superiorAuthority: s.terms.superiorAuthority,
    },
    position: { title: s.position.title },
    terms: {
      workLocation: s.terms.workLocation,
      monthlySalary: s.terms.monthlySalary,
      probationMonths: s.terms.probationMonths,
      contractYears: s.terms.contractYears,
      archiveTransferAddress: s.terms.archiveTransferAddress,
      hukouTransferAddress: s.terms.hukouTransferAddress,
      otherTerms: s.terms.otherTerms,
    },
    signedAt: s.signedAt,
    approvedAt: approvedAt.toISOString(),
    method: s.method,
  };
}
