import { Injectable } from '@nestjs/common';
import type { AgreementSnapshot, AgreementStatus, SigningMethod } from '@netsign/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { preparedQuery } from '@netsign/persistence';

export interface AgreementRow {
  agreementId: string;
  agreementNo: string;
  method: SigningMethod;
  status: AgreementStatus;
  version: number;
  graduateId: string;
  schoolCode: string;
  departmentCode: string;
  className: string | null;
  employerId: string;
  snapshot: AgreementSnapshot;
}

const COLUMNS = `agreement_id AS "agreementId", agreement_no AS "agreementNo", method, status, version,
  graduate_id AS "graduateId", school_code AS "schoolCode", department_code AS "departmentCode",
  class_name AS "className", employer_id AS "employerId", snapshot`;

/** Review's copy of the agreements signing announces: what tasks and terminations are about. */
@Injectable()
export class AgreementProjectionRepository {
  constructor(private readonly db: DataSource) {}

  async upsert(tx: EntityManager, a: AgreementSnapshot): Promise<void> {
    await preparedQuery(
      tx,
      'review-agreement-upsert',
      `INSERT INTO agreements (agreement_id, agreement_no, method, status, version, graduate_id, school_code,
         department_code, class_name, employer_id, snapshot, signed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (agreement_id) DO UPDATE SET status = EXCLUDED.status, version = EXCLUDED.version,
         snapshot = EXCLUDED.snapshot, updated_at = now()
       WHERE agreements.version < EXCLUDED.version`,
      [
        a.agreementId,
        a.agreementNo,
        a.method,
        a.status,
        a.version,
        a.graduate.graduateId,
        a.graduate.schoolCode,
        a.graduate.departmentCode,
        a.graduate.className,
        a.employer.employerId,
        JSON.stringify(a),
        a.signedAt,
      ],
    );
  }

  async get(agreementId: string, tx?: EntityManager, lock = false): Promise<AgreementRow | null> {
    const [row] = (await (tx ?? this.db).query(
      `SELECT ${COLUMNS} FROM agreements WHERE agreement_id = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [agreementId],
    )) as AgreementRow[];
    return row ?? null;
  }
}
