import { Column, Entity, OneToMany, PrimaryColumn } from 'typeorm';
import { DepartmentEntity } from './department.entity.js';

/** Table `schools` (migration 1764280000200). */
@Entity({ name: 'schools' })
export class SchoolEntity {
  @PrimaryColumn({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  /** Loaded where a query asks for them. */
  @OneToMany(() => DepartmentEntity, (d) => d.school)
  departments?: DepartmentEntity[];
}
