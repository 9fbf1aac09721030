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
import { invalidState, notFound, partyScopeOf, recruitmentResource } from '../parties.js';
import { acceptOfferBySigning, declineOffer, effectiveOfferStatus } from './domain/offer-status.js';
import { OffersRepository } from './offers.repository.js';
import type { SigningOfferEntity } from './signing-offer.entity.js';

/** The offer as its parties read it: a sent offer past its expiry reads EXPIRED. */
function toOfferView(o: SigningOfferEntity, now: Date): OfferView {
  return {
    id: o.id,
    invitationId: o.invitationId,
    employerId: o.employerId,
    graduateId: o.graduateId,
    position: o.position,
    terms: o.terms,
    status: effectiveOfferStatus(o, now),
    expiresAt: o.expiresAt ? o.expiresAt.toISOString() : null,
    agreementId: o.agreementId,
    createdAt: o.createdAt.toISOString(),
  };
}

/** Signing offers (签约通知): sent after a passed interview; accepting happens in signing. */
@Injectable()
export class OffersUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly offers: OffersRepository,
  ) {}

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
    await this.offers.insert(tx, {
      id,
      invitationId: input.invitationId,
      employerId: input.employerId,
      graduateId: input.graduateId,
      position: input.position,
      terms: input.terms,
      status: 'SENT',
      expiresAt: input.expiresAt ? new Date(input.expiresAt) : null,
    });
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
    const [items, total] = await this.offers.listOf(
      partyScopeOf(principal),
      { status: q.status },
      q,
    );
    const now = new Date();
    return { items: items.map((o) => toOfferView(o, now)), total };
  }

  /** SERVICE (signing) reads any offer; a party only its own (others: NOT_FOUND). */
  async get(principal: Principal | null, offerId: string): Promise<OfferView> {
    const p = requirePrincipal(principal);
    if (!mayAtAll(p, 'recruitment', 'see')) throw new ServiceError(ErrorCode.FORBIDDEN);
    const offer = await this.offers.findById(offerId);
    if (!offer || !may(p, 'recruitment', 'see', recruitmentResource(offer)))
      throw notFound('签约通知');
    return toOfferView(offer, new Date());
  }

  async decline(principal: Principal | null, offerId: string): Promise<OfferView> {
    const graduateId = requireGraduateId(principal);
    return this.dataSource.transaction(async (tx) => {
      const offer = await this.offers.findById(offerId, { tx, lock: true });
      if (!offer || offer.graduateId !== graduateId) throw notFound('签约通知');
      const now = new Date();
      const next = declineOffer(offer, now);
      if (!next.ok) throw invalidState(next.reason);
      await this.offers.setStatus(tx, offerId, { status: next.to });
      await publishEvent(tx, offerDeclined, {
        aggregateId: offerId,
        payload: {
          offerId,
          positionTitle: offer.position.title,
          employerId: offer.employerId,
          graduateId,
        },
      });
      return toOfferView({ ...offer, status: next.to }, now);
    });
  }

  /** agreement.signed named this offer: it is ACCEPTED (idempotent: the inbox dedups the event). */
  async markAccepted(tx: EntityManager, offerId: string, agreementId: string): Promise<void> {
    const offer = await this.offers.findById(offerId, { tx, lock: true });
    const to = offer && acceptOfferBySigning(offer);
    if (!offer || !to) return;
    await this.offers.setStatus(tx, offerId, { status: to, agreementId });
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
}
