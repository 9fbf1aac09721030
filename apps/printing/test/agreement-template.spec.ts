import { describe, expect, it } from '@jest/globals';
import {
  buildAgreementHtml,
  buildStampableAgreementHtml,
  formatChineseDate,
} from '../src/worker/agreement-template.js';
import type { AgreementPrintData } from '../src/worker/agreement-print-data.js';
import { sampleAgreement } from './agreement-fixture.js';

const EVIL = `<b x="1">'&`;

/** Every string field of the data replaced by markup. */
function poisoned(): AgreementPrintData {
  const poison = (o: Record<string, unknown>): Record<string, unknown> =>
    Object.fromEntries(
      Object.entries(o).map(([k, v]) => [k, typeof v === 'string' ? `${EVIL}${k}` : v]),
    );
  const d = sampleAgreement();
  return {
    ...d,
    agreementNo: `${EVIL}no`,
    graduate: poison(d.graduate) as AgreementPrintData['graduate'],
    employer: {
      ...(poison(d.employer) as AgreementPrintData['employer']),
      superiorAuthority: 'ORIGIN_PLACE',
    },
    position: { title: `${EVIL}title` },
    terms: poison(d.terms) as AgreementPrintData['terms'],
  };
}

describe('agreement template', () => {
  it('escapes every piece of user text', () => {
    const data = poisoned();
    for (const html of [
      buildAgreementHtml(data, [
        { copy: 'EMPLOYER', qrDataUrl: 'data:image/png;base64,AAAA"><script>' },
      ]),
      buildStampableAgreementHtml(data),
    ]) {
      expect(html).not.toContain('<b ');
      expect(html).not.toContain('"><script>');
      expect(html).toContain('&lt;b x=&quot;1&quot;&gt;&#39;&amp;name');
      expect(html).toContain('&lt;b x=&quot;1&quot;&gt;&#39;&amp;otherTerms');
    }
  });

  it('forbids every fetch by policy and prints each copy label once', () => {
    const html = buildAgreementHtml(sampleAgreement(), [
      { copy: 'EMPLOYER', qrDataUrl: null },
      { copy: 'GRADUATE', qrDataUrl: null },
      { copy: 'SCHOOL', qrDataUrl: null },
    ]);
    expect(html).toContain(`default-src 'none'`);
    expect(html).not.toMatch(/(src|href)=["']?https?:/);
    for (const label of ['第一联 用人单位', '第二联 毕业生', '第三联 学校'])
      expect(html.split(label).length - 1).toBe(1);
  });

  it('prints dates in China Standard Time and rejects invalid ones', () => {
    expect(formatChineseDate('2026-03-11T17:30:00Z')).toBe('2026年3月12日');
    expect(formatChineseDate(new Date('2026-06-30T15:59:59Z'))).toBe('2026年6月30日');
    expect(() => formatChineseDate('not a date')).toThrow(RangeError);
  });
});
