import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { AgreementSnapshot } from '@netsign/contracts';
import { preparedQuery } from '@netsign/persistence';
import type { EntityManager, Repository } from 'typeorm';
import { AgreementEntity } from './agreement.entity.js';

/**
 * Table `agreements`, review's copy of the agreements signing announces (what tasks and
 * terminations are about): the only place that writes it.
 */
@Injectable()
export class AgreementProjectionRepository {
  constructor(
    @InjectRepository(AgreementEntity) private readonly agreements: Repository<AgreementEntity>,
  ) {}

  /** Kept as a prepared statement (every signing event): a newer version replaces an older one. */
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

  async get(
    agreementId: string,
    tx?: EntityManager,
    lock = false,
  ): Promise<AgreementEntity | null> {
    return (tx ? tx.getRepository(AgreementEntity) : this.agreements).findOne({
      where: { agreementId },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }
}
