import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Tables of statistics (migration 1764300000000), kept up to date by events. */

/** `stats_graduates`: where each graduate counts (fed by roster events). */
@Entity({ name: 'stats_graduates' })
export class StatsGraduateEntity {
  @PrimaryColumn({ name: 'graduate_id', type: 'text' })
  graduateId!: string;

  @Column({ name: 'school_code', type: 'text' })
  schoolCode!: string;

  @Column({ name: 'department_code', type: 'text' })
  departmentCode!: string;
}

/** `stats_units`: the names of schools and departments, as the roster last gave them. */
@Entity({ name: 'stats_units' })
export class StatsUnitEntity {
  @PrimaryColumn({ name: 'school_code', type: 'text' })
  schoolCode!: string;

  @PrimaryColumn({ name: 'department_code', type: 'text' })
  departmentCode!: string;

  @Column({ name: 'school_name', type: 'text' })
  schoolName!: string;

  @Column({ name: 'department_name', type: 'text' })
  departmentName!: string;
}

/** `stats_counters`: one counter per department and metric. */
@Entity({ name: 'stats_counters' })
export class StatsCounterEntity {
  @PrimaryColumn({ name: 'school_code', type: 'text' })
  schoolCode!: string;

  @PrimaryColumn({ name: 'department_code', type: 'text' })
  departmentCode!: string;

  @PrimaryColumn({ type: 'text' })
  metric!: string;

  /** bigint: Postgres answers it as a string. */
  @Column({ type: 'bigint', default: 0 })
  value!: string;
}

/** `stats_snapshots`: a school's figures of one day, immutable once taken (a trigger refuses changes). */
@Entity({ name: 'stats_snapshots' })
export class StatsSnapshotEntity {
  @PrimaryColumn({ type: 'date' })
  day!: string;

  @PrimaryColumn({ name: 'school_code', type: 'text' })
  schoolCode!: string;

  @Column({ type: 'jsonb' })
  data!: unknown;

  @Column({ name: 'taken_at', type: 'timestamptz', default: () => 'now()' })
  takenAt!: Date;
}
