import { Injectable } from '@nestjs/common';
import type { AgreementSnapshot, PrintRecordView, PrintStatus } from '@netsign/contracts';
import { appendToChain } from '@netsign/audit-chain';
import { scopeSql, type Reach, type ScopeColumns } from '@netsign/auth';
import { DataSource, type EntityManager } from 'typeorm';

export interface PrintRecordRow {
  agreement_id: string;
  agreement_no: string;
  school_code: string;
  department_code: string;
  employer_id: string;
  graduate_id: string;
  graduate_name: string;
  employer_name: string;
  agreement_status: string;
  snapshot: AgreementSnapshot;
  approved_at: Date;
  status: PrintStatus;
  render_version: number;
  content_hash: string | null;
  file_path: string | null;
  file_sha256: string | null;
  size: number | null;
  rendered_at: Date | null;
  last_error: string | null;
}

/** A print record as the access policy (libs/auth) sees it: the agreement it prints. */
export function printRecordResource(r: PrintRecordRow) {
  return {
    graduate: {
      graduateId: r.graduate_id,
      schoolCode: r.school_code,
      departmentCode: r.department_code,
      className: r.snapshot.graduate.className,
    },
    employerId: r.employer_id,
  };
}

/** print_records in the access policy's terms (the class as frozen in the agreement). */
const SCOPE_COLUMNS: ScopeColumns = {
  graduateId: 'graduate_id',
  schoolCode: 'school_code',
  departmentCode: 'department_code',
  className: `snapshot->'graduate'->>'className'`,
  employerId: 'employer_id',
};

type Actor = { userId: string; role: string } | null;

