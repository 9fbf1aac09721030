import type { Rule } from 'antd/es/form';
import {
  checkCreditCode,
  checkIdNumber,
  type CreditCodeProblem,
  type IdNumberProblem,
} from '@netsign/contracts/identifiers';

/**
 * Form rules that apply, as the person types, the very checks identity applies (GB 32100 credit
 * codes, GB 11643 ID numbers, from libs/contracts), so a bad code is caught before it is sent.
 */
const CREDIT_CODE_MESSAGES: Record<CreditCodeProblem, string> = {
  FORMAT: '统一社会信用代码为 18 位数字或大写字母（不含 I、O、Z、S、V）',
  ORGANISATION_CODE: '统一社会信用代码第 9–17 位（组织机构代码）校验不通过，请核对',
  CHECK_CHARACTER: '统一社会信用代码最后一位校验码不正确，请核对',
};

const ID_NUMBER_MESSAGES: Record<IdNumberProblem, string> = {
  FORMAT: '身份证号为 18 位，最后一位可为数字或 X',
  BIRTH_DATE: '身份证号中的出生日期无效',
  CHECK_DIGIT: '身份证号最后一位校验码不正确，请核对',
};

export function creditCodeProblem(value: string): string | null {
  const problem = checkCreditCode(value);
  return problem ? CREDIT_CODE_MESSAGES[problem] : null;
}

export function idNumberProblem(value: string): string | null {
  const problem = checkIdNumber(value);
  return problem ? ID_NUMBER_MESSAGES[problem] : null;
}

export const creditCodeRules: Rule[] = [
  { required: true, message: '请输入统一社会信用代码' },
  {
    validator: async (_, value: string | undefined) => {
      const problem = value ? creditCodeProblem(value) : null;
      if (problem) throw new Error(problem);
    },
  },
];

export const idNumberRules: Rule[] = [
  { required: true, message: '请输入身份证号' },
  {
    validator: async (_, value: string | undefined) => {
      const problem = value ? idNumberProblem(value) : null;
      if (problem) throw new Error(problem);
    },
  },
];
