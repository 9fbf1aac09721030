import type { Destination } from '@netsign/contracts';
import { ChainedRow } from '@netsign/audit-chain';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { GraduateEntity } from './graduate.entity.js';

/**
 * Table `destination_changes` (migrations 1764290000000, 1764320000000, 1764330000000): every
 * change of a graduate's destination, hash-chained per graduate (docs/audit-chain.md).
 */
@Index('destination_changes_graduate', { synchronize: false })
@Index('destination_changes_chain', { synchronize: false })
@Entity({ name: 'destination_changes' })
export class DestinationChangeEntity extends ChainedRow {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'graduate_id', type: 'text' })
  graduateId!: string;

  /** Never loaded; declares the foreign key. */
  @ManyToOne(() => GraduateEntity)
  @JoinColumn({
    name: 'graduate_id',
    foreignKeyConstraintName: 'destination_changes_graduate_id_fkey',
  })
  graduate?: GraduateEntity;

  @Column({ name: 'from_value', type: 'text' })
  fromValue!: Destination;

  @Column({ name: 'to_value', type: 'text' })
  toValue!: Destination;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ name: 'agreement_id', type: 'uuid', nullable: true })
  agreementId!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  actor!: unknown;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at!: Date;

  @Column({ name: 'destination_code', type: 'text', nullable: true })
  destinationCode!: string | null;
}
