import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Table `roster_upload_parts` (migration 1764280000200): a roster file sent in parts. */
@Entity({ name: 'roster_upload_parts' })
export class RosterUploadPartEntity {
  @PrimaryColumn({ name: 'upload_id', type: 'uuid' })
  uploadId!: string;

  @PrimaryColumn({ type: 'integer' })
  seq!: number;

  @Column({ name: 'school_code', type: 'text' })
  schoolCode!: string;

  @Column({ type: 'bytea' })
  data!: Buffer;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
