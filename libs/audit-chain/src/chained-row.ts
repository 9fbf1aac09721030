import { Column } from 'typeorm';

/**
 * The link columns `addChainColumns` adds to an audited table (its position in the aggregate's
 * chain and the hashes), for that table's entity to extend.
 */
export abstract class ChainedRow {
  @Column({ type: 'integer' })
  seq!: number;

  @Column({ name: 'prev_hash', type: 'text' })
  prevHash!: string;

  @Column({ type: 'text' })
  hash!: string;
}