/** Print records and their history; raw SQL on the printing schema. */
@Injectable()
export class PrintRecordsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Creates the record for a newly approved agreement; false if it already existed. */
  async createFromApproval(
    tx: EntityManager,
    snapshot: AgreementSnapshot,
    approvedAt: string,
  ): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `INSERT INTO print_records (agreement_id, agreement_no, school_code, department_code, employer_id,
         graduate_id, graduate_name, employer_name, agreement_status, snapshot, approved_at, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'APPROVED', $9, $10, 'QUEUED')
       ON CONFLICT (agreement_id) DO NOTHING RETURNING agreement_id`,
      [
        snapshot.agreementId,
        snapshot.agreementNo,
        snapshot.graduate.schoolCode,
        snapshot.graduate.departmentCode,
        snapshot.employer.employerId,
        snapshot.graduate.graduateId,
        snapshot.graduate.name,
        snapshot.employer.name,
        JSON.stringify(snapshot),
        approvedAt,
      ],
    );
    if (rows.length > 0) await this.addHistory(tx, snapshot.agreementId, null, 'QUEUED');
    return rows.length > 0;
  }

  async setAgreementStatus(tx: EntityManager, agreementId: string, status: string): Promise<void> {
    await tx.query(
      `UPDATE print_records SET agreement_status = $2, updated_at = now() WHERE agreement_id = $1`,
      [agreementId, status],
    );
  }

  find(
    agreementId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<PrintRecordRow | undefined> {
    return manager
      .query(`SELECT * FROM print_records WHERE agreement_id = $1`, [agreementId])
      .then((rows: PrintRecordRow[]) => rows[0]);
  }

  /**
   * The render is the current one: READY, and its file recorded as issued in the same
   * transaction (POST /api/verify/file recognises exactly the files that could be downloaded).
   */
  async markReady(
    agreementId: string,
    renderVersion: number,
    file: {
      contentHash: string;
      path: string;
      sha256: string;
      size: number;
      certificateFingerprint: string | null;
    },
  ): Promise<boolean> {
    return this.dataSource.transaction(async (tx) => {
      const rows = returnedRows<{ agreement_id: string }>(
        await tx.query(
          `UPDATE print_records SET status = 'READY', content_hash = $3, file_path = $4, file_sha256 = $5,
           size = $6, rendered_at = now(), last_error = NULL, updated_at = now()
         WHERE agreement_id = $1 AND render_version = $2 RETURNING agreement_id`,
          [agreementId, renderVersion, file.contentHash, file.path, file.sha256, file.size],
        ),
      );
      if (rows.length === 0) return false;
      await tx.query(
        `INSERT INTO issued_pdfs (sha256, agreement_id, render_version, size, certificate_fingerprint)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (sha256) DO NOTHING`,
        [file.sha256, agreementId, renderVersion, file.size, file.certificateFingerprint],
      );
      await this.addHistory(tx, agreementId, null, `RENDERED v${renderVersion}`);
      return true;
    });
  }

  async markFailed(agreementId: string, renderVersion: number, error: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE print_records SET status = 'FAILED', last_error = $3, updated_at = now()
        WHERE agreement_id = $1 AND render_version = $2 AND status = 'QUEUED'`,
      [agreementId, renderVersion, error.slice(0, 2000)],
    );
  }

  /** A new render version (template change): queued again, old files stay for old tokens. */
  async bumpVersion(agreementId: string, actor: Actor): Promise<number | undefined> {
    return this.dataSource.transaction(async (tx) => {
      const rows = returnedRows<{ render_version: number }>(
        await tx.query(
          `UPDATE print_records SET render_version = render_version + 1, status = 'QUEUED', updated_at = now()
          WHERE agreement_id = $1 RETURNING render_version`,
          [agreementId],
        ),
      );
      if (rows[0])
        await this.addHistory(tx, agreementId, actor, `RERENDER v${rows[0].render_version}`);
      return rows[0]?.render_version;
    });
  }

  queued(
    olderThanSeconds: number,
  ): Promise<Array<{ agreement_id: string; render_version: number }>> {
    return this.dataSource.query(
      `SELECT agreement_id, render_version FROM print_records
        WHERE status = 'QUEUED' AND updated_at < now() - make_interval(secs => $1)
        ORDER BY created_at LIMIT 10000`,
      [olderThanSeconds],
    );
  }

  /** The next entry of the record's history, chained per record (docs/audit-chain.md); inside the caller's transaction. */
  async addHistory(
    tx: EntityManager,
    agreementId: string,
    actor: Actor,
    action: string,
  ): Promise<void> {
    const who = actor ? { userId: actor.userId, role: actor.role } : null;
    const at = new Date();
    const id = agreementId.toLowerCase(); // as Postgres prints the uuid column
    await appendToChain(
      tx,
      { aggregateType: 'print-record', aggregateId: id, action, actor: who, at, payload: {} },
      (link) =>
        tx.query(
          `INSERT INTO print_history (agreement_id, actor, action, at, seq, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [id, who ? JSON.stringify(who) : null, action, at, link.seq, link.prevHash, link.hash],
        ),
    );
  }

  async list(scope: Reach, status: PrintStatus | undefined, page: number, pageSize: number) {
    const params: unknown[] = [];
    const where = [scopeSql(scope, SCOPE_COLUMNS, params)];
    if (status) where.push(`status = $${params.push(status)}`);
    const clause = `WHERE ${where.join(' AND ')}`;
    const [{ total }] = (await this.dataSource.query(
      `SELECT count(*)::int AS total FROM print_records ${clause}`,
      params,
    )) as [{ total: number }];
    const rows: PrintRecordRow[] = await this.dataSource.query(
      `SELECT * FROM print_records ${clause} ORDER BY created_at DESC LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      params,
    );
    const items = await Promise.all(rows.map((r) => this.view(r)));
    return { items, total };
  }

  async view(row: PrintRecordRow): Promise<PrintRecordView> {
    const history: Array<{ at: Date; actor: Actor; action: string }> = await this.dataSource.query(
      `SELECT at, actor, action FROM print_history WHERE agreement_id = $1 ORDER BY at, id`,
      [row.agreement_id],
    );
    return {
      agreementId: row.agreement_id,
      agreementNo: row.agreement_no,
      graduateName: row.graduate_name,
      employerName: row.employer_name,
      schoolCode: row.school_code,
      departmentCode: row.department_code,
      departmentName: row.snapshot.graduate.departmentName,
      agreementStatus: row.agreement_status,
      status: row.status,
      renderVersion: row.render_version,
      contentHash: row.content_hash,
      fileSha256: row.file_sha256,
      size: row.size,
      renderedAt: row.rendered_at ? row.rendered_at.toISOString() : null,
      history: history.map((h) => ({ at: h.at.toISOString(), actor: h.actor, action: h.action })),
    };
  }
}

/**
 * TypeORM's `query()` answers an UPDATE with `[rows, rowCount]`, not the rows: the rows of an
 * `UPDATE … RETURNING` whatever its command (without it a re-render read `render_version` of an
 * array — "第 undefined 版" — and queued a job for version undefined that the worker skipped).
 */
function returnedRows<T>(raw: unknown): T[] {
  if (Array.isArray(raw) && raw.length === 2 && Array.isArray(raw[0]) && typeof raw[1] === 'number')
    return raw[0] as T[];
  return raw as T[];
}
