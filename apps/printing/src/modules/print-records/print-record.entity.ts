import type { AgreementSnapshot, PrintStatus } from '@netsign/contracts';
import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Table `print_records`: one per approved agreement (协议书打印管理; migration 1764300000000). */
@Index('print_records_scope', { synchronize: false })
@Index('print_records_employer', { synchronize: false })
@Index('print_records_queued', { synchronize: false })
@Check('print_records_status_check', `status IN ('QUEUED', 'READY', 'FAILED')`)
@Entity({ name: 'print_records' })
export class PrintRecordEntity {
  @PrimaryColumn({ name: 'agreement_id', type: 'uuid' })
  agreementId!: string;

  @Column({ name: 'agreement_no', type: 'text' })
  agreementNo!: string;

  @Column({ name: 'school_code', type: 'text' })
  schoolCode!: string;

  @Column({ name: 'department_code', type: 'text' })
  departmentCode!: string;

  @Column({ name: 'employer_id', type: 'text' })
  employerId!: string;

  @Column({ name: 'graduate_id', type: 'text' })
  graduateId!: string;

  @Column({ name: 'graduate_name', type: 'text' })
  graduateName!: string;

  @Column({ name: 'employer_name', type: 'text' })
  employerName!: string;

  /** The agreement's status now (APPROVED, then TERMINATED when signing announces it). */
  @Column({ name: 'agreement_status', type: 'text' })
  agreementStatus!: string;

  /** The approved agreement: what gets printed. */
  @Column({ type: 'jsonb' })
  snapshot!: AgreementSnapshot;

  @Column({ name: 'approved_at', type: 'timestamptz' })
  approvedAt!: Date;

  @Column({ type: 'text' })
  status!: PrintStatus;

  @Column({ name: 'render_version', type: 'integer', default: 1 })
  renderVersion!: number;

  @Column({ name: 'content_hash', type: 'text', nullable: true })
  contentHash!: string | null;

  @Column({ name: 'file_path', type: 'text', nullable: true })
  filePath!: string | null;

  @Column({ name: 'file_sha256', type: 'text', nullable: true })
  fileSha256!: string | null;

  @Column({ type: 'integer', nullable: true })
  size!: number | null;

  @Column({ name: 'rendered_at', type: 'timestamptz', nullable: true })
  renderedAt!: Date | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
