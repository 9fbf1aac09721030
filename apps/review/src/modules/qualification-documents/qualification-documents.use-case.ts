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
import { writeReviewAudit } from '../audit/review-audit.js';
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

  /** One of the employer's own documents, part by part; another employer's is NOT_FOUND (ids are not probed). */
  async ownContent(
    principal: Principal | null,
    documentId: string,
    seq: number,
  ): Promise<FileChunk> {
    const { employerId } = this.employer(principal);
    const file = await this.documents.fileOf(employerId, documentId);
    if (!file) throw new ServiceError(ErrorCode.NOT_FOUND, '资质证明材料不存在');
    return this.files.chunk(file, seq);
  }

  /**
   * The employer deletes one of its documents. What reviewers see afterwards: nothing of it — a
   * deleted document leaves the review detail and its content answers NOT_FOUND, also for
   * agreements already under review (the employer withdrew it; the reviewer sees what remains).
   * The row and the stored file are kept with `deleted_at`, and the deletion is in review's
   * audit log (what the document was, who deleted it), so an audit can still establish what a
   * reviewer had been shown. Another employer's document, or one already deleted: NOT_FOUND.
   */
  async delete(
    principal: Principal | null,
    documentId: string,
  ): Promise<{ documentId: string; deletedAt: string }> {
    const { p, employerId } = this.employer(principal);
    return this.db.transaction(async (tx) => {
      const deleted = await this.documents.softDelete(tx, employerId, documentId);
      if (!deleted) throw new ServiceError(ErrorCode.NOT_FOUND, '资质证明材料不存在');
      const { document, deletedAt } = deleted;
      await writeReviewAudit(tx, {
        aggregateType: 'qualification-document',
        aggregateId: document.id,
        action: 'QUALIFICATION_DOCUMENT_DELETED',
        actor: { userId: p.userId, role: p.role },
        payload: {
          employerId,
          kind: document.kind,
          fileName: document.fileName,
          sha256: document.sha256,
          uploadedAt: document.uploadedAt,
        },
      });
      return { documentId: document.id, deletedAt: deletedAt.toISOString() };
    });
  }

  private employer(principal: Principal | null): { p: Principal; employerId: string } {
    const p = requireRole(principal, Role.EMPLOYER);
    if (!p.employerId) throw new ServiceError(ErrorCode.FORBIDDEN);
    return { p, employerId: p.employerId };
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
