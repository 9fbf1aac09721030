import { Injectable } from '@nestjs/common';
import type { CorrectionBefore, CorrectionChanges, SourceInfoCorrection } from '@netsign/contracts';
import { DataSource, type EntityManager } from 'typeorm';

const SELECT = `
  SELECT c.*, g.student_no, g.name AS graduate_name,
         jsonb_build_object('name', g.name, 'gender', g.gender, 'major', g.major, 'degree', g.degree,
           'className', g.class_name, 'originPlace', g.origin_place) AS graduate_now
    FROM source_info_corrections c JOIN graduates g ON g.id = c.graduate_id`;

interface CorrectionRow {
  id: string;
  graduate_id: string;
  school_code: string;
  student_no: string;
  graduate_name: string;
  changes: CorrectionChanges;
  /** The graduate's values of the correctable fields now. */
  graduate_now: Required<CorrectionBefore>;
  /** What the approval replaced (null before approval, and for approvals before migration 1764280001000). */
  replaced: CorrectionBefore | null;
  reason: string;
  status: SourceInfoCorrection['status'];
  requested_at: Date;
  decided_at: Date | null;
  decision_reason: string | null;
}

/** The changed fields' values before the correction: now while undecided or rejected, else what the approval replaced. */
function beforeOf(r: CorrectionRow): CorrectionBefore {
  const source = r.status === 'APPROVED' ? (r.replaced ?? {}) : r.graduate_now;
  const before: CorrectionBefore = {};
  for (const field of Object.keys(r.changes) as Array<keyof CorrectionChanges>) {
    if (field in source) before[field] = source[field] ?? null;
  }
  return before;
}

function toCorrection(r: CorrectionRow): SourceInfoCorrection {
  return {
    id: r.id,
    graduateId: r.graduate_id,
    schoolCode: r.school_code,
    studentNo: r.student_no,
    graduateName: r.graduate_name,
    changes: r.changes,
    before: beforeOf(r),
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

  /** Keeps what an approval replaced (inside the approval's transaction, before the record changes). */
  async recordReplaced(tx: EntityManager, id: string, replaced: CorrectionBefore): Promise<void> {
    await tx.query(`UPDATE source_info_corrections SET replaced = $2 WHERE id = $1`, [
      id,
      JSON.stringify(replaced),
    ]);
  }

  async hasPending(graduateId: string, db: DataSource | EntityManager = this.db): Promise<boolean> {
    const rows: unknown[] = await db.query(
      `SELECT 1 FROM source_info_corrections WHERE graduate_id = $1 AND status = 'PENDING'`,
      [graduateId],
    );
    return rows.length > 0;
  }
}
