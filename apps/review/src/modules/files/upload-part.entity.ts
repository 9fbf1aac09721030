import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Table `upload_parts`: the parts of uploads in progress (migration 1764300000000). */
@Entity({ name: 'upload_parts' })
export class UploadPartEntity {
  @PrimaryColumn({ name: 'upload_id', type: 'uuid' })
  uploadId!: string;

  @PrimaryColumn({ type: 'integer' })
  seq!: number;

  @Column({ name: 'owner_user_id', type: 'text' })
  ownerUserId!: string;

  @Column({ type: 'bytea' })
  data!: Buffer;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
