import { describe, expect, it } from '@jest/globals';
import {
  checkCreditCode,
  isValidCreditCode,
  isValidOrganisationCode,
  organisationCodeCheckChar,
} from './credit-code.js';

describe('unified social credit code (GB 32100) with embedded organisation code (GB 11714)', () => {
  // The standard's own example and codes published on registered companies' business licences.
  const valid = [
    '91350100M000100Y43', // GB 32100-2015 appendix example
    '91110108551385082Q', // 小米科技有限责任公司
    '9144030071526726XG', // 深圳市腾讯计算机系统有限公司
    '91110000802100433B', // 北京百度网讯科技有限公司
    '91110000600037341L',
    '91110000100017643K',
    '914403001922038216',
    '91440300708461136T',
  ];
  it.each(valid)('accepts %s', (code) => {
    expect(checkCreditCode(code)).toBeNull();
    expect(isValidCreditCode(code.toLowerCase())).toBe(true);
  });

  it.each([
    ['91350100M000100Y44', 'CHECK_CHARACTER'], // last character altered
    ['9144030071526726XH', 'CHECK_CHARACTER'],
    ['91110108551385083Q', 'ORGANISATION_CODE'], // organisation-code check digit altered
    ['91350100M000100Y4', 'FORMAT'], // 17 characters
    ['91350100M000100I43', 'FORMAT'], // I is not in the alphabet
    ['913501O0M000100Y43', 'FORMAT'], // division code must be digits
    ['', 'FORMAT'],
  ])('rejects %s (%s)', (code, problem) => {
    expect(checkCreditCode(code)).toBe(problem);
  });

  it('computes GB 11714 check characters, including X and 0', () => {
    expect(isValidOrganisationCode('71526726-X')).toBe(true);
    expect(isValidOrganisationCode('80210043-3')).toBe(true);
    expect(isValidOrganisationCode('12345678-8')).toBe(true);
    expect(isValidOrganisationCode('12345678-9')).toBe(false);
    expect(organisationCodeCheckChar('71526726')).toBe('X');
  });
});
