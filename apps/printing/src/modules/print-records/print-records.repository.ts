import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { appendToChain } from '@netsign/audit-chain';
import { scopeSql, type Reach } from '@netsign/auth';
import type { Actor, AgreementSnapshot, PrintStatus } from '@netsign/contracts';
import { hydrate } from '@netsign/persistence';
import { In, type EntityManager, type Repository } from 'typeorm';
import { PrintHistoryEntryEntity } from './print-history-entry.entity.js';
import { PrintRecordEntity } from './print-record.entity.js';

/** A print record as the access policy (libs/auth) sees it: the agreement it prints. */
export function printRecordResource(r: PrintRecordEntity) {
  return {
    graduate: {
      graduateId: r.graduateId,
      schoolCode: r.schoolCode,
      departmentCode: r.departmentCode,
      className: r.snapshot.graduate.className,
    },
    employerId: r.employerId,
  };
}

/**
 * The access policy's SQL condition for print records (`r`, the class as frozen in the agreement),
 * its `$n` values as the builder's named parameters (`:scope1`, …).
 */
function scopeCondition(reach: Reach): { where: string; params: Record<string, unknown> } {
  const values: unknown[] = [];
  const sql = scopeSql(
    reach,
    {
      graduateId: 'r.graduateId',
      schoolCode: 'r.schoolCode',
      departmentCode: 'r.departmentCode',
      className: `r.snapshot->'graduate'->>'className'`,
      employerId: 'r.employerId',
    },
    values,
  );
  const params: Record<string, unknown> = {};
  values.forEach((value, i) => (params[`scope${i + 1}`] = value));
  return { where: sql.replace(/\$(\d+)/g, ':scope$1'), params };
}

/** The rendered file of a render version, recorded with its READY. */
export interface RenderedFile {
  contentHash: string;
  path: string;
  sha256: string;
  size: number;
}

/** Tables `print_records` and `print_history`: the only place that reads or writes them. */
@Injectable()
export class PrintRecordsRepository {
  constructor(
    @InjectRepository(PrintRecordEntity) private readonly records: Repository<PrintRecordEntity>,
    @InjectRepository(PrintHistoryEntryEntity)
    private readonly history: Repository<PrintHistoryEntryEntity>,
  ) {}

  /** Creates the record for a newly approved agreement, QUEUED; false if it already existed. */
  async createFromApproval(
    tx: EntityManager,
    snapshot: AgreementSnapshot,
    approvedAt: string,
  ): Promise<boolean> {
    const result = await tx
      .getRepository(PrintRecordEntity)
      .createQueryBuilder()
      .insert()
      .values({
        agreementId: snapshot.agreementId,
        agreementNo: snapshot.agreementNo,
        schoolCode: snapshot.graduate.schoolCode,
        departmentCode: snapshot.graduate.departmentCode,
        employerId: snapshot.employer.employerId,
        graduateId: snapshot.graduate.graduateId,
        graduateName: snapshot.graduate.name,
        employerName: snapshot.employer.name,
        agreementStatus: 'APPROVED',
        snapshot,
        approvedAt: new Date(approvedAt),
        status: 'QUEUED',
      })
      .orIgnore()
      .returning('agreement_id')
      .execute();
    const created = (result.raw as unknown[]).length > 0;
    if (created) await this.addHistory(tx, snapshot.agreementId, null, 'QUEUED');
    return created;
  }

  async setAgreementStatus(tx: EntityManager, agreementId: string, status: string): Promise<void> {
    await tx
      .getRepository(PrintRecordEntity)
      .update({ agreementId }, { agreementStatus: status, updatedAt: () => 'now()' });
  }

  find(agreementId: string, tx?: EntityManager): Promise<PrintRecordEntity | null> {
    return this.on(tx).findOneBy({ agreementId });
  }

