import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Reach } from '@netsign/auth';
import type { OfferStatus } from '@netsign/contracts';
import { hydrate } from '@netsign/persistence';
import type { EntityManager, Repository } from 'typeorm';
import type { Page } from '../paging.js';
import { partyCondition } from '../parties.js';
import { SigningOfferEntity } from './signing-offer.entity.js';

export type NewOffer = Pick<
  SigningOfferEntity,
  | 'id'
  | 'invitationId'
  | 'employerId'
  | 'graduateId'
  | 'position'
  | 'terms'
  | 'status'
  | 'expiresAt'
>;

/**
 * The offer's status as read, in SQL (`o` = signing_offers): the rule of
 * domain/offer-status.ts `effectiveOfferStatus`, for filtering a list by status.
 */
const EFFECTIVE_STATUS = `CASE WHEN o.status = 'SENT' AND o.expires_at IS NOT NULL AND o.expires_at <= now() THEN 'EXPIRED' ELSE o.status END`;

/** Table `signing_offers`: the only place that reads or writes it. */
@Injectable()
export class OffersRepository {
  constructor(
    @InjectRepository(SigningOfferEntity) private readonly offers: Repository<SigningOfferEntity>,
  ) {}

  private on(tx?: EntityManager): Repository<SigningOfferEntity> {
    return tx ? tx.getRepository(SigningOfferEntity) : this.offers;
  }

  async insert(tx: EntityManager, fields: NewOffer): Promise<void> {
    await this.on(tx).insert(fields);
  }

  async findById(
    id: string,
    options: { tx?: EntityManager; lock?: boolean } = {},
  ): Promise<SigningOfferEntity | null> {
    return this.on(options.tx).findOne({
      where: { id },
      ...(options.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }

  async setStatus(
    tx: EntityManager,
    id: string,
    change: { status: OfferStatus; agreementId?: string },
  ): Promise<void> {
    await this.on(tx).update({ id }, { ...change, updatedAt: () => 'now()' });
  }

  /** The party's offers (optionally in one status as read), newest first. */
  async listOf(
    reach: Reach,
    filter: { status?: OfferStatus },
    page: Page,
  ): Promise<[SigningOfferEntity[], number]> {
    const party = partyCondition(reach, 'o');
    const qb = this.offers.createQueryBuilder('o').where(party.where, party.params);
    if (filter.status) qb.andWhere(`(${EFFECTIVE_STATUS}) = :status`, filter);
    return qb
      .orderBy('o.createdAt', 'DESC')
      .addOrderBy('o.id')
      .offset((page.page - 1) * page.pageSize)
      .limit(page.pageSize)
      .getManyAndCount();
  }

  /**
   * Records EXPIRED on up to `limit` sent offers due at `now`, skipping rows another replica
   * holds (SKIP LOCKED), and returns them. Kept as one SQL statement; rows map through the
   * entity's metadata (`hydrate`).
   */
  async expireDue(tx: EntityManager, now: Date, limit: number): Promise<SigningOfferEntity[]> {
    // TypeORM answers an UPDATE … RETURNING through `tx.query` as [rows, count].
    const [rows]: [Array<Record<string, unknown>>, number] = await tx.query(
      `UPDATE signing_offers SET status = 'EXPIRED', updated_at = now()
        WHERE id IN (SELECT id FROM signing_offers
                      WHERE status = 'SENT' AND expires_at IS NOT NULL AND expires_at <= $1
                      ORDER BY expires_at LIMIT $2 FOR UPDATE SKIP LOCKED)
      RETURNING *`,
      [now, limit],
    );
    return rows.map((row) => hydrate(tx, SigningOfferEntity, row));
  }
}
