import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { may, mayAtAll, requireGraduateId, requirePrincipal } from '@netsign/auth';
import {
  offerAccepted,
  offerDeclined,
  offerSent,
  ErrorCode,
  ServiceError,
  type AgreementTerms,
  type OfferStatus,
  type OfferView,
  type Paged,
  type PositionSnapshot,
  type Principal,
} from '@netsign/contracts';
import { publishEvent } from '@netsign/messaging';
import { DataSource, type EntityManager } from 'typeorm';
import {
  invalidState,
  notFound,
  partyFilter,
  partyScopeOf,
  recruitmentResource,
} from '../parties.js';

type Db = Pick<EntityManager, 'query'>;

const COLUMNS = `id, invitation_id, employer_id, graduate_id, position, terms, status, expires_at, agreement_id, created_at`;
/** An offer past its expiry reads EXPIRED; the row keeps SENT (nothing to run on a timer). */
const STATUS_SQL = `CASE WHEN status = 'SENT' AND expires_at IS NOT NULL AND expires_at <= now() THEN 'EXPIRED' ELSE status END`;

function toOffer(r: Record<string, unknown>): OfferView {
  return {
    id: r['id'] as string,
    invitationId: (r['invitation_id'] as string | null) ?? null,
    employerId: r['employer_id'] as string,
    graduateId: r['graduate_id'] as string,
    position: r['position'] as PositionSnapshot,
    terms: r['terms'] as AgreementTerms,
    status: r['effective_status'] as OfferStatus,
    expiresAt: r['expires_at'] ? (r['expires_at'] as Date).toISOString() : null,
    agreementId: (r['agreement_id'] as string | null) ?? null,
    createdAt: (r['created_at'] as Date).toISOString(),
  };
}

/** Signing offers (签约通知): sent after a passed interview; accepting happens in signing. */
@Injectable()
export class OffersUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async create(
    tx: EntityManager,
    input: {
      invitationId: string;
      employerId: string;
      graduateId: string;
      position: PositionSnapshot;
      terms: AgreementTerms;
      expiresAt: string | null;
    },
  ): Promise<{ id: string; status: OfferStatus }> {
    const id = randomUUID();
    await tx.query(
      `INSERT INTO signing_offers (id, invitation_id, employer_id, graduate_id, position, terms, status, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'SENT', $7)`,
      [
        id,
        input.invitationId,
        input.employerId,
        input.graduateId,
        JSON.stringify(input.position),
        JSON.stringify(input.terms),
        input.expiresAt,
      ],
    );
    await publishEvent(tx, offerSent, {
      aggregateId: id,
      payload: {
        offerId: id,
        positionTitle: input.position.title,
        expiresAt: input.expiresAt,
        employerId: input.employerId,
        graduateId: input.graduateId,
      },
    });
    return { id, status: 'SENT' };
  }

  async list(
    principal: Principal | null,
    q: { status?: OfferStatus; page: number; pageSize: number },
  ): Promise<Paged<OfferView>> {
    const params: unknown[] = [];
    const where = [partyFilter(partyScopeOf(principal), params)];
    if (q.status) where.push(`(${STATUS_SQL}) = $${params.push(q.status)}`);
    const filter = where.join(' AND ');
    const [count] = (await this.dataSource.query(
      `SELECT count(*)::int AS n FROM signing_offers WHERE ${filter}`,
      params,
    )) as Array<{ n: number }>;
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT ${COLUMNS}, ${STATUS_SQL} AS effective_status FROM signing_offers WHERE ${filter}
        ORDER BY created_at DESC, id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, q.pageSize, (q.page - 1) * q.pageSize],
    );
    return { items: rows.map(toOffer), total: count?.n ?? 0 };
  }

  /** SERVICE (signing) reads any offer; a party only its own (others: NOT_FOUND). */
  async get(principal: Principal | null, offerId: string): Promise<OfferView> {
    const p = requirePrincipal(principal);
    if (!mayAtAll(p, 'recruitment', 'see')) throw new ServiceError(ErrorCode.FORBIDDEN);
    const offer = await this.load(this.dataSource, offerId);
    if (!offer || !may(p, 'recruitment', 'see', recruitmentResource(offer)))
      throw notFound('签约通知');
    return offer;
  }

  async decline(principal: Principal | null, offerId: string): Promise<OfferView> {
    const graduateId = requireGraduateId(principal);
    return this.dataSource.transaction(async (tx) => {
      const offer = await this.load(tx, offerId, true);
      if (!offer || offer.graduateId !== graduateId) throw notFound('签约通知');
      if (offer.status !== 'SENT')
        throw invalidState(offer.status === 'EXPIRED' ? '签约通知已过期' : '签约通知已处理');
      await tx.query(
        `UPDATE signing_offers SET status = 'DECLINED', updated_at = now() WHERE id = $1`,
        [offerId],
      );
      await publishEvent(tx, offerDeclined, {
        aggregateId: offerId,
        payload: {
          offerId,
          positionTitle: offer.position.title,
          employerId: offer.employerId,
          graduateId,
        },
      });
      return { ...offer, status: 'DECLINED' };
    });
  }

  /** agreement.signed named this offer: it is ACCEPTED (idempotent: the inbox dedups the event). */
  async markAccepted(tx: EntityManager, offerId: string, agreementId: string): Promise<void> {
    const offer = await this.load(tx, offerId, true);
    if (!offer || offer.agreementId) return;
    await tx.query(
      `UPDATE signing_offers SET status = 'ACCEPTED', agreement_id = $2, updated_at = now() WHERE id = $1`,
      [offerId, agreementId],
    );
    await publishEvent(tx, offerAccepted, {
      aggregateId: offerId,
      payload: {
        offerId,
        agreementId,
        positionTitle: offer.position.title,
        employerId: offer.employerId,
        graduateId: offer.graduateId,
      },
    });
  }

  private async load(db: Db, offerId: string, lock = false): Promise<OfferView | null> {
    const rows: Array<Record<string, unknown>> = await db.query(
      `SELECT ${COLUMNS}, ${STATUS_SQL} AS effective_status FROM signing_offers WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [offerId],
    );
    return rows[0] ? toOffer(rows[0]) : null;
  }
}
