import { describe, expect, it } from '@jest/globals';
import { FULLY_MASKED_ID_NUMBER, maskIdNumber } from '../src/index.js';

/** As e2e/support/masking.ts checks every `idNumberMasked` the gateway answers (a lib may not import e2e). */
const MASKED_ID_NUMBER = /^\d{6}\*{8}\d{3}[\dX]$/;

/** The one masking rule (docs/decisions/0002): what each kind of input shows, and never shows. */
describe('maskIdNumber', () => {
  it.each([
    ['18 digits', '340104199001011234', '340104********1234'],
    ['18 with check character X', '11010519491231002X', '110105********002X'],
    ['18 with lowercase x', '11010519491231002x', '110105********002X'],
    ['18 with surrounding spaces', '  340104199001011234 ', '340104********1234'],
    ['15 digits (first generation)', '340104900101123', '340104******123'],
    ['15 with surrounding spaces', ' 340104900101123\t', '340104******123'],
  ])('%s: %s → %s', (_kind, input, expected) => {
    expect(maskIdNumber(input)).toBe(expected);
  });

  it('gives every 18-character number the form the e2e platform checks on each answer', () => {
    expect(maskIdNumber('340104199001011234')).toMatch(MASKED_ID_NUMBER);
    expect(maskIdNumber('11010519491231002x')).toMatch(MASKED_ID_NUMBER);
  });

  it.each([
    ['empty', ''],
    ['spaces only', '   '],
    ['too short', '1234'],
    ['ten digits', '3401041990'],
    ['16 digits', '3401041990010112'],
    ['17 digits', '34010419900101123'],
    ['19 digits', '3401041990010112345'],
    ['X in the middle', '3401041990X1011234'],
    ['15 with an X', '34010490010112X'],
    ['letters', 'not-an-id-number!!'],
    ['Chinese', '身份证号码不详'],
  ])('%s → fully masked, nothing of the input', (_kind, input) => {
    const masked = maskIdNumber(input);
    expect(masked).toBe(FULLY_MASKED_ID_NUMBER);
    expect(masked).toMatch(/^\*+$/);
  });
});
