import type { PaperFormStatus } from '@netsign/contracts';
import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';

/** Table `paper_forms` (migrations 1764300000000, 1764310000000): one held per graduate. */
@Index('paper_forms_one_held', { synchronize: false })
@Index('paper_forms_number', { synchronize: false })
@Index('paper_forms_school', { synchronize: false })
@Check('paper_forms_status_check', `status IN ('ISSUED', 'COLLECTED', 'VOIDED')`)
@Entity({ name: 'paper_forms' })
export class PaperFormEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'school_code', type: 'text' })
  schoolCode!: string;

  @Column({ name: 'department_code', type: 'text' })
  departmentCode!: string;

  /** The graduate's class at issue (null for forms issued before it was recorded). */
  @Column({ name: 'class_name', type: 'text', nullable: true })
  className!: string | null;

  @Column({ name: 'graduate_id', type: 'text' })
  graduateId!: string;

  @Column({ name: 'graduate_name', type: 'text' })
  graduateName!: string;

  @Column({ name: 'student_no', type: 'text' })
  studentNo!: string;

  @Column({ name: 'form_no', type: 'text' })
  formNo!: string;

  @Column({ type: 'text' })
  status!: PaperFormStatus;

  @Column({ name: 'issued_at', type: 'timestamptz', default: () => 'now()' })
  issuedAt!: Date;

  @Column({ name: 'issued_by', type: 'text' })
  issuedBy!: string;

  @Column({ name: 'issued_role', type: 'text' })
  issuedRole!: string;

  @Column({ name: 'replaces_id', type: 'uuid', nullable: true })
  replacesId!: string | null;

  /** Never loaded; declares the foreign key. */
  @ManyToOne(() => PaperFormEntity)
  @JoinColumn({ name: 'replaces_id', foreignKeyConstraintName: 'paper_forms_replaces_id_fkey' })
  replaces?: PaperFormEntity;

  @Column({ name: 'reissue_reason', type: 'text', nullable: true })
  reissueReason!: string | null;

  @Column({ name: 'collected_at', type: 'timestamptz', nullable: true })
  collectedAt!: Date | null;

  @Column({ name: 'agreement_id', type: 'uuid', nullable: true })
  agreementId!: string | null;

  @Column({ name: 'voided_at', type: 'timestamptz', nullable: true })
  voidedAt!: Date | null;
}
