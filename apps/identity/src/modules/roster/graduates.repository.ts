import { Injectable } from '@nestjs/common';
import type { GraduateSnapshot } from '@netsign/contracts';
import { preparedQuery } from '@netsign/persistence';
import { DataSource, type EntityManager } from 'typeorm';

type Db = DataSource | EntityManager;

/** Graduate columns joined with school and department names: everything a snapshot needs. */
export const SNAPSHOT_SELECT = `
  SELECT g.id, g.school_code, s.name AS school_name, g.department_code, d.name AS department_name,
         g.student_no, g.name, g.gender, g.major, g.degree, g.class_name, g.origin_place, g.origin_region_code,
         g.graduation_year, g.id_number_masked, g.source_info_confirmed_at, g.wechat_open_id,
         g.id_number_enc, g.id_key_id, g.id_blind_index, g.binding_version
    FROM graduates g
    JOIN schools s ON s.code = g.school_code
    JOIN departments d ON d.school_code = g.school_code AND d.code = g.department_code`;

export interface GraduateRow {
  id: string;
  school_code: string;
  school_name: string;
  department_code: string;
  department_name: string;
  student_no: string;
  name: string;
  gender: string;
  major: string;
  degree: string;
  class_name: string | null;
  origin_place: string;
  origin_region_code: string | null;
  graduation_year: number;
  id_number_masked: string;
  source_info_confirmed_at: Date | null;
  wechat_open_id: string | null;
  id_number_enc: string;
  id_key_id: string;
  id_blind_index: string;
  /** Raised when the WeChat binding is released; the binding's tokens carry it (`sv`). */
  binding_version: number;
}

export function toSnapshot(r: GraduateRow): GraduateSnapshot {
  return {
    graduateId: r.id,
    schoolCode: r.school_code,
    schoolName: r.school_name,
    departmentCode: r.department_code,
    departmentName: r.department_name,
    studentNo: r.student_no,
    name: r.name,
    gender: r.gender,
    major: r.major,
    degree: r.degree,
    className: r.class_name,
    originPlace: r.origin_place,
    originRegionCode: r.origin_region_code ?? null,
    graduationYear: Number(r.graduation_year),
    idNumberMasked: r.id_number_masked,
    sourceInfoConfirmed: r.source_info_confirmed_at !== null,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class GraduatesRepository {
  constructor(private readonly db: DataSource) {}

  async byId(id: string, db: Db = this.db, lock = false): Promise<GraduateRow | null> {
    if (!UUID.test(id)) return null;
    const rows: GraduateRow[] = await db.query(
      `${SNAPSHOT_SELECT} WHERE g.id = $1${lock ? ' FOR UPDATE OF g' : ''}`,
      [id],
    );
    return rows[0] ?? null;
  }

  async byStudentNo(
    schoolCode: string,
    studentNo: string,
    db: Db = this.db,
    lock = false,
  ): Promise<GraduateRow | null> {
    const rows = await preparedQuery<GraduateRow>(
      db,
      `identity-graduate-by-student-no${lock ? '-lock' : ''}`,
      `${SNAPSHOT_SELECT} WHERE g.school_code = $1 AND g.student_no = $2${lock ? ' FOR UPDATE OF g' : ''}`,
      [schoolCode, studentNo],
    );
    return rows[0] ?? null;
  }

  async byOpenId(openId: string, db: Db = this.db): Promise<GraduateRow | null> {
    const rows: GraduateRow[] = await db.query(`${SNAPSHOT_SELECT} WHERE g.wechat_open_id = $1`, [
      openId,
    ]);
    return rows[0] ?? null;
  }

  async departments(schoolCode: string, db: Db = this.db): Promise<Map<string, string>> {
    const rows: Array<{ code: string; name: string }> = await db.query(
      `SELECT code, name FROM departments WHERE school_code = $1`,
      [schoolCode],
    );
    return new Map(rows.map((r) => [r.code, r.name]));
  }

  async schoolName(schoolCode: string, db: Db = this.db): Promise<string | null> {
    const rows: Array<{ name: string }> = await db.query(
      `SELECT name FROM schools WHERE code = $1`,
      [schoolCode],
    );
    return rows[0]?.name ?? null;
  }
}
