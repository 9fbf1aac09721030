import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** Table `employers` (migrations 1764280000200, 1764280000900). */
@Unique('employers_credit_code_key', ['creditCode'])
@Entity({ name: 'employers' })
export class EmployerEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'credit_code', type: 'text' })
  creditCode!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  nature!: string;

  @Column({ type: 'text' })
  industry!: string;

  @Column({ type: 'text' })
  address!: string;

  @Column({ name: 'has_hiring_autonomy', type: 'boolean' })
  hasHiringAutonomy!: boolean;

  @Column({ name: 'contact_name', type: 'text' })
  contactName!: string;

  @Column({ name: 'contact_phone', type: 'text' })
  contactPhone!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  /** Standard codes (docs/standard-codes.md): null where the text maps to none. */
  @Column({ name: 'nature_code', type: 'text', nullable: true })
  natureCode!: string | null;

  @Column({ name: 'industry_code', type: 'text', nullable: true })
  industryCode!: string | null;

  @Column({ name: 'region_code', type: 'text', nullable: true })
  regionCode!: string | null;
}
