import type { TerminationApplicant, TerminationStatus } from '@netsign/contracts';
import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { AgreementEntity } from '../agreements/agreement.entity.js';
import { TerminationMaterialEntity } from './termination-material.entity.js';

/** Table `terminations` (migrations 1764300000000, 1764330000000): one open per agreement. */
@Index('terminations_one_open', { synchronize: false })
@Index('terminations_school', { synchronize: false })
@Check(
  'terminations_status_check',
  `status IN ('PENDING', 'AGREED', 'DISAGREED', 'WITHDRAWN', 'CLOSED')`,
)
@Check('terminations_check', `status <> 'DISAGREED' OR length(decision_reason) > 0`)
@Check('terminations_applicant_check', `applicant IN ('GRADUATE', 'EMPLOYER')`)
@Entity({ name: 'terminations' })
export class TerminationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'agreement_id', type: 'uuid' })
  agreementId!: string;

  /** Loaded where a query joins it (number, employer, snapshot, class). */
  @ManyToOne(() => AgreementEntity)
  @JoinColumn({ name: 'agreement_id', foreignKeyConstraintName: 'terminations_agreement_id_fkey' })
  agreement?: AgreementEntity;

  @Column({ name: 'graduate_id', type: 'text' })
  graduateId!: string;

  @Column({ name: 'school_code', type: 'text' })
  schoolCode!: string;

  @Column({ type: 'text' })
  status!: TerminationStatus;

  @Column({ type: 'text', default: 'GRADUATE' })
  applicant!: TerminationApplicant;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ name: 'applied_at', type: 'timestamptz', default: () => 'now()' })
  appliedAt!: Date;

  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true })
  withdrawnAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  decision!: 'AGREE' | 'DISAGREE' | null;

  @Column({ name: 'decision_reason', type: 'text', nullable: true })
  decisionReason!: string | null;

  @Column({ name: 'decided_by', type: 'text', nullable: true })
  decidedBy!: string | null;

  @Column({ name: 'decided_role', type: 'text', nullable: true })
  decidedRole!: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  /** Loaded where the repository attaches them (with their files), in order. */
  @OneToMany(() => TerminationMaterialEntity, (m) => m.termination)
  materials?: TerminationMaterialEntity[];
}
