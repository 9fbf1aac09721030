import type { AgreementStatus, SigningMethod } from '@netsign/contracts';
import { Check, Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

/**
 * Table `agreements` (migration 1764290000000): one row per agreement, its snapshot frozen at
 * signing. At most one active (PENDING_REVIEW or APPROVED) per graduate: a partial unique index.
 */
@Index('agreements_one_active_per_graduate', { synchronize: false })
@Index('agreements_employer', { synchronize: false })
@Index('agreements_scope', { synchronize: false })
@Index('agreements_graduate', { synchronize: false })
@Unique('agreements_agreement_no_key', ['agreementNo'])
@Unique('agreements_offer_id_key', ['offerId'])
@Check('agreements_status', `status IN ('PENDING_REVIEW', 'APPROVED', 'REJECTED', 'TERMINATED')`)
@Check('agreements_method', `method IN ('RECRUITING', 'EMPLOYER_DIRECT', 'QR_CARD')`)
@Entity({ name: 'agreements' })
export class AgreementEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'agreement_no', type: 'text' })
  agreementNo!: string;

  @Column({ type: 'text' })
  method!: SigningMethod;

  @Column({ type: 'text' })
  status!: AgreementStatus;

  @Column({ name: 'graduate_id', type: 'text' })
  graduateId!: string;

  @Column({ name: 'school_code', type: 'text' })
  schoolCode!: string;

  @Column({ name: 'department_code', type: 'text' })
  departmentCode!: string;

  @Column({ name: 'employer_id', type: 'text' })
  employerId!: string;

  /** The recruiting offer it came from (method RECRUITING); one agreement per offer. */
  @Column({ name: 'offer_id', type: 'uuid', nullable: true })
  offerId!: string | null;

  /** graduate, employer, position and terms as signed. */
  @Column({ type: 'jsonb' })
  snapshot!: unknown;

  @Column({ name: 'signed_at', type: 'timestamptz' })
  signedAt!: Date;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
