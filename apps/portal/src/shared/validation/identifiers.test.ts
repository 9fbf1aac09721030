import { describe, expect, it } from 'vitest';
import { creditCodeProblem, idNumberProblem } from './identifiers';

// The same numbers the API accepts and refuses (identity's tests use these checks too).
describe('credit code as typed (GB 32100)', () => {
  it('accepts a valid code, in any case', () => {
    expect(creditCodeProblem('91350100M000100Y43')).toBeNull();
    expect(creditCodeProblem('91350100m000100y43')).toBeNull();
  });
  it('names what is wrong in Chinese', () => {
    expect(creditCodeProblem('9135010')).toContain('18 位');
    expect(creditCodeProblem('91350100M000100Y44')).toContain('校验码不正确');
    expect(creditCodeProblem('91350100M000100X43')).toContain('组织机构代码');
  });
});

describe('national ID number as typed (GB 11643)', () => {
  it('accepts a valid number, x or X', () => {
    expect(idNumberProblem('11010519491231002X')).toBeNull();
    expect(idNumberProblem('11010519491231002x')).toBeNull();
  });
  it('names a wrong check digit, a bad birth date and a bad length', () => {
    expect(idNumberProblem('110105194912310021')).toContain('校验码不正确');
    expect(idNumberProblem('110105194913310025')).toContain('出生日期');
    expect(idNumberProblem('1101051949')).toContain('18 位');
  });
});
