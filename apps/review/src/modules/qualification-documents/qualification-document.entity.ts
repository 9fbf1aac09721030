import type { QualificationDocumentKind } from '@netsign/contracts';
import {
  Column,
  DeleteDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { StoredFileEntity } from '../files/stored-file.entity.js';

/** Table `qualification_documents`: an employer's documents (migration 1764300000000). */
@Index('qualification_documents_employer', { synchronize: false })
@Entity({ name: 'qualification_documents' })
export class QualificationDocumentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'employer_id', type: 'text' })
  employerId!: string;

  @Column({ type: 'text' })
  kind!: QualificationDocumentKind;

  @Column({ name: 'file_id', type: 'uuid' })
  fileId!: string;

  /** Loaded where a query joins it. */
  @ManyToOne(() => StoredFileEntity)
  @JoinColumn({ name: 'file_id', foreignKeyConstraintName: 'qualification_documents_file_id_fkey' })
  file?: StoredFileEntity;

  @Column({ name: 'uploaded_at', type: 'timestamptz', default: () => 'now()' })
  uploadedAt!: Date;

  /**
   * Set when the employer deleted it (migration 1764340000000). TypeORM's soft-delete column:
   * every find and query builder leaves deleted rows out unless it asks `withDeleted()`.
   */
  @DeleteDateColumn({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt!: Date | null;
}
