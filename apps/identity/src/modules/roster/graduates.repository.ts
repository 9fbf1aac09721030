import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { scopeSql, type Reach } from '@netsign/auth';
import type { Destination, GraduateSnapshot } from '@netsign/contracts';
import { hydrate, isUuid, preparedQuery } from '@netsign/persistence';
import type { DataSource, EntityManager, Repository } from 'typeorm';
import { DepartmentEntity } from '../accounts/department.entity.js';
import { SchoolEntity } from '../accounts/school.entity.js';
import { GRADUATE_SCOPE_COLUMNS } from './graduate-access.js';
import { GraduateEntity } from './graduate.entity.js';
import { RosterUploadPartEntity } from './roster-upload-part.entity.js';
import type { PreparedBatch, UpsertedRow } from './roster-upsert.js';

type Db = DataSource | EntityManager;

/** A roster entry with its school's and department's names: everything a snapshot needs. */
export type Graduate = GraduateEntity & { schoolName: string; departmentName: string };

/** Graduate columns joined with school and department names. */
const SNAPSHOT_SELECT = `
  SELECT g.*, s.name AS school_name, d.name AS department_name
    FROM graduates g
    JOIN schools s ON s.code = g.school_code
    JOIN departments d ON d.school_code = g.school_code AND d.code = g.department_code`;

type SnapshotRow = Record<string, unknown> & { school_name: string; department_name: string };

/** The one mapping of a joined graduates row: the entity's metadata plus the two names. */
function toGraduate(db: Db, row: SnapshotRow): Graduate {
  return Object.assign(hydrate(db, GraduateEntity, row), {
    schoolName: row.school_name,
    departmentName: row.department_name,
  });
}

export function toSnapshot(g: Graduate): GraduateSnapshot {
  return {
    graduateId: g.id,
    schoolCode: g.schoolCode,
    schoolName: g.schoolName,
    departmentCode: g.departmentCode,
    departmentName: g.departmentName,
    studentNo: g.studentNo,
    name: g.name,
    gender: g.gender,
    major: g.major,
    degree: g.degree,
    className: g.className,
    originPlace: g.originPlace,
    originRegionCode: g.originRegionCode ?? null,
    graduationYear: Number(g.graduationYear),
    idNumberMasked: g.idNumberMasked,
    sourceInfoConfirmed: g.sourceInfoConfirmedAt !== null,
  };
}

/** The fields an approved source-info correction changes. */
export type GraduateCorrection = Partial<
  Pick<
    GraduateEntity,
    'name' | 'gender' | 'major' | 'degree' | 'className' | 'originPlace' | 'originRegionCode'
  >
>;

export interface GraduateListFilter {
  schoolCode: string;
  /** Whom the caller may see (the access policy's `graduate.see`). */
  reach: Reach;
  departmentCode?: string | undefined;
  destination?: Destination | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Tables `graduates` and `roster_upload_parts`: the only place that reads or writes them. */
@Injectable()
export class GraduatesRepository {
  constructor(
    @InjectRepository(GraduateEntity) private readonly graduates: Repository<GraduateEntity>,
  ) {}

  private get db(): EntityManager {
    return this.graduates.manager;
  }

  async byId(id: string, db: Db = this.db, lock = false): Promise<Graduate | null> {
    if (!UUID.test(id)) return null;
    const rows: SnapshotRow[] = await db.query(
      `${SNAPSHOT_SELECT} WHERE g.id = $1${lock ? ' FOR UPDATE OF g' : ''}`,
      [id],
    );
    return rows[0] ? toGraduate(db, rows[0]) : null;
  }

  /** Hot (every employer's match, every binding): a named prepared statement. */
  async byStudentNo(
    schoolCode: string,
    studentNo: string,
    db: Db = this.db,
    lock = false,
  ): Promise<Graduate | null> {
    const rows = await preparedQuery<SnapshotRow>(
      db,
      `identity-graduate-by-student-no${lock ? '-lock' : ''}`,
      `${SNAPSHOT_SELECT} WHERE g.school_code = $1 AND g.student_no = $2${lock ? ' FOR UPDATE OF g' : ''}`,
      [schoolCode, studentNo],
    );
    return rows[0] ? toGraduate(db, rows[0]) : null;
  }

  async byOpenId(openId: string, db: Db = this.db): Promise<Graduate | null> {
    const rows: SnapshotRow[] = await db.query(`${SNAPSHOT_SELECT} WHERE g.wechat_open_id = $1`, [
      openId,
    ]);
    return rows[0] ? toGraduate(db, rows[0]) : null;
  }

