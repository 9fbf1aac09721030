import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { PositionStatus } from './domain/position-status.js';

/** Table `positions` (migrations 1764290000000, 1764300000000). */
// Indexes as the migrations made them (DESC, partial): named here, shaped there.
@Index('positions_employer', { synchronize: false })
@Index('positions_recent', { synchronize: false })
@Entity({ name: 'positions' })
export class PositionEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'employer_id', type: 'text' })
  employerId!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  location!: string;

  @Column({ type: 'integer' })
  headcount!: number;

  @Column({ name: 'salary_range', type: 'text' })
  salaryRange!: string;

  @Column({ type: 'text' })
  description!: string;

  @Column({ type: 'text', default: 'OPEN' })
  status!: PositionStatus;

  /** Bumped by every change; carried by position.changed so consumers keep the newest. */
  @Column({ type: 'integer', default: 1 })
  revision!: number;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
