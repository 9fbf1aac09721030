import type { Role } from '@netsign/contracts';
import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { DepartmentEntity } from './department.entity.js';
import { EmployerEntity } from './employer.entity.js';
import { SchoolEntity } from './school.entity.js';

/** Table `users` (migrations 1764280000200, 1764280000400, 1764280000700). */
// Indexes as the migrations made them (expression, partial): named here, shaped there.
@Index('users_username', { synchronize: false })
@Index('users_school', { synchronize: false })
@Check('users_check', `role <> 'DEPARTMENT_STAFF' OR department_code IS NOT NULL`)
@Entity({ name: 'users' })
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  username!: string;

  @Column({ name: 'password_hash', type: 'text' })
  passwordHash!: string;

  @Column({ type: 'text' })
  role!: Role;

  @Column({ name: 'school_code', type: 'text', nullable: true })
  schoolCode!: string | null;

  @Column({ name: 'department_code', type: 'text', nullable: true })
  departmentCode!: string | null;

  @Column({ name: 'employer_id', type: 'uuid', nullable: true })
  employerId!: string | null;

  /** A counsellor's assignment: graduates by id and whole classes. */
  @Column({ name: 'scope_graduate_ids', type: 'uuid', array: true, default: () => "'{}'" })
  scopeGraduateIds!: string[];

  @Column({ name: 'scope_class_names', type: 'text', array: true, default: () => "'{}'" })
  scopeClassNames!: string[];

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  /** Set while the account is deactivated: it cannot log in. */
  @Column({ name: 'deactivated_at', type: 'timestamptz', nullable: true })
  deactivatedAt!: Date | null;

  /** Raised when the account's sessions are revoked; its tokens carry it (`sv`). */
  @Column({ name: 'session_version', type: 'integer', default: 0 })
  sessionVersion!: number;

  @ManyToOne(() => SchoolEntity)
  @JoinColumn({ name: 'school_code', foreignKeyConstraintName: 'users_school_code_fkey' })
  school?: SchoolEntity;

  @ManyToOne(() => EmployerEntity)
  @JoinColumn({ name: 'employer_id', foreignKeyConstraintName: 'users_employer_id_fkey' })
  employer?: EmployerEntity;

  @ManyToOne(() => DepartmentEntity)
  @JoinColumn([
    {
      name: 'school_code',
      referencedColumnName: 'schoolCode',
      foreignKeyConstraintName: 'users_school_code_department_code_fkey',
    },
    { name: 'department_code', referencedColumnName: 'code' },
  ])
  department?: DepartmentEntity;
}
