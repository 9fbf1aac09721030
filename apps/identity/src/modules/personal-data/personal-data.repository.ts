import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { GraduateEntity } from '../roster/graduate.entity.js';

/** An ID number as stored: ciphertext and the key that sealed it (docs/decisions/0002). */
export type SealedIdNumber = Pick<GraduateEntity, 'id' | 'idNumberEnc' | 'idKeyId'>;

/** The encrypted ID-number columns of `graduates`, for re-encryption after a key rotation. */
@Injectable()
export class PersonalDataRepository {
  constructor(
    @InjectRepository(GraduateEntity) private readonly graduates: Repository<GraduateEntity>,
  ) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.graduates.manager.transaction(work);
  }

  /**
   * The next `limit` rows after `after` (primary-key order) sealed under one of `keyIds`, locked;
   * rows locked by a concurrent change are skipped.
   */
  async lockSealedUnder(
    tx: EntityManager,
    after: string,
    keyIds: readonly string[],
    limit: number,
  ): Promise<SealedIdNumber[]> {
    return tx
      .getRepository(GraduateEntity)
      .createQueryBuilder('g')
      .select(['g.id', 'g.idNumberEnc', 'g.idKeyId'])
      .where('g.id > :after', { after })
      .andWhere('g.idKeyId IN (:...keyIds)', { keyIds })
      .orderBy('g.id')
      .limit(limit)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
  }

  /** Writes the re-sealed ID numbers in one statement (the blind index does not change). */
  async reseal(tx: EntityManager, rows: SealedIdNumber[]): Promise<void> {
    await tx.query(
      `UPDATE graduates g SET id_number_enc = v.enc, id_key_id = v.kid
         FROM unnest($1::uuid[], $2::text[], $3::text[]) AS v(id, enc, kid) WHERE g.id = v.id`,
      [rows.map((r) => r.id), rows.map((r) => r.idNumberEnc), rows.map((r) => r.idKeyId)],
    );
  }

  /** How many ID numbers are sealed under none of `known`, and under which keys. */
  async sealedUnderOther(known: readonly string[]): Promise<{ n: number; keys: string[] }> {
    const [row]: Array<{ n: number; keys: string[] | null }> = await this.graduates.query(
      `SELECT count(*)::int AS n, array_agg(DISTINCT id_key_id) AS keys FROM graduates WHERE NOT (id_key_id = ANY($1::text[]))`,
      [known],
    );
    return { n: row?.n ?? 0, keys: row?.keys ?? [] };
  }
}
