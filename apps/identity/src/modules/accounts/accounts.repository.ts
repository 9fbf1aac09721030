import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  STAFF_ROLES,
  type EmployerSnapshot,
  type StaffAccount,
  type StaffAccountView,
} from '@netsign/contracts';
import { hydrate, isUuid } from '@netsign/persistence';
import { In, type EntityManager, type QueryDeepPartialEntity, type Repository } from 'typeorm';
import { GraduateEntity } from '../roster/graduate.entity.js';
import { DepartmentEntity } from './department.entity.js';
import { regionNameOf } from './domain/employer-codes.js';
import { EmployerEntity } from './employer.entity.js';
import { SchoolEntity } from './school.entity.js';
import { UserEntity } from './user.entity.js';

export interface SchoolEntry {
  code: string;
  name: string;
  departments: Array<{ code: string; name: string }>;
}

export type NewStaff = Pick<
  UserEntity,
  | 'username'
  | 'passwordHash'
  | 'role'
  | 'schoolCode'
  | 'departmentCode'
  | 'scopeGraduateIds'
  | 'scopeClassNames'
>;

export type NewEmployer = Omit<EmployerEntity, 'id' | 'createdAt'>;

export type StaffScopeFields = Pick<
  UserEntity,
  'departmentCode' | 'scopeGraduateIds' | 'scopeClassNames'
>;

