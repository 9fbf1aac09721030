import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Tables of signing's projections of recruiting's parties (migration 1764300000000). */

/** `employers`: each employer as signing snapshots it into agreements. */
@Entity({ name: 'employers' })
export class EmployerEntity {
  @PrimaryColumn({ name: 'employer_id', type: 'text' })
  employerId!: string;

  @Column({ type: 'jsonb' })
  snapshot!: unknown;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}

/** `positions`: each position, at its latest revision. */
@Entity({ name: 'positions' })
export class PositionEntity {
  @PrimaryColumn({ name: 'position_id', type: 'text' })
  positionId!: string;

  @Column({ name: 'employer_id', type: 'text' })
  employerId!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  location!: string;

  @Column({ type: 'text' })
  status!: string;

  @Column({ type: 'integer' })
  revision!: number;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
