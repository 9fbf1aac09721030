import type { Destination, GraduateSnapshot } from '@netsign/contracts';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Table `graduates` (migrations 1764290000000, 1764330000000): signing's projection of identity's
 * roster, with each graduate's destination (毕业去向), which signing owns.
 */
@Index('graduates_school', { synchronize: false })
@Entity({ name: 'graduates' })
export class GraduateEntity {
  @PrimaryColumn({ name: 'graduate_id', type: 'text' })
  graduateId!: string;

  @Column({ name: 'school_code', type: 'text' })
  schoolCode!: string;

  @Column({ name: 'department_code', type: 'text' })
  departmentCode!: string;

  @Column({ name: 'source_info_confirmed', type: 'boolean', default: false })
  sourceInfoConfirmed!: boolean;

  @Column({ type: 'text', default: 'AWAITING_EMPLOYMENT' })
  destination!: Destination;

  @Column({ name: 'destination_note', type: 'text', nullable: true })
  destinationNote!: string | null;

  /** 毕业去向代码 (docs/standard-codes.md). */
  @Column({ name: 'destination_code', type: 'text', nullable: true })
  destinationCode!: string | null;

  @Column({ type: 'jsonb' })
  snapshot!: GraduateSnapshot;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
