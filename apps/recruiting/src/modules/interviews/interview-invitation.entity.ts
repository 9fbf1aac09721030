import type { InvitationStatus } from '@netsign/contracts';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ApplicationEntity } from '../applications/application.entity.js';
import { PositionEntity } from '../positions/position.entity.js';

/** Table `interview_invitations`. */
@Index('invitations_application', { synchronize: false })
@Index('invitations_graduate', { synchronize: false })
@Index('invitations_employer', { synchronize: false })
@Entity({ name: 'interview_invitations' })
export class InterviewInvitationEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'application_id', type: 'uuid' })
  applicationId!: string;

  /** Never loaded; declares the foreign key. */
  @ManyToOne(() => ApplicationEntity)
  @JoinColumn({
    name: 'application_id',
    foreignKeyConstraintName: 'interview_invitations_application_id_fkey',
  })
  application?: ApplicationEntity;

  @Column({ name: 'position_id', type: 'uuid' })
  positionId!: string;

  /** Loaded only where a query joins it (for the title); no foreign key in the schema. */
  @ManyToOne(() => PositionEntity, { createForeignKeyConstraints: false })
  @JoinColumn({ name: 'position_id' })
  position?: PositionEntity;

  @Column({ name: 'employer_id', type: 'text' })
  employerId!: string;

  @Column({ name: 'graduate_id', type: 'text' })
  graduateId!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ type: 'text' })
  place!: string;

  @Column({ type: 'text' })
  note!: string;

  @Column({ name: 'respond_by', type: 'timestamptz', nullable: true })
  respondBy!: Date | null;

  @Column({ type: 'text' })
  status!: InvitationStatus;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
