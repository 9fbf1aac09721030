import { Injectable } from '@nestjs/common';
import type { CorrectionChanges, SourceInfoCorrection } from '@netsign/contracts';
import { DataSource, type EntityManager } from 'typeorm';

const SELECT = `
  SELECT c.*, g.student_no, g.name AS graduate_name
    FROM source_info_corrections c JOIN graduates g ON g.id = c.graduate_id`;

interface CorrectionRow {
  id: string;
  graduate_id: string;
  school_code: string;
  student_no: string;
  graduate_name: string;
  changes: CorrectionChanges;
  reason: string;
  status: SourceInfoCorrection['status'];
  requested_at: Date;
  decided_at: Date | null;
  decision_reason: string | null;
}

function toCorrection(r: CorrectionRow): SourceInfoCorrection {
  return {
    id: r.id,
    graduateId: r.graduate_id,
    schoolCode: r.school_code,
    studentNo: r.student_no,
    graduateName: r.graduate_name,
    changes: r.changes,
    reason: r.reason,
    status: r.status,
    requestedAt: r.requested_at.toISOString(),
    decidedAt: r.decided_at?.toISOString() ?? null,
    decisionReason: r.decision_reason,
  };
}

@Injectable()
export class CorrectionsRepository {
  constructor(private readonly db: DataSource) {}

  async byId(
    id: string,
    db: DataSource | EntityManager = this.db,
    lock = false,
  ): Promise<SourceInfoCorrection | null> {
    const rows: CorrectionRow[] = await db.query(
      `${SELECT} WHERE c.id = $1${lock ? ' FOR UPDATE OF c' : ''}`,
      [id],
    );
    return rows[0] ? toCorrection(rows[0]) : null;
  }

  async list(schoolCode: string, status?: string): Promise<SourceInfoCorrection[]> {
    const rows: CorrectionRow[] = await this.db.query(
      `${SELECT} WHERE c.school_code = $1 AND ($2::text IS NULL OR c.status = $2) ORDER BY c.requested_at DESC LIMIT 500`,
      [schoolCode, status ?? null],
    );
    return rows.map(toCorrection);
  }

  async hasPending(graduateId: string, db: DataSource | EntityManager = this.db): Promise<boolean> {
    const rows: unknown[] = await db.query(
      `SELECT 1 FROM source_info_corrections WHERE graduate_id = $1 AND status = 'PENDING'`,
      [graduateId],
    );
    return rows.length > 0;
  }
}
