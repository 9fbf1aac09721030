import type { OfferStatus } from '@netsign/contracts';
import type { Transition } from '../../domain/transition.js';

export interface OfferState {
  status: OfferStatus;
  expiresAt: Date | null;
  agreementId: string | null;
}

/**
 * A sent offer past its expiry reads EXPIRED at once, before the sweep records it (the
 * repository's status filter states the same rule in SQL).
 */
export function effectiveOfferStatus(offer: OfferState, now: Date): OfferStatus {
  return isDue(offer, now) ? 'EXPIRED' : offer.status;
}

/** What the expiry sweep records: a SENT offer whose expiry has come. */
export function isDue(offer: OfferState, now: Date): boolean {
  return (
    offer.status === 'SENT' &&
    offer.expiresAt !== null &&
    offer.expiresAt.getTime() <= now.getTime()
  );
}

/** The graduate declines a sent offer; an expired or answered one is refused. */
export function declineOffer(offer: OfferState, now: Date): Transition<'DECLINED'> {
  const status = effectiveOfferStatus(offer, now);
  if (status === 'SENT') return { ok: true, to: 'DECLINED' };
  return { ok: false, reason: status === 'EXPIRED' ? '签约通知已过期' : '签约通知已处理' };
}

/**
 * Signing has signed an agreement from this offer (signing checked the offer when it signed, and
 * the agreement exists): the offer is ACCEPTED, once. `null` means nothing to do — the offer
 * already names an agreement (a repeated event).
 */
export function acceptOfferBySigning(offer: OfferState): 'ACCEPTED' | null {
  return offer.agreementId === null ? 'ACCEPTED' : null;
}