/** Tables `users`, `schools`, `departments` and `employers`: the only place that reads or writes them. */
@Injectable()
export class AccountsRepository {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(SchoolEntity) private readonly schoolsRepo: Repository<SchoolEntity>,
    @InjectRepository(DepartmentEntity) private readonly departments: Repository<DepartmentEntity>,
    @InjectRepository(EmployerEntity) private readonly employers: Repository<EmployerEntity>,
  ) {}

  private usersOn(tx?: EntityManager): Repository<UserEntity> {
    return tx ? tx.getRepository(UserEntity) : this.users;
  }

  async userByUsername(username: string): Promise<UserEntity | null> {
    return this.users
      .createQueryBuilder('u')
      .where('lower(u.username) = lower(:username)', { username })
      .getOne();
  }

  async userById(id: string, tx?: EntityManager): Promise<UserEntity | null> {
    if (!isUuid(id)) return null;
    return this.usersOn(tx).findOneBy({ id });
  }

  async schoolExists(code: string, tx?: EntityManager): Promise<boolean> {
    return (tx ? tx.getRepository(SchoolEntity) : this.schoolsRepo).existsBy({ code });
  }

  /** Schools with their departments, by code (one school when `code` is given). */
  async schools(code?: string): Promise<SchoolEntry[]> {
    const schools = await this.schoolsRepo.find({
      where: code === undefined ? {} : { code },
      relations: { departments: true },
      order: { code: 'ASC', departments: { code: 'ASC' } },
    });
    return schools.map((s) => ({
      code: s.code,
      name: s.name,
      departments: (s.departments ?? []).map((d) => ({ code: d.code, name: d.name })),
    }));
  }

  async departmentExists(schoolCode: string, code: string, tx?: EntityManager): Promise<boolean> {
    return (tx ? tx.getRepository(DepartmentEntity) : this.departments).existsBy({
      schoolCode,
      code,
    });
  }

  /** A staff account of this school (not the province's, not an employer's), or null. */
  async staffOf(
    schoolCode: string,
    userId: string,
    tx?: EntityManager,
    forUpdate = false,
  ): Promise<UserEntity | null> {
    return this.usersOn(tx).findOne({
      where: { id: userId, schoolCode, role: In([...STAFF_ROLES]) },
      ...(forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }

  /** One page of a school's staff accounts, oldest first; page and total from one snapshot. */
  async staffPage(query: {
    schoolCode: string;
    role?: string;
    page: number;
    pageSize: number;
  }): Promise<{ rows: UserEntity[]; total: number }> {
    const roles: string[] = query.role ? [query.role] : [...STAFF_ROLES];
    return this.users.manager.transaction('REPEATABLE READ', async (tx) => {
      const [rows, total] = await tx
        .getRepository(UserEntity)
        .createQueryBuilder('u')
        .where('u.schoolCode = :schoolCode', { schoolCode: query.schoolCode })
        .andWhere('u.role IN (:...roles)', { roles })
        .orderBy('u.createdAt', 'ASC')
        .addOrderBy('lower(u.username)', 'ASC')
        .offset((query.page - 1) * query.pageSize)
        .limit(query.pageSize)
        .getManyAndCount();
      return { rows, total };
    });
  }

  /** The ids among `graduateIds` that are not graduates of this school. */
  async graduatesOutside(
    schoolCode: string,
    graduateIds: string[],
    tx?: EntityManager,
  ): Promise<string[]> {
    if (graduateIds.length === 0) return [];
    const found = await (tx ?? this.users.manager)
      .getRepository(GraduateEntity)
      .createQueryBuilder('g')
      .select('g.id')
      .where('g.schoolCode = :schoolCode', { schoolCode })
      .andWhere('g.id IN (:...ids)', { ids: graduateIds })
      .getMany();
    const known = new Set(found.map((g) => g.id));
    return graduateIds.filter((id) => !known.has(id));
  }

  async employerById(id: string): Promise<EmployerSnapshot | null> {
    if (!isUuid(id)) return null;
    const employer = await this.employers.findOneBy({ id });
    return employer ? toEmployer(employer) : null;
  }

  /** A school and its departments. */
  async insertSchool(
    tx: EntityManager,
    school: { code: string; name: string },
    departments: Array<{ code: string; name: string }>,
  ): Promise<void> {
    await tx.getRepository(SchoolEntity).insert({ code: school.code, name: school.name });
    if (departments.length > 0) {
      await tx
        .getRepository(DepartmentEntity)
        .insert(departments.map((d) => ({ schoolCode: school.code, code: d.code, name: d.name })));
    }
  }

  /** Inserts an account; the database's defaults (id, created_at, …) come back on the entity. */
  async insertUser(
    tx: EntityManager,
    fields:
      NewStaff | (Pick<UserEntity, 'username' | 'passwordHash' | 'role'> & Partial<UserEntity>),
  ): Promise<UserEntity> {
    const user = this.usersOn(tx).create(fields);
    await this.usersOn(tx).insert(user);
    return user;
  }

  async insertEmployer(tx: EntityManager, fields: NewEmployer): Promise<EmployerEntity> {
    const employer = tx.getRepository(EmployerEntity).create(fields);
    await tx.getRepository(EmployerEntity).insert(employer);
    return employer;
  }

  /** Serialises bootstrapping the province admin across replicas (for the transaction). */
  async lockBootstrap(tx: EntityManager): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('identity-bootstrap-admin'))`);
  }

  async provinceAdminExists(tx: EntityManager): Promise<boolean> {
    return tx.getRepository(UserEntity).existsBy({ role: 'PROVINCE_ADMIN' });
  }

  /** `admin` as PROVINCE_ADMIN, unless the username is taken. */
  async insertBootstrapAdmin(tx: EntityManager, passwordHash: string): Promise<void> {
    await tx
      .getRepository(UserEntity)
      .createQueryBuilder()
      .insert()
      .values({ username: 'admin', passwordHash, role: 'PROVINCE_ADMIN' })
      .orIgnore()
      .updateEntity(false)
      .execute();
  }

  /** Sets the new hash only over `currentHash` and only while active; null when neither holds. */
  async replacePasswordHash(
    tx: EntityManager,
    id: string,
    currentHash: string,
    newHash: string,
  ): Promise<UserEntity | null> {
    return this.updateReturning(
      tx,
      { passwordHash: newHash },
      'id = :id AND password_hash = :currentHash AND deactivated_at IS NULL',
      { id, currentHash },
    );
  }

  async setDeactivatedAt(tx: EntityManager, id: string, at: Date | null): Promise<UserEntity> {
    return (await this.updateReturning(tx, { deactivatedAt: at }, 'id = :id', { id }))!;
  }

  async setScope(tx: EntityManager, id: string, scope: StaffScopeFields): Promise<UserEntity> {
    return (await this.updateReturning(tx, scope, 'id = :id', { id }))!;
  }

  /** Raises the account's session version; the new version, or null for no such account. */
  async raiseSessionVersion(tx: EntityManager, id: string): Promise<number | null> {
    const user = await this.updateReturning(
      tx,
      { sessionVersion: () => 'session_version + 1' },
      'id = :id',
      { id },
    );
    return user?.sessionVersion ?? null;
  }

  private async updateReturning(
    tx: EntityManager,
    set: QueryDeepPartialEntity<UserEntity>,
    where: string,
    params: Record<string, unknown>,
  ): Promise<UserEntity | null> {
    const result = await this.usersOn(tx)
      .createQueryBuilder()
      .update()
      .set(set)
      .where(where, params)
      .returning('*')
      .execute();
    const rows = result.raw as Array<Record<string, unknown>>;
    return rows[0] ? hydrate(tx, UserEntity, rows[0]) : null;
  }
}

export function toEmployer(e: EmployerEntity): EmployerSnapshot {
  return {
    employerId: e.id,
    creditCode: e.creditCode,
    name: e.name,
    nature: e.nature,
    industry: e.industry,
    address: e.address,
    // Codes only when the employer has them (registered with codes, or mapped by migration).
    ...(e.natureCode ? { natureCode: e.natureCode } : {}),
    ...(e.industryCode ? { industryCode: e.industryCode } : {}),
    ...(e.regionCode ? { regionCode: e.regionCode, regionName: regionNameOf(e.regionCode) } : {}),
    hasHiringAutonomy: e.hasHiringAutonomy,
    contactName: e.contactName,
    contactPhone: e.contactPhone,
  };
}

/** A staff account as school admins see it: scope and state, never the password hash. */
export function toStaffView(u: UserEntity): StaffAccountView {
  return {
    userId: u.id,
    username: u.username,
    role: u.role as StaffAccount['role'],
    schoolCode: u.schoolCode ?? '',
    departmentCode: u.departmentCode,
    graduateIds: u.scopeGraduateIds ?? [],
    classNames: u.scopeClassNames ?? [],
    active: u.deactivatedAt === null,
    deactivatedAt: u.deactivatedAt?.toISOString() ?? null,
    createdAt: u.createdAt.toISOString(),
  };
}
