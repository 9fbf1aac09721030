import { Injectable } from '@nestjs/common';
import type { Destination, GraduateSnapshot } from '@netsign/contracts';
import { preparedQuery } from '@netsign/persistence';
import type { EntityManager } from 'typeorm';
import type { GraduateEntity } from './graduate.entity.js';

/** Signing's view of a graduate: roster facts from identity's events + the destination it owns. */
export interface GraduateRow {
  graduateId: string;
  schoolCode: string;
  departmentCode: string;
  sourceInfoConfirmed: boolean;
  destination: Destination;
  note: string | null;
  /** 毕业去向代码 (docs/standard-codes.md). */
  destinationCode: string | null;
  snapshot: GraduateSnapshot;
}

const COLUMNS = `graduate_id, school_code, department_code, source_info_confirmed, destination, destination_note,
  destination_code, snapshot`;

/** `graduates` as `SELECT ${COLUMNS}` answers it: GraduateEntity's columns by their database names. */
interface GraduateColumns {
  graduate_id: GraduateEntity['graduateId'];
  school_code: GraduateEntity['schoolCode'];
  department_code: GraduateEntity['departmentCode'];
  source_info_confirmed: GraduateEntity['sourceInfoConfirmed'];
  destination: GraduateEntity['destination'];
  destination_note: GraduateEntity['destinationNote'];
  destination_code: GraduateEntity['destinationCode'];
  snapshot: GraduateEntity['snapshot'];
}

function toRow(r: GraduateColumns): GraduateRow {
  return {
    graduateId: r.graduate_id,
    schoolCode: r.school_code,
    departmentCode: r.department_code,
    sourceInfoConfirmed: r.source_info_confirmed,
    destination: r.destination,
    note: r.destination_note ?? null,
    destinationCode: r.destination_code ?? null,
    snapshot: r.snapshot,
  };
}

@Injectable()
export class GraduateProjectionRepository {
  /**
   * Writes identity's snapshot and returns the row locked for this transaction: concurrent
   * signings for one graduate queue here, and each sees the destination the previous one left.
   * The partial unique index would stop a second agreement without it; what only the lock
   * prevents is a signing overwriting a destination a school admin is recording at that moment
   * (test/graduate-row-lock.integration-spec.ts).
   */
  async upsertAndLock(tx: EntityManager, s: GraduateSnapshot): Promise<GraduateRow> {
    const rows = await preparedQuery<Omit<GraduateColumns, 'snapshot'>>(
      tx,
      'signing-graduate-upsert-lock',
      `INSERT INTO graduates (graduate_id, school_code, department_code, source_info_confirmed, snapshot)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (graduate_id) DO UPDATE SET school_code = EXCLUDED.school_code,
         department_code = EXCLUDED.department_code, source_info_confirmed = EXCLUDED.source_info_confirmed,
         snapshot = EXCLUDED.snapshot, updated_at = now()
       RETURNING graduate_id, school_code, department_code, source_info_confirmed, destination, destination_note,
                 destination_code`,
      [s.graduateId, s.schoolCode, s.departmentCode, s.sourceInfoConfirmed, JSON.stringify(s)],
    );
    // The snapshot just written is the caller's: not sent back.
    return toRow({ ...rows[0]!, snapshot: s });
  }

  async markConfirmed(tx: EntityManager, graduateId: string): Promise<void> {
    await tx.query(
      `UPDATE graduates SET source_info_confirmed = true,
              snapshot = jsonb_set(snapshot, '{sourceInfoConfirmed}', 'true'), updated_at = now()
        WHERE graduate_id = $1`,
      [graduateId],
    );
  }

  async lockInSchool(
    tx: EntityManager,
    schoolCode: string,
    graduateId: string,
  ): Promise<GraduateRow | null> {
    const rows: GraduateColumns[] = await tx.query(
      `SELECT ${COLUMNS} FROM graduates WHERE graduate_id = $1 AND school_code = $2 FOR UPDATE`,
      [graduateId, schoolCode],
    );
    return rows[0] ? toRow(rows[0]) : null;
  }

  async lock(tx: EntityManager, graduateId: string): Promise<GraduateRow | null> {
    const rows: GraduateColumns[] = await tx.query(
      `SELECT ${COLUMNS} FROM graduates WHERE graduate_id = $1 FOR UPDATE`,
      [graduateId],
    );
    return rows[0] ? toRow(rows[0]) : null;
  }

  async find(
    db: Pick<EntityManager, 'query'>,
    schoolCode: string,
    graduateIds: string[],
  ): Promise<GraduateRow[]> {
    const rows: GraduateColumns[] = await db.query(
      `SELECT ${COLUMNS} FROM graduates WHERE school_code = $1 AND graduate_id = ANY($2::text[])`,
      [schoolCode, graduateIds],
    );
    return rows.map(toRow);
  }
}
