import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { StoredFileEntity } from '../files/stored-file.entity.js';
import { TerminationEntity } from './termination.entity.js';

/** Table `termination_materials`: the files an application carries, in order (migration 1764300000000). */
@Index('termination_materials_termination', { synchronize: false })
@Entity({ name: 'termination_materials' })
export class TerminationMaterialEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'termination_id', type: 'uuid' })
  terminationId!: string;

  /** Never loaded; declares the foreign key. */
  @ManyToOne(() => TerminationEntity, (t) => t.materials)
  @JoinColumn({
    name: 'termination_id',
    foreignKeyConstraintName: 'termination_materials_termination_id_fkey',
  })
  termination?: TerminationEntity;

  @Column({ name: 'file_id', type: 'uuid' })
  fileId!: string;

  /** Loaded where a query joins it. */
  @ManyToOne(() => StoredFileEntity)
  @JoinColumn({ name: 'file_id', foreignKeyConstraintName: 'termination_materials_file_id_fkey' })
  file?: StoredFileEntity;

  @Column({ type: 'integer' })
  position!: number;
}
