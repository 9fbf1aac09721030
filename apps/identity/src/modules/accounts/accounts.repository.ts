import { Injectable } from '@nestjs/common';
import type { EmployerSnapshot } from '@netsign/contracts';
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
    hasHiringAutonomy: Boolean(r['has_hiring_autonomy']),
    contactName: String(r['contact_name']),
    contactPhone: String(r['contact_phone']),
  };
}
