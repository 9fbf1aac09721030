import { Injectable } from '@nestjs/common';
import { requireRole, requireSchoolScope } from '@netsign/auth';
import {
  ErrorCode,
  graduateRosterUpserted,
  Role,
  ServiceError,
  type GraduateSnapshot,
  type Principal,
  type RosterImportResult,
} from '@netsign/contracts';
import { DataSource } from 'typeorm';
import { publishEventsInBulk } from '../../../common/bulk-outbox.js';
import { writeAudit } from '../../audit/audit.js';
import { IdNumberCipher } from '../../personal-data/id-number-cipher.js';
import { validateRosterRows, type RosterRecord } from '../domain/roster-row.js';
import { GraduatesRepository } from '../graduates.repository.js';
import { parseRosterFile } from '../roster-file.parser.js';
import { prepareRosterBatch, signatureOf, storedSignatures } from '../roster-upsert.js';
import { Pipeline } from '../../../common/pipeline.js';

const BATCH = 5_000;

/**
 * A school's roster file → valid rows upserted, invalid rows reported. One transaction: the
 * records and their roster-upserted events (changed rows only) commit together.
 */
@Injectable()
export class ImportRosterUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly graduates: GraduatesRepository,
    private readonly cipher: IdNumberCipher,
  ) {}

  async execute(
    actor: Principal,
    schoolCode: string,
    format: 'csv' | 'xlsx' | 'json',
    content: Buffer,
  ): Promise<RosterImportResult> {
    requireRole(actor, Role.SCHOOL_ADMIN, Role.PROVINCE_ADMIN);
    requireSchoolScope(actor, schoolCode);
    const schoolName = await this.graduates.schoolName(schoolCode);
    if (schoolName === null) throw new ServiceError(ErrorCode.NOT_FOUND, '学校不存在');
    const departments = await this.graduates.departments(schoolCode);
    const rows = await parseRosterFile(format, content);
    const { records, rejected } = validateRosterRows(rows, new Set(departments.keys()));
    let created = 0;
    let updated = 0;
    await this.db.transaction(async (tx) => {
      // Unchanged rows (the usual bulk of a re-upload) are neither encrypted nor written.
      const stored = storedSignatures(await this.graduates.lockSchoolRoster(tx, schoolCode));
      const toWrite = records
        .map((record) => ({ record, blindIndex: this.cipher.blindIndex(record.idNumber) }))
        .filter(
          ({ record, blindIndex }) =>
            stored.get(record.studentNo) !== signatureOf(record, blindIndex),
        );
      // Batches are queued on the transaction's connection as soon as they are prepared, so
      // encrypting the next batch overlaps the database writing this one (at most 2 ahead).
      const pipeline = new Pipeline(2);
      for (let i = 0; i < toWrite.length; i += BATCH) {
        const batch = prepareRosterBatch(toWrite.slice(i, i + BATCH), this.cipher);
        await pipeline.push(
          this.graduates.upsertBatch(tx, schoolCode, batch).then((changed) => {
            for (const c of changed) c.inserted ? created++ : updated++;
            const events = changed.map(({ id, record, confirmed }) => ({
              aggregateId: id,
              payload: snapshotOf(id, schoolCode, schoolName, departments, record, confirmed),
            }));
            return publishEventsInBulk(tx, graduateRosterUpserted, events);
          }),
        );
      }
      await pipeline.drain();
      await writeAudit(tx, {
        actor,
        action: 'ROSTER_IMPORTED',
        subjectType: 'school',
        subjectId: schoolCode,
        after: { format, rows: rows.length, created, updated, rejected: rejected.length },
      });
    });
    return { created, updated, unchanged: records.length - created - updated, rejected };
  }
}

function snapshotOf(
  graduateId: string,
  schoolCode: string,
  schoolName: string,
  departments: Map<string, string>,
  r: RosterRecord,
  confirmed: boolean,
): GraduateSnapshot {
  return {
    graduateId,
    schoolCode,
    schoolName,
    departmentCode: r.departmentCode,
    departmentName: departments.get(r.departmentCode)!,
    studentNo: r.studentNo,
    name: r.name,
    gender: r.gender,
    major: r.major,
    degree: r.degree,
    className: r.className,
    originPlace: r.originPlace,
    originRegionCode: r.originRegionCode,
    graduationYear: r.graduationYear,
    idNumberMasked: r.idNumberMasked,
    sourceInfoConfirmed: confirmed,
  };
}
