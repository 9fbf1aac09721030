import { Injectable } from '@nestjs/common';
import { requireRole } from '@netsign/auth';
import {
  ErrorCode,
  Role,
  ServiceError,
  type FileChunk,
  type FileRef,
  type Principal,
  type QualificationDocumentKind,
  type QualificationDocumentView,
} from '@netsign/contracts';
import { DataSource } from 'typeorm';
import { AgreementProjectionRepository } from '../agreements/agreement-projection.repository.js';
import type { AgreementEntity } from '../agreements/agreement.entity.js';
import { StoreUploadsUseCase } from '../files/use-cases/store-uploads.use-case.js';
import { requireReviewScope } from '../review-tasks/domain/review-rules.js';
import { QualificationDocumentRepository } from './qualification-document.repository.js';

/** Methods 1 and 2 come with the employer's qualification documents; method 3 (QR card) has none. */
export function hasQualificationDocuments(a: Pick<AgreementEntity, 'method'>): boolean {
  return a.method !== 'QR_CARD';
}

/** Employers upload; reviewers in scope of an agreement read its employer's documents; nobody else. */
@Injectable()
export class QualificationDocumentsUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly documents: QualificationDocumentRepository,
    private readonly agreements: AgreementProjectionRepository,
    private readonly files: StoreUploadsUseCase,
  ) {}

  async upload(
    principal: Principal | null,
    kind: QualificationDocumentKind,
    ref: FileRef,
  ): Promise<QualificationDocumentView> {
    const p = requireRole(principal, Role.EMPLOYER);
    if (!p.employerId) throw new ServiceError(ErrorCode.FORBIDDEN);
    const prepared = await this.files.prepare(p.userId, [ref]);
    const id = await this.db.transaction(async (tx) => {
      const [file] = await this.files.commit(tx, p.userId, prepared);
      return this.documents.insert(tx, p.employerId!, kind, file!.id);
    });
    return (await this.documents.get(id))!;
  }

  async own(principal: Principal | null): Promise<QualificationDocumentView[]> {
    const p = requireRole(principal, Role.EMPLOYER);
    return p.employerId ? this.documents.ofEmployer(p.employerId) : [];
  }

  async ofAgreement(
    principal: Principal | null,
    agreementId: string,
  ): Promise<QualificationDocumentView[]> {
    const a = await this.agreementInScope(principal, agreementId);
    return hasQualificationDocuments(a) ? this.documents.ofEmployer(a.employerId) : [];
  }

  async content(
    principal: Principal | null,
    agreementId: string,
    documentId: string,
    seq: number,
  ): Promise<FileChunk> {
    const a = await this.agreementInScope(principal, agreementId);
    const file = hasQualificationDocuments(a)
      ? await this.documents.fileOf(a.employerId, documentId)
      : null;
    if (!file) throw new ServiceError(ErrorCode.NOT_FOUND, '资质证明材料不存在');
    return this.files.chunk(file, seq);
  }

  async agreementInScope(
    principal: Principal | null,
    agreementId: string,
  ): Promise<AgreementEntity> {
    const p = requireRole(principal, Role.DEPARTMENT_STAFF, Role.SCHOOL_ADMIN);
    const a = await this.agreements.get(agreementId);
    if (!a) throw new ServiceError(ErrorCode.NOT_FOUND, '协议不存在');
    requireReviewScope(p, a, 'seeQualificationDocuments');
    return a;
  }
}