  /**
   * The render is the current one: READY with its file, if the record is still at this render
   * version (false otherwise: superseded by a re-render). The caller records the file as issued
   * in the same transaction.
   */
  async markReady(
    tx: EntityManager,
    agreementId: string,
    renderVersion: number,
    file: RenderedFile,
  ): Promise<boolean> {
    const result = await tx.getRepository(PrintRecordEntity).update(
      { agreementId, renderVersion },
      {
        status: 'READY',
        contentHash: file.contentHash,
        filePath: file.path,
        fileSha256: file.sha256,
        size: file.size,
        renderedAt: () => 'now()',
        lastError: null,
        updatedAt: () => 'now()',
      },
    );
    return (result.affected ?? 0) > 0;
  }

  /** The job for this render version gave up; a record re-queued since stays QUEUED. */
  async markFailed(agreementId: string, renderVersion: number, error: string): Promise<void> {
    await this.records.update(
      { agreementId, renderVersion, status: 'QUEUED' },
      { status: 'FAILED', lastError: error.slice(0, 2000), updatedAt: () => 'now()' },
    );
  }

  /**
   * A new render version (template change): queued again, old files stay for old tokens. Kept
   * as one `UPDATE … RETURNING` (the version it counted up to); undefined for no such record.
   */
  async bumpVersion(
    tx: EntityManager,
    agreementId: string,
    actor: Actor,
  ): Promise<number | undefined> {
    const result = await tx
      .getRepository(PrintRecordEntity)
      .createQueryBuilder()
      .update()
      .set({
        renderVersion: () => 'render_version + 1',
        status: 'QUEUED',
        updatedAt: () => 'now()',
      })
      .where('agreement_id = :agreementId', { agreementId })
      .returning('*')
      .execute();
    const [row] = result.raw as Array<Record<string, unknown>>;
    if (!row) return undefined;
    const bumped = hydrate(tx, PrintRecordEntity, row);
    await this.addHistory(tx, agreementId, actor, `RERENDER v${bumped.renderVersion}`);
    return bumped.renderVersion;
  }

  /** Records QUEUED for longer than this, oldest first (their agreement and render version). */
  queued(olderThanSeconds: number): Promise<PrintRecordEntity[]> {
    return this.records
      .createQueryBuilder('r')
      .select(['r.agreementId', 'r.renderVersion'])
      .where(`r.status = 'QUEUED'`)
      .andWhere('r.updated_at < now() - make_interval(secs => :secs)', { secs: olderThanSeconds })
      .orderBy('r.createdAt')
      .limit(10000)
      .getMany();
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
        tx.getRepository(PrintHistoryEntryEntity).insert({
          agreementId: id,
          actor: who,
          action,
          at,
          seq: link.seq,
          prevHash: link.prevHash,
          hash: link.hash,
        }),
    );
  }

  /** The records in scope (optionally of one status), newest first, and how many there are. */
  list(
    scope: Reach,
    status: PrintStatus | undefined,
    page: number,
    pageSize: number,
  ): Promise<[PrintRecordEntity[], number]> {
    const { where, params } = scopeCondition(scope);
    const qb = this.records.createQueryBuilder('r').where(where, params);
    if (status) qb.andWhere('r.status = :status', { status });
    return qb
      .orderBy('r.createdAt', 'DESC')
      .offset((page - 1) * pageSize)
      .limit(pageSize)
      .getManyAndCount();
  }

  /** The history of each of these records, in the order it happened. */
  async historyOf(agreementIds: string[]): Promise<Map<string, PrintHistoryEntryEntity[]>> {
    const byRecord = new Map<string, PrintHistoryEntryEntity[]>(agreementIds.map((id) => [id, []]));
    if (agreementIds.length === 0) return byRecord;
    const entries = await this.history.find({
      where: { agreementId: In(agreementIds) },
      order: { at: 'ASC', id: 'ASC' },
    });
    for (const entry of entries) byRecord.get(entry.agreementId)?.push(entry);
    return byRecord;
  }

  private on(tx?: EntityManager): Repository<PrintRecordEntity> {
    return tx ? tx.getRepository(PrintRecordEntity) : this.records;
  }
}
