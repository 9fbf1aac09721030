import type { Applicant, ApplicationStatus, Resume } from '@netsign/contracts';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { PositionEntity } from '../positions/position.entity.js';

/** Table `applications`: a graduate's resume submitted to a position, once per position. */
@Index('applications_employer', { synchronize: false })
@Index('applications_graduate', { synchronize: false })
@Unique('applications_once', ['positionId', 'graduateId'])
@Entity({ name: 'applications' })
export class ApplicationEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'position_id', type: 'uuid' })
  positionId!: string;

  /** Loaded only where a query joins it (for the title). */
  @ManyToOne(() => PositionEntity)
  @JoinColumn({ name: 'position_id', foreignKeyConstraintName: 'applications_position_id_fkey' })
  position?: PositionEntity;

  @Column({ name: 'employer_id', type: 'text' })
  employerId!: string;

  @Column({ name: 'graduate_id', type: 'text' })
  graduateId!: string;

  /** The resume as it was when submitted. */
  @Column({ type: 'jsonb' })
  resume!: Resume;

  @Column({ type: 'text' })
  status!: ApplicationStatus;

  /** Who applied, as the roster had them then; null for applications made before it was kept. */
  @Column({ type: 'jsonb', nullable: true })
  applicant!: Applicant | null;

  @Column({ name: 'submitted_at', type: 'timestamptz', default: () => 'now()' })
  submittedAt!: Date;
}
