import { describe, expect, it } from '@jest/globals';
import type { OfferStatus } from '@netsign/contracts';
import {
  acceptOfferBySigning,
  declineOffer,
  effectiveOfferStatus,
  isDue,
  type OfferState,
} from './offer-status.js';

const now = new Date('2026-06-01T08:00:00Z');
const before = new Date(now.getTime() - 1);
const after = new Date(now.getTime() + 1);
const offer = (
  status: OfferStatus,
  expiresAt: Date | null = null,
  agreementId: string | null = null,
) => ({ status, expiresAt, agreementId }) satisfies OfferState;

describe('offer status', () => {
  describe('as read', () => {
    it('a sent offer past or at its expiry reads EXPIRED and is due for the sweep', () => {
      for (const at of [before, now]) {
        expect(effectiveOfferStatus(offer('SENT', at), now)).toBe('EXPIRED');
        expect(isDue(offer('SENT', at), now)).toBe(true);
      }
    });

    it('a sent offer before its expiry, or without one, reads SENT', () => {
      for (const at of [after, null]) {
        expect(effectiveOfferStatus(offer('SENT', at), now)).toBe('SENT');
        expect(isDue(offer('SENT', at), now)).toBe(false);
      }
    });

    it.each(['ACCEPTED', 'DECLINED', 'EXPIRED'] as const)(
      'a %s offer reads as recorded, expiry or not',
      (status) => {
        expect(effectiveOfferStatus(offer(status, before), now)).toBe(status);
        expect(isDue(offer(status, before), now)).toBe(false);
      },
    );
  });

  describe('decline (graduate)', () => {
    it('declines a sent offer before its expiry', () => {
      expect(declineOffer(offer('SENT', after), now)).toEqual({ ok: true, to: 'DECLINED' });
      expect(declineOffer(offer('SENT'), now)).toEqual({ ok: true, to: 'DECLINED' });
    });

    it('refuses an offer past its expiry, recorded or not', () => {
      const expired = { ok: false, reason: '签约通知已过期' };
      expect(declineOffer(offer('SENT', before), now)).toEqual(expired);
      expect(declineOffer(offer('EXPIRED', before), now)).toEqual(expired);
    });

    it.each(['ACCEPTED', 'DECLINED'] as const)('refuses a %s offer', (status) => {
      expect(declineOffer(offer(status, after), now)).toEqual({
        ok: false,
        reason: '签约通知已处理',
      });
    });
  });

  describe('accepted by signing (agreement.signed)', () => {
    it.each(['SENT', 'ACCEPTED', 'DECLINED', 'EXPIRED'] as const)(
      'a %s offer without an agreement becomes ACCEPTED (signing has signed it)',
      (status) => {
        expect(acceptOfferBySigning(offer(status, before))).toBe('ACCEPTED');
      },
    );

    it('an offer that already names an agreement is left as it is (a repeated event)', () => {
      expect(acceptOfferBySigning(offer('ACCEPTED', null, 'agreement-1'))).toBeNull();
    });
  });
});
