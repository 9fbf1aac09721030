import type { Actor } from '@netsign/contracts';
import { ChainedRow } from '@netsign/audit-chain';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { PrintRecordEntity } from './print-record.entity.js';

/**
 * Table `print_history`: what happened to a print record (queued, rendered, re-rendered,
 * downloaded), one hash chain per record (migrations 1764300000000, 1764320000100;
 * docs/audit-chain.md).
 */
@Index('print_history_agreement', { synchronize: false })
@Index('print_history_chain', { synchronize: false })
@Entity({ name: 'print_history' })
export class PrintHistoryEntryEntity extends ChainedRow {
  /** bigserial: TypeORM reads a bigint as a string. */
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column({ name: 'agreement_id', type: 'uuid' })
  agreementId!: string;

  /** Never loaded; declares the foreign key. */
  @ManyToOne(() => PrintRecordEntity)
  @JoinColumn({ name: 'agreement_id', foreignKeyConstraintName: 'print_history_agreement_id_fkey' })
  record?: PrintRecordEntity;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at!: Date;

  @Column({ type: 'jsonb', nullable: true })
  actor!: Actor;

  @Column({ type: 'text' })
  action!: string;
}
