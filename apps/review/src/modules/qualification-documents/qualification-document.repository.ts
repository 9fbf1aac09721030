import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { QualificationDocumentKind, QualificationDocumentView } from '@netsign/contracts';
import type { EntityManager, Repository, SelectQueryBuilder } from 'typeorm';
import type { StoredFileEntity } from '../files/stored-file.entity.js';
import { toStoredFileView } from '../files/uploads.repository.js';
import { QualificationDocumentEntity } from './qualification-document.entity.js';

/** The document's stored file, which every query here joins (`d.file`). */
function fileOfDocument(d: QualificationDocumentEntity): StoredFileEntity {
  if (!d.file) throw new Error(`qualification document ${d.id} was read without its file`);
  return d.file;
}

function toView(d: QualificationDocumentEntity): QualificationDocumentView {
  return {
    ...toStoredFileView(fileOfDocument(d)),
    id: d.id,
    employerId: d.employerId,
    kind: d.kind,
  };
}

/**
 * Table `qualification_documents`: the only place that reads or writes it. Every read here leaves
 * deleted documents out (the entity's soft-delete column): a deleted document is shown to nobody.
 */
@Injectable()
export class QualificationDocumentRepository {
  constructor(
    @InjectRepository(QualificationDocumentEntity)
    private readonly documents: Repository<QualificationDocumentEntity>,
  ) {}

  async insert(
    tx: EntityManager,
    employerId: string,
    kind: QualificationDocumentKind,
    fileId: string,
  ): Promise<string> {
    const documents = tx.getRepository(QualificationDocumentEntity);
    const document = documents.create({ employerId, kind, fileId });
    await documents.insert(document);
    return document.id;
  }

  async ofEmployer(employerId: string): Promise<QualificationDocumentView[]> {
    const documents = await this.withFile()
      .where('d.employerId = :employerId', { employerId })
      .orderBy('d.uploadedAt')
      .addOrderBy('d.id')
      .getMany();
    return documents.map(toView);
  }

  /** The stored file of one of the employer's documents (null if it is someone else's). */
  async fileOf(employerId: string, documentId: string): Promise<StoredFileEntity | null> {
    const document = await this.withFile()
      .where('d.id = :documentId AND d.employerId = :employerId', { documentId, employerId })
      .getOne();
    return document ? fileOfDocument(document) : null;
  }

  /**
   * Marks one of the employer's documents deleted, locking it first (two deletions at once: one
   * wins, the other finds nothing). The view of what was deleted, or null if there was nothing
   * (someone else's, unknown, or already deleted).
   */
  async softDelete(
    tx: EntityManager,
    employerId: string,
    documentId: string,
  ): Promise<{ document: QualificationDocumentView; deletedAt: Date } | null> {
    const documents = tx.getRepository(QualificationDocumentEntity);
    const document = await documents
      .createQueryBuilder('d')
      .innerJoinAndSelect('d.file', 'f')
      .setLock('pessimistic_write', undefined, ['d'])
      .where('d.id = :documentId AND d.employerId = :employerId', { documentId, employerId })
      .getOne();
    if (!document) return null;
    const deletedAt = new Date();
    await documents.update({ id: document.id }, { deletedAt });
    return { document: toView(document), deletedAt };
  }

  async get(documentId: string): Promise<QualificationDocumentView | null> {
    const document = await this.withFile().where('d.id = :documentId', { documentId }).getOne();
    return document ? toView(document) : null;
  }

  private withFile(): SelectQueryBuilder<QualificationDocumentEntity> {
    return this.documents.createQueryBuilder('d').innerJoinAndSelect('d.file', 'f');
  }
}
