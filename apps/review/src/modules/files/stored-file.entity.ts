import type { AcceptedFileType } from '@netsign/contracts';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Table `stored_files`: a file kept in the file store (migration 1764300000000). */
@Entity({ name: 'stored_files' })
export class StoredFileEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'file_name', type: 'text' })
  fileName!: string;

  @Column({ name: 'content_type', type: 'text' })
  contentType!: AcceptedFileType;

  @Column({ type: 'integer' })
  size!: number;

  /** Hex; `char(64)`. */
  @Column({ type: 'char', length: 64 })
  sha256!: string;

  @Column({ name: 'storage_key', type: 'text' })
  storageKey!: string;

  @Column({ name: 'uploaded_by', type: 'text' })
  uploadedBy!: string;

  @Column({ name: 'uploaded_at', type: 'timestamptz', default: () => 'now()' })
  uploadedAt!: Date;
}
