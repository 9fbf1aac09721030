import type { ReviewTaskStatus, SigningMethod } from '@netsign/contracts';
import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { AgreementEntity } from '../agreements/agreement.entity.js';

/** Table `review_tasks`: one per agreement (migration 1764300000000). */
@Index('review_tasks_queue', { synchronize: false })
@Unique('review_tasks_agreement_id_key', ['agreementId'])
@Check('review_tasks_status_check', `status IN ('PENDING', 'APPROVED', 'REJECTED', 'CANCELLED')`)
@Check('review_tasks_check', `status <> 'REJECTED' OR length(reason) > 0`)
@Entity({ name: 'review_tasks' })
export class ReviewTaskEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'agreement_id', type: 'uuid' })
  agreementId!: string;

  /** Loaded where a query joins it (the agreement's number and snapshot). */
  @ManyToOne(() => AgreementEntity)
  @JoinColumn({ name: 'agreement_id', foreignKeyConstraintName: 'review_tasks_agreement_id_fkey' })
  agreement?: AgreementEntity;

  @Column({ name: 'school_code', type: 'text' })
  schoolCode!: string;

  @Column({ name: 'department_code', type: 'text' })
  departmentCode!: string;

  @Column({ type: 'text' })
  method!: SigningMethod;

  @Column({ type: 'text', default: 'PENDING' })
  status!: ReviewTaskStatus;

  @Column({ name: 'submitted_at', type: 'timestamptz' })
  submittedAt!: Date;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ name: 'decided_by', type: 'text', nullable: true })
  decidedBy!: string | null;

  @Column({ name: 'decided_role', type: 'text', nullable: true })
  decidedRole!: string | null;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;
}
