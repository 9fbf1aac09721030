import type { Destination } from '@netsign/contracts';
import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { DepartmentEntity } from '../accounts/department.entity.js';

/**
 * Table `graduates` (migrations 1764280000200, 300, 500, 700, 900). The ID number is stored only
 * encrypted (`id_number_enc` under key `id_key_id`), found by its blind index and shown masked
 * (docs/decisions/0002).
 */
// Indexes as the migrations made them (partial unique, composite): named here, shaped there.
@Index('graduates_wechat_open_id_key', { synchronize: false })
@Index('graduates_school_department', { synchronize: false })
@Index('graduates_destination', { synchronize: false })
@Unique('graduates_school_code_student_no_key', ['schoolCode', 'studentNo'])
@Entity({ name: 'graduates' })
export class GraduateEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'school_code', type: 'text' })
  schoolCode!: string;

  @Column({ name: 'student_no', type: 'text' })
  studentNo!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  gender!: string;

  @Column({ name: 'id_number_enc', type: 'text' })
  idNumberEnc!: string;

  @Column({ name: 'id_key_id', type: 'text' })
  idKeyId!: string;

  @Column({ name: 'id_blind_index', type: 'text' })
  idBlindIndex!: string;

  @Column({ name: 'id_number_masked', type: 'text' })
  idNumberMasked!: string;

  @Column({ name: 'department_code', type: 'text' })
  departmentCode!: string;

  @Column({ type: 'text' })
  major!: string;

  @Column({ type: 'text' })
  degree!: string;

  @Column({ name: 'class_name', type: 'text', nullable: true })
  className!: string | null;

  @Column({ name: 'origin_place', type: 'text' })
  originPlace!: string;

  @Column({ name: 'graduation_year', type: 'integer' })
  graduationYear!: number;

  @Column({ name: 'source_info_confirmed_at', type: 'timestamptz', nullable: true })
  sourceInfoConfirmedAt!: Date | null;

  @Column({ name: 'wechat_open_id', type: 'text', nullable: true })
  wechatOpenId!: string | null;

  @Column({ name: 'wechat_bound_at', type: 'timestamptz', nullable: true })
  wechatBoundAt!: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;

  /** As signing announces it (signing owns it). */
  @Column({ type: 'text', default: 'AWAITING_EMPLOYMENT' })
  destination!: Destination;

  @Column({ name: 'destination_changed_at', type: 'timestamptz', nullable: true })
  destinationChangedAt!: Date | null;

  /** Raised when the WeChat binding's sessions are revoked; tokens carry it (`sv`). */
  @Column({ name: 'binding_version', type: 'integer', default: 0 })
  bindingVersion!: number;

  @Column({ name: 'origin_region_code', type: 'text', nullable: true })
  originRegionCode!: string | null;

  @ManyToOne(() => DepartmentEntity)
  @JoinColumn([
    {
      name: 'school_code',
      referencedColumnName: 'schoolCode',
      foreignKeyConstraintName: 'graduates_school_code_department_code_fkey',
    },
    { name: 'department_code', referencedColumnName: 'code' },
  ])
  department?: DepartmentEntity;
}
