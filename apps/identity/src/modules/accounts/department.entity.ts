import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { SchoolEntity } from './school.entity.js';

/** Table `departments` (migration 1764280000200): keyed by school and code. */
@Entity({ name: 'departments' })
export class DepartmentEntity {
  @PrimaryColumn({ name: 'school_code', type: 'text' })
  schoolCode!: string;

  @PrimaryColumn({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @ManyToOne(() => SchoolEntity, (s) => s.departments)
  @JoinColumn({ name: 'school_code', foreignKeyConstraintName: 'departments_school_code_fkey' })
  school?: SchoolEntity;
}
