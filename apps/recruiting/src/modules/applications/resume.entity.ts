import type { Resume } from '@netsign/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Table `resumes`: one per graduate, copied into each application when submitted. */
@Entity({ name: 'resumes' })
export class ResumeEntity {
  @PrimaryColumn({ name: 'graduate_id', type: 'text' })
  graduateId!: string;

  @Column({ type: 'jsonb' })
  content!: Resume;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
