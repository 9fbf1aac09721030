import type { AgreementTerms, OfferStatus, PositionSnapshot } from '@netsign/contracts';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { InterviewInvitationEntity } from '../interviews/interview-invitation.entity.js';

/**
 * Table `signing_offers`. `status` is what was recorded: a SENT offer past `expiresAt` reads
 * EXPIRED before the sweep records it (domain/offer-status.ts).
 */
@Index('offers_graduate', { synchronize: false })
@Index('offers_employer', { synchronize: false })
@Entity({ name: 'signing_offers' })
export class SigningOfferEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'invitation_id', type: 'uuid', nullable: true })
  invitationId!: string | null;

  /** Never loaded; declares the foreign key (methods 2 and 3 have no invitation). */
  @ManyToOne(() => InterviewInvitationEntity)
  @JoinColumn({
    name: 'invitation_id',
    foreignKeyConstraintName: 'signing_offers_invitation_id_fkey',
  })
  invitation?: InterviewInvitationEntity;

  @Column({ name: 'employer_id', type: 'text' })
  employerId!: string;

  @Column({ name: 'graduate_id', type: 'text' })
  graduateId!: string;

  /** The position as it was when the offer was sent. */
  @Column({ type: 'jsonb' })
  position!: PositionSnapshot;

  @Column({ type: 'jsonb' })
  terms!: AgreementTerms;

  @Column({ type: 'text' })
  status!: OfferStatus;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;

  @Column({ name: 'agreement_id', type: 'uuid', nullable: true })
  agreementId!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
