import { regionNameOf } from './domain/employer-codes.js';
import { Injectable } from '@nestjs/common';
import {
  STAFF_ROLES,
  type EmployerSnapshot,
  type StaffAccount,
  type StaffAccountView,
} from '@netsign/contracts';
import { DataSource, type EntityManager } from 'typeorm';

export interface UserRow {
  id: string;
  username: string;
  password_hash: string;
  role: string;
  school_code: string | null;
  department_code: string | null;
  employer_id: string | null;
  scope_graduate_ids: string[];
  scope_class_names: string[];
  created_at: Date;
  /** Set while the account is deactivated: it cannot log in. */
  deactivated_at: Date | null;
  /** Raised when the account's sessions are revoked; its tokens carry it (`sv`). */
  session_version: number;
}

export interface SchoolEntry {
  code: string;
  name: string;
  departments: Array<{ code: string; name: string }>;
}

/** Raw SQL over users, schools and employers (identity schema). */
@Injectable()
export class AccountsRepository {
  constructor(private readonly db: DataSource) {}

  async userByUsername(username: string): Promise<UserRow | null> {
    const rows: UserRow[] = await this.db.query(
      `SELECT * FROM users WHERE lower(username) = lower($1)`,
      [username],
    );
    return rows[0] ?? null;
  }

  async userById(id: string, tx: EntityManager | DataSource = this.db): Promise<UserRow | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const rows: UserRow[] = await tx.query(`SELECT * FROM users WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  async schoolExists(code: string, tx: EntityManager | DataSource = this.db): Promise<boolean> {
    const rows: unknown[] = await tx.query(`SELECT 1 FROM schools WHERE code = $1`, [code]);
    return rows.length > 0;
  }

  /** Schools with their departments, by code (one school when `code` is given). */
  async schools(code?: string): Promise<SchoolEntry[]> {
    const rows: Array<{
      code: string;
      name: string;
      departments: Array<{ code: string; name: string }>;
    }> = await this.db.query(
      `SELECT s.code, s.name,
                COALESCE(json_agg(json_build_object('code', d.code, 'name', d.name) ORDER BY d.code)
                           FILTER (WHERE d.code IS NOT NULL), '[]') AS departments
           FROM schools s LEFT JOIN departments d ON d.school_code = s.code
          WHERE $1::text IS NULL OR s.code = $1
          GROUP BY s.code, s.name
          ORDER BY s.code`,
      [code ?? null],
    );
    return rows.map((r) => ({ code: r.code, name: r.name, departments: r.departments }));
  }

  async departmentExists(
    schoolCode: string,
    code: string,
    tx: EntityManager | DataSource = this.db,
  ): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `SELECT 1 FROM departments WHERE school_code = $1 AND code = $2`,
      [schoolCode, code],
    );
    return rows.length > 0;
  }

  /** A staff account of this school (not the province's, not an employer's), or null. */
  async staffOf(
    schoolCode: string,
    userId: string,
    tx: EntityManager | DataSource = this.db,
    forUpdate = false,
  ): Promise<UserRow | null> {
    const rows: UserRow[] = await tx.query(
      `SELECT * FROM users WHERE id = $1 AND school_code = $2 AND role = ANY($3::text[])${forUpdate ? ' FOR UPDATE' : ''}`,
      [userId, schoolCode, STAFF_ROLES],
    );
    return rows[0] ?? null;
  }

  /** One page of a school's staff accounts, oldest first; page and total from one snapshot. */
  async staffPage(query: {
    schoolCode: string;
    role?: string;
    page: number;
    pageSize: number;
  }): Promise<{ rows: UserRow[]; total: number }> {
    const params: unknown[] = [query.schoolCode, query.role ? [query.role] : STAFF_ROLES];
    const filter = `school_code = $1 AND role = ANY($2::text[])`;
    return this.db.transaction('REPEATABLE READ', async (tx) => {
      const counted: Array<{ n: string }> = await tx.query(
        `SELECT count(*) AS n FROM users WHERE ${filter}`,
        params,
      );
      const rows: UserRow[] = await tx.query(
        `SELECT * FROM users WHERE ${filter} ORDER BY created_at, lower(username)
         LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`,
        params,
      );
      return { rows, total: Number(counted[0]?.n ?? 0) };
    });
  }

  /** The ids among `graduateIds` that are not graduates of this school. */
  async graduatesOutside(
    schoolCode: string,
    graduateIds: string[],
    tx: EntityManager | DataSource = this.db,
  ): Promise<string[]> {
    if (graduateIds.length === 0) return [];
    const found: Array<{ id: string }> = await tx.query(
      `SELECT id FROM graduates WHERE school_code = $1 AND id = ANY($2::uuid[])`,
      [schoolCode, graduateIds],
    );
    const known = new Set(found.map((r) => r.id));
    return graduateIds.filter((id) => !known.has(id));
  }

  async employerById(id: string): Promise<EmployerSnapshot | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const rows: Array<Record<string, unknown>> = await this.db.query(
      `SELECT * FROM employers WHERE id = $1`,
      [id],
    );
    return rows[0] ? toEmployer(rows[0]) : null;
  }
}

export function toEmployer(r: Record<string, unknown>): EmployerSnapshot {
  return {
    employerId: String(r['id']),
    creditCode: String(r['credit_code']),
    name: String(r['name']),
    nature: String(r['nature']),
    industry: String(r['industry']),
    address: String(r['address']),
    // Codes only when the employer has them (registered with codes, or mapped by migration).
    ...(r['nature_code'] ? { natureCode: String(r['nature_code']) } : {}),
    ...(r['industry_code'] ? { industryCode: String(r['industry_code']) } : {}),
    ...(r['region_code']
      ? { regionCode: String(r['region_code']), regionName: regionNameOf(String(r['region_code'])) }
      : {}),
    hasHiringAutonomy: Boolean(r['has_hiring_autonomy']),
    contactName: String(r['contact_name']),
    contactPhone: String(r['contact_phone']),
  };
}

/** A staff row as school admins see it: scope and state, never the password hash. */
export function toStaffView(r: UserRow): StaffAccountView {
  return {
    userId: r.id,
    username: r.username,
    role: r.role as StaffAccount['role'],
    schoolCode: r.school_code ?? '',
    departmentCode: r.department_code,
    graduateIds: r.scope_graduate_ids ?? [],
    classNames: r.scope_class_names ?? [],
    active: r.deactivated_at === null,
    deactivatedAt: r.deactivated_at?.toISOString() ?? null,
    createdAt: r.created_at.toISOString(),
  };
}
