import { Injectable } from '@nestjs/common';
import type { QualificationDocumentKind, QualificationDocumentView } from '@netsign/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { toStoredFileView, type StoredFileRow } from '../files/uploads.repository.js';

interface DocumentRow extends StoredFileRow {
  document_id: string;
  employer_id: string;
  kind: QualificationDocumentKind;
}

const SELECT = `SELECT f.*, d.id AS document_id, d.employer_id, d.kind
  FROM qualification_documents d JOIN stored_files f ON f.id = d.file_id`;

function toView(r: DocumentRow): QualificationDocumentView {
  return { ...toStoredFileView(r), id: r.document_id, employerId: r.employer_id, kind: r.kind };
}

@Injectable()
export class QualificationDocumentRepository {
  constructor(private readonly db: DataSource) {}

  async insert(
    tx: EntityManager,
    employerId: string,
    kind: QualificationDocumentKind,
    fileId: string,
  ): Promise<string> {
    const [row] = (await tx.query(
      `INSERT INTO qualification_documents (employer_id, kind, file_id) VALUES ($1, $2, $3) RETURNING id`,
      [employerId, kind, fileId],
    )) as Array<{ id: string }>;
    return row!.id;
  }

  async ofEmployer(employerId: string): Promise<QualificationDocumentView[]> {
    const rows = (await this.db.query(
      `${SELECT} WHERE d.employer_id = $1 ORDER BY d.uploaded_at, d.id`,
      [employerId],
    )) as DocumentRow[];
    return rows.map(toView);
  }

  /** The stored file of one of the employer's documents (null if it is someone else's). */
  async fileOf(employerId: string, documentId: string): Promise<StoredFileRow | null> {
    const [row] = (await this.db.query(`${SELECT} WHERE d.id = $1 AND d.employer_id = $2`, [
      documentId,
      employerId,
    ])) as DocumentRow[];
    return row ?? null;
  }

  async get(documentId: string): Promise<QualificationDocumentView | null> {
    const [row] = (await this.db.query(`${SELECT} WHERE d.id = $1`, [documentId])) as DocumentRow[];
    return row ? toView(row) : null;
  }
}
