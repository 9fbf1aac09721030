import type { AgreementTerms, OfferStatus, PositionSnapshot } from '@netsign/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Table `signing_offers`. `status` is what was recorded: a SENT offer past `expiresAt` reads
 * EXPIRED before the sweep records it (domain/offer-status.ts).
 */
@Entity({ name: 'signing_offers' })
export class SigningOfferEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'invitation_id', type: 'uuid', nullable: true })
  invitationId!: string | null;

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
