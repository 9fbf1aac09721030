import { describe, expect, it } from '@jest/globals';
import { agreementTermsSchema, type AgreementTerms } from '@netsign/contracts';
import {
  assertValidTerms,
  maxProbationMonths,
  termsErrors,
} from '../../src/modules/agreements/domain/agreement-terms.js';
import {
  formatAgreementNo,
  signingYear,
} from '../../src/modules/agreements/domain/agreement-number.js';

const base: AgreementTerms = agreementTermsSchema.parse({
  workLocation: '安徽省合肥市',
  monthlySalary: 9500,
  probationMonths: 3,
  contractYears: 3,
});

describe('agreement terms', () => {
  it('defaults optional text fields and superiorAuthority to null', () => {
    expect(base).toMatchObject({
      archiveTransferAddress: '',
      hukouTransferAddress: '',
      otherTerms: '',
      superiorAuthority: null,
    });
  });

  it('requires the superior authority when the employer lacks hiring autonomy, naming the field', () => {
    expect(termsErrors(base, { hasHiringAutonomy: true })).toEqual([]);
    expect(termsErrors(base, { hasHiringAutonomy: false })).toEqual([
      { field: 'terms.superiorAuthority', message: expect.any(String) },
    ]);
    for (const superiorAuthority of ['EMPLOYMENT_PLACE_TALENT_SERVICE', 'ORIGIN_PLACE'] as const) {
      expect(termsErrors({ ...base, superiorAuthority }, { hasHiringAutonomy: false })).toEqual([]);
    }
  });

  it.each([
    [0, 1],
    [0.5, 1],
    [1, 2],
    [2.9, 2],
    [3, 6],
    [10, 6],
  ])('contract of %s years allows %s probation months', (years, max) => {
    expect(maxProbationMonths(years)).toBe(max);
    expect(
      termsErrors(
        { ...base, contractYears: years, probationMonths: max },
        { hasHiringAutonomy: true },
      ),
    ).toEqual([]);
    expect(
      termsErrors(
        { ...base, contractYears: years, probationMonths: max + 1 },
        { hasHiringAutonomy: true },
      ),
    ).toEqual([{ field: 'terms.probationMonths', message: expect.any(String) }]);
  });

  it('assertValidTerms throws VALIDATION_FAILED with every bad field', () => {
    expect(() =>
      assertValidTerms(
        { ...base, contractYears: 1, probationMonths: 6 },
        { hasHiringAutonomy: false },
      ),
    ).toThrow(
      expect.objectContaining({
        code: 'VALIDATION_FAILED',
        details: {
          fields: [
            expect.objectContaining({ field: 'terms.superiorAuthority' }),
            expect.objectContaining({ field: 'terms.probationMonths' }),
          ],
        },
      }) as unknown as Error,
    );
    expect(() => assertValidTerms(base, { hasHiringAutonomy: true })).not.toThrow();
  });

  it('the schema refuses out-of-range values', () => {
    expect(agreementTermsSchema.safeParse({ ...base, monthlySalary: -1 }).success).toBe(false);
    expect(agreementTermsSchema.safeParse({ ...base, probationMonths: 7 }).success).toBe(false);
    expect(agreementTermsSchema.safeParse({ ...base, workLocation: '  ' }).success).toBe(false);
    expect(agreementTermsSchema.safeParse({ ...base, superiorAuthority: 'NOWHERE' }).success).toBe(
      false,
    );
  });
});

describe('agreement number', () => {
  it('is <year>-<schoolCode>-<6-digit seq>', () => {
    expect(formatAgreementNo(2026, '10357', 123)).toBe('2026-10357-000123');
    expect(formatAgreementNo(2026, '10357', 1234567n)).toBe('2026-10357-1234567');
  });
  it('takes the year in China time', () => {
    expect(signingYear(new Date('2025-12-31T16:30:00Z'))).toBe(2026);
    expect(signingYear(new Date('2025-12-31T15:30:00Z'))).toBe(2025);
  });
});
