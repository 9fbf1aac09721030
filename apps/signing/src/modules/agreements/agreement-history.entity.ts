import type { AgreementStatus } from '@netsign/contracts';
import { ChainedRow } from '@netsign/audit-chain';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { AgreementEntity } from './agreement.entity.js';

/**
 * Table `agreement_history` (migrations 1764290000000, 1764320000000): every status change of an
 * agreement, hash-chained per agreement (`seq`, `prev_hash`, `hash`; docs/audit-chain.md).
 */
@Index('agreement_history_agreement', { synchronize: false })
@Index('agreement_history_chain', { synchronize: false })
@Entity({ name: 'agreement_history' })
export class AgreementHistoryEntity extends ChainedRow {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'agreement_id', type: 'uuid' })
  agreementId!: string;

  /** Never loaded; declares the foreign key. */
  @ManyToOne(() => AgreementEntity)
  @JoinColumn({
    name: 'agreement_id',
    foreignKeyConstraintName: 'agreement_history_agreement_id_fkey',
  })
  agreement?: AgreementEntity;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ type: 'jsonb', nullable: true })
  actor!: unknown;

  @Column({ name: 'from_status', type: 'text', nullable: true })
  fromStatus!: AgreementStatus | null;

  @Column({ name: 'to_status', type: 'text' })
  toStatus!: AgreementStatus;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;
}