  /** The school's departments, code → name. */
  async departments(schoolCode: string, db: Db = this.db): Promise<Map<string, string>> {
    const rows = await db.getRepository(DepartmentEntity).findBy({ schoolCode });
    return new Map(rows.map((d) => [d.code, d.name]));
  }

  async schoolName(schoolCode: string, db: Db = this.db): Promise<string | null> {
    const school = await db.getRepository(SchoolEntity).findOneBy({ code: schoolCode });
    return school?.name ?? null;
  }

  /**
   * One page of the school's roster as far as `reach` allows, by department and student number;
   * page and total from one snapshot, so they agree while an import runs.
   */
  async page(filter: GraduateListFilter): Promise<{ rows: Graduate[]; total: number }> {
    const params: unknown[] = [filter.schoolCode];
    const param = (value: unknown) => `$${params.push(value)}`;
    const where = ['g.school_code = $1', scopeSql(filter.reach, GRADUATE_SCOPE_COLUMNS, params)];
    if (filter.departmentCode) where.push(`g.department_code = ${param(filter.departmentCode)}`);
    if (filter.destination) where.push(`g.destination = ${param(filter.destination)}`);
    if (filter.q) {
      const q = param(filter.q);
      where.push(`(g.student_no = ${q} OR starts_with(g.name, ${q}))`);
    }
    const sql = where.join(' AND ');
    return this.db.transaction('REPEATABLE READ', async (tx) => {
      const counted: Array<{ n: string }> = await tx.query(
        `SELECT count(*) AS n FROM graduates g WHERE ${sql}`,
        params,
      );
      const rows: SnapshotRow[] = await tx.query(
        `${SNAPSHOT_SELECT} WHERE ${sql} ORDER BY g.department_code, g.student_no
         LIMIT ${filter.pageSize} OFFSET ${(filter.page - 1) * filter.pageSize}`,
        params,
      );
      return { rows: rows.map((r) => toGraduate(tx, r)), total: Number(counted[0]?.n ?? 0) };
    });
  }

