import { Check, Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';
import type { DispatchKind, DispatchRecordContent, DispatchStatus } from './dispatch-record.js';

/**
 * Table `dispatch_records` (migrations 1764290000000, 1764400000000): the outbound log to the
 * provincial dispatch system and each record's delivery state. The body never holds an ID number.
 */
@Index('dispatch_records_due', { synchronize: false })
@Index('dispatch_records_status', { synchronize: false })
@Unique('dispatch_records_graduate_sequence', ['graduateKey', 'graduateSequence'])
@Check('dispatch_records_graduate_sequence_check', `graduate_sequence >= 1`)
@Check('dispatch_records_kind_check', `kind IN ('EMPLOYMENT', 'TERMINATION', 'DESTINATION')`)
@Check('dispatch_records_no_id_number', `NOT body ? 'idNumber'`)
@Check('dispatch_records_status_check', `status IN ('PENDING', 'DELIVERING', 'DELIVERED', 'DEAD')`)
@Check('dispatch_records_claim', `(status = 'DELIVERING') = (claim_token IS NOT NULL)`)
@Entity({ name: 'dispatch_records' })
export class DispatchRecordEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  /** `<schoolCode>:<studentNo>`, the province's per-graduate key. */
  @Column({ name: 'graduate_key', type: 'text' })
  graduateKey!: string;

  @Column({ name: 'graduate_id', type: 'text' })
  graduateId!: string;

  @Column({ name: 'graduate_sequence', type: 'integer' })
  graduateSequence!: number;

  @Column({ type: 'text' })
  kind!: DispatchKind;

  @Column({ type: 'jsonb' })
  body!: DispatchRecordContent;

  @Column({ type: 'text', default: 'PENDING' })
  status!: DispatchStatus;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt!: Date;

  @Column({ name: 'claim_token', type: 'uuid', nullable: true })
  claimToken!: string | null;

  @Column({ name: 'claimed_by', type: 'integer', nullable: true })
  claimedBy!: number | null;

  @Column({ name: 'lease_until', type: 'timestamptz', nullable: true })
  leaseUntil!: Date | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'last_response', type: 'jsonb', nullable: true })
  lastResponse!: unknown;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;
}
