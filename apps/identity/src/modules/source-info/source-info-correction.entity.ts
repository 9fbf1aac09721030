import type { CorrectionBefore, CorrectionChanges } from '@netsign/contracts';
import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { GraduateEntity } from '../roster/graduate.entity.js';

export type CorrectionStatus = 'PENDING' | 'APPROVED' | 'REJECTED';

/** Table `source_info_corrections` (migration 1764280000200). */
// Indexes as the migration made them (partial unique, composite): named here, shaped there.
@Index('corrections_one_pending', { synchronize: false })
@Index('corrections_school', { synchronize: false })
@Check('source_info_corrections_status_check', `status IN ('PENDING', 'APPROVED', 'REJECTED')`)
@Entity({ name: 'source_info_corrections' })
export class SourceInfoCorrectionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'graduate_id', type: 'uuid' })
  graduateId!: string;

  @ManyToOne(() => GraduateEntity)
  @JoinColumn({
    name: 'graduate_id',
    foreignKeyConstraintName: 'source_info_corrections_graduate_id_fkey',
  })
  graduate?: GraduateEntity;

  @Column({ name: 'school_code', type: 'text' })
  schoolCode!: string;

  @Column({ type: 'jsonb' })
  changes!: CorrectionChanges;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'text', default: 'PENDING' })
  status!: CorrectionStatus;

  @Column({ name: 'requested_at', type: 'timestamptz', default: () => 'now()' })
  requestedAt!: Date;

  @Column({ name: 'decided_by', type: 'text', nullable: true })
  decidedBy!: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ name: 'decision_reason', type: 'text', nullable: true })
  decisionReason!: string | null;

  /**
   * What the approval replaced: the graduate's values of the corrected fields just before it
   * (migration 1764280001000; null before approval and for approvals before that migration).
   */
  @Column({ type: 'jsonb', nullable: true })
  replaced!: CorrectionBefore | null;
}
