import type { AgreementSnapshot, AgreementStatus, SigningMethod } from '@netsign/contracts';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Table `agreements`: review's copy of the agreements signing announces (migration 1764300000000). */
@Index('agreements_graduate', { synchronize: false })
@Index('agreements_employer', { synchronize: false })
@Entity({ name: 'agreements' })
export class AgreementEntity {
  @PrimaryColumn({ name: 'agreement_id', type: 'uuid' })
  agreementId!: string;

  @Column({ name: 'agreement_no', type: 'text' })
  agreementNo!: string;

  @Column({ type: 'text' })
  method!: SigningMethod;

  @Column({ type: 'text' })
  status!: AgreementStatus;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ name: 'graduate_id', type: 'text' })
  graduateId!: string;

  @Column({ name: 'school_code', type: 'text' })
  schoolCode!: string;

  @Column({ name: 'department_code', type: 'text' })
  departmentCode!: string;

  @Column({ name: 'class_name', type: 'text', nullable: true })
  className!: string | null;

  @Column({ name: 'employer_id', type: 'text' })
  employerId!: string;

  /** The agreement as signing last announced it. */
  @Column({ type: 'jsonb' })
  snapshot!: AgreementSnapshot;

  @Column({ name: 'signed_at', type: 'timestamptz' })
  signedAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
