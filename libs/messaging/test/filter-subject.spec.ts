import { describe, expect, it } from '@jest/globals';
import { filterSubject } from '../src/jetstream/event-consumer.js';

describe('filterSubject (one filter subject per consumer on NATS 2.9)', () => {
  it('is the subject itself for one event', () => {
    expect(filterSubject(['signing.evt.agreement.signed.v1'])).toBe(
      'signing.evt.agreement.signed.v1',
    );
  });

  it('is the narrowest wildcard covering several', () => {
    expect(
      filterSubject(['signing.evt.agreement.signed.v1', 'signing.evt.agreement.approved.v1']),
    ).toBe('signing.evt.agreement.>');
    expect(
      filterSubject([
        't1.signing.evt.agreement.signed.v1',
        't1.signing.evt.destination.changed.v1',
      ]),
    ).toBe('t1.signing.evt.>');
    // Two versions of one event: the last token always stays under the wildcard.
    expect(filterSubject(['review.evt.review.decided.v1', 'review.evt.review.decided.v2'])).toBe(
      'review.evt.review.decided.>',
    );
  });

  it('refuses subjects with nothing in common', () => {
    expect(() => filterSubject(['a.x', 'b.x'])).toThrow('common prefix');
  });
});