  /**
   * The school's stored records, read under a per-school lock so that two imports of one school
   * run one after the other (the lock is the transaction's).
   */
  async lockSchoolRoster(tx: EntityManager, schoolCode: string): Promise<GraduateEntity[]> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`identity-roster:${schoolCode}`]);
    return tx.getRepository(GraduateEntity).find({
      where: { schoolCode },
      select: {
        studentNo: true,
        name: true,
        gender: true,
        idBlindIndex: true,
        departmentCode: true,
        major: true,
        degree: true,
        className: true,
        originPlace: true,
        originRegionCode: true,
        graduationYear: true,
      },
    });
  }

  /**
   * Upserts one batch by (school, student number) with a single multi-row statement. A row whose
   * values are all equal (ID compared by blind index, as ciphertexts differ per write) is left
   * untouched and not returned, so only real changes announce an event.
   */
  async upsertBatch(
    tx: EntityManager,
    schoolCode: string,
    batch: PreparedBatch,
  ): Promise<UpsertedRow[]> {
    const rows: Array<{ id: string; inserted: boolean; student_no: string; confirmed: boolean }> =
      await tx.query(
        `INSERT INTO graduates (id, school_code, ${COLUMNS})
     SELECT id, $1, ${COLUMNS} FROM json_to_recordset($2::json) AS t(id uuid, student_no text, name text, gender text,
       id_number_enc text, id_key_id text, id_blind_index text, id_number_masked text, department_code text,
       major text, degree text, class_name text, origin_place text, origin_region_code text, graduation_year int)
     ON CONFLICT (school_code, student_no) DO UPDATE SET
       name = EXCLUDED.name, gender = EXCLUDED.gender, id_number_enc = EXCLUDED.id_number_enc,
       id_key_id = EXCLUDED.id_key_id, id_blind_index = EXCLUDED.id_blind_index,
       id_number_masked = EXCLUDED.id_number_masked, department_code = EXCLUDED.department_code,
       major = EXCLUDED.major, degree = EXCLUDED.degree, class_name = EXCLUDED.class_name,
       origin_place = EXCLUDED.origin_place,
       origin_region_code = EXCLUDED.origin_region_code, graduation_year = EXCLUDED.graduation_year, updated_at = now()
     WHERE (graduates.name, graduates.gender, graduates.id_blind_index, graduates.department_code, graduates.major,
            graduates.degree, graduates.class_name, graduates.origin_place, graduates.origin_region_code,
            graduates.graduation_year)
       IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.gender, EXCLUDED.id_blind_index, EXCLUDED.department_code,
            EXCLUDED.major, EXCLUDED.degree, EXCLUDED.class_name, EXCLUDED.origin_place, EXCLUDED.origin_region_code,
            EXCLUDED.graduation_year)
     RETURNING id, (xmax = 0) AS inserted, student_no, source_info_confirmed_at IS NOT NULL AS confirmed`,
        [schoolCode, batch.json],
      );
    const byNo = new Map(batch.records.map((r) => [r.studentNo, r]));
    return rows.map((r) => ({
      id: r.id,
      inserted: r.inserted,
      confirmed: r.confirmed,
      record: byNo.get(r.student_no)!,
    }));
  }

  /** Marks the source info confirmed now; the moment it was stored. */
  async confirmSourceInfo(tx: EntityManager, id: string): Promise<Date> {
    const result = await tx
      .getRepository(GraduateEntity)
      .createQueryBuilder()
      .update()
      .set({ sourceInfoConfirmedAt: () => 'now()' })
      .where('id = :id', { id })
      .returning('*')
      .execute();
    const rows = result.raw as Array<Record<string, unknown>>;
    return hydrate(tx, GraduateEntity, rows[0]!).sourceInfoConfirmedAt!;
  }

  /** Applies an approved correction's fields (names as the entity's) and bumps `updated_at`. */
  async applyCorrection(tx: EntityManager, id: string, changes: GraduateCorrection): Promise<void> {
    await tx
      .getRepository(GraduateEntity)
      .createQueryBuilder()
      .update()
      .set({ ...changes, updatedAt: () => 'now()' })
      .where('id = :id', { id })
      .execute();
  }

  /** Binds the openid to the graduate (the partial unique index refuses one bound elsewhere). */
  async bindWechat(tx: EntityManager, id: string, openId: string): Promise<void> {
    await tx
      .getRepository(GraduateEntity)
      .createQueryBuilder()
      .update()
      .set({ wechatOpenId: openId, wechatBoundAt: () => 'now()' })
      .where('id = :id', { id })
      .execute();
  }

  /** Releases the binding and sets the binding's new session version. */
  async releaseWechat(tx: EntityManager, id: string, bindingVersion: number): Promise<void> {
    await tx
      .getRepository(GraduateEntity)
      .update({ id }, { wechatOpenId: null, wechatBoundAt: null, bindingVersion });
  }

  /** Signing's destination change; the newest wins whatever order they arrive in. */
  async recordDestination(
    tx: EntityManager,
    graduateId: string,
    to: Destination,
    changedAt: string,
  ): Promise<void> {
    // Hot (every signing): by primary key; an id that is not a uuid matches no graduate.
    if (!isUuid(graduateId)) return;
    await preparedQuery(
      tx,
      'identity-graduate-record-destination',
      `UPDATE graduates SET destination = $2, destination_changed_at = $3
        WHERE id = $1 AND (destination_changed_at IS NULL OR destination_changed_at <= $3)`,
      [graduateId, to, changedAt],
    );
  }

  /** Drops parts of uploads abandoned for a day. */
  async deleteStaleUploadParts(): Promise<void> {
    await this.db
      .getRepository(RosterUploadPartEntity)
      .createQueryBuilder()
      .delete()
      .where(`created_at < now() - interval '1 day'`)
      .execute();
  }

  /** Stores a part (already encrypted); a part sent again replaces the first. */
  async storeUploadPart(
    part: Pick<RosterUploadPartEntity, 'uploadId' | 'schoolCode' | 'seq' | 'data'>,
  ): Promise<void> {
    await this.db
      .getRepository(RosterUploadPartEntity)
      .createQueryBuilder()
      .insert()
      .values(part)
      .orUpdate(['data'], ['upload_id', 'seq'])
      .updateEntity(false)
      .execute();
  }

  /** Deletes and returns the upload's parts (any order). */
  async takeUploadParts(schoolCode: string, uploadId: string): Promise<RosterUploadPartEntity[]> {
    const result = await this.db
      .getRepository(RosterUploadPartEntity)
      .createQueryBuilder()
      .delete()
      .where('upload_id = :uploadId AND school_code = :schoolCode', { uploadId, schoolCode })
      .returning(['seq', 'data'])
      .execute();
    const rows = result.raw as Array<Record<string, unknown>>;
    return rows.map((r) => hydrate(this.db, RosterUploadPartEntity, r));
  }
}

const COLUMNS = `student_no, name, gender, id_number_enc, id_key_id, id_blind_index, id_number_masked,
  department_code, major, degree, class_name, origin_place, origin_region_code, graduation_year`;
