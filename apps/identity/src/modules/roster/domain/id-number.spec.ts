import { describe, expect, it } from '@jest/globals';
import { checkIdNumber, idNumberCheckChar, isValidIdNumber, maskIdNumber } from './id-number.js';

describe('national ID number (GB 11643)', () => {
  const today = new Date('2026-06-01T00:00:00Z');

  it.each([
    '11010519491231002X', // the standard's example
    '11010519491231002x', // lower-case x is accepted and normalised
    '11010119900307803X',
    '110101199003074477',
  ])('accepts %s', (id) => {
    expect(checkIdNumber(id, today)).toBeNull();
  });

  it.each([
    ['110105194912310021', 'CHECK_DIGIT'],
    ['110101199003078035', 'CHECK_DIGIT'],
    ['110105194902300028', 'BIRTH_DATE'], // 30 February
    ['110105203001010027', 'BIRTH_DATE'], // born in the future
    ['110105189912310025', 'BIRTH_DATE'], // before 1900
    ['11010519491231002', 'FORMAT'],
    ['1101051949123100XX', 'FORMAT'],
    ['11010519491231002Y', 'FORMAT'],
  ])('rejects %s (%s)', (id, problem) => {
    expect(checkIdNumber(id, today)).toBe(problem);
  });

  it('computes the MOD 11-2 check character', () => {
    expect(idNumberCheckChar('11010519491231002')).toBe('X');
    expect(
      isValidIdNumber(`11010120000101001${idNumberCheckChar('11010120000101001')}`, today),
    ).toBe(true);
  });

  it('masks all but the region code and the last four', () => {
    expect(maskIdNumber('340104199001011234')).toBe('340104********1234');
    expect(maskIdNumber('11010519491231002x')).toBe('110105********002X');
  });
});
