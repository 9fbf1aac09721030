import {
  ErrorCode,
  ServiceError,
  type AgreementTerms,
  type EmployerSnapshot,
} from '@netsign/contracts';

export interface FieldError {
  field: string;
  message: string;
}

/**
 * Rules on terms that need the employer (shape is checked by the contract's schema):
 * the superior authority is required without hiring autonomy (用人自主权), and probation may
 * not exceed what the contract length allows (劳动合同法 第十九条).
 */
export function termsErrors(
  terms: AgreementTerms,
  employer: Pick<EmployerSnapshot, 'hasHiringAutonomy'>,
): FieldError[] {
  const errors: FieldError[] = [];
  if (!employer.hasHiringAutonomy && !terms.superiorAuthority) {
    errors.push({
      field: 'terms.superiorAuthority',
      message:
        '用人单位无用人自主权，必须填写上级主管部门（EMPLOYMENT_PLACE_TALENT_SERVICE 或 ORIGIN_PLACE）',
    });
  }
  const maxProbation = maxProbationMonths(terms.contractYears);
  if (terms.probationMonths > maxProbation) {
    errors.push({
      field: 'terms.probationMonths',
      message: `合同期限 ${terms.contractYears} 年时试用期不得超过 ${maxProbation} 个月`,
    });
  }
  return errors;
}

export function maxProbationMonths(contractYears: number): number {
  if (contractYears < 1) return 1;
  if (contractYears < 3) return 2;
  return 6;
}

export function assertValidTerms(
  terms: AgreementTerms,
  employer: Pick<EmployerSnapshot, 'hasHiringAutonomy'>,
): void {
  const fields = termsErrors(terms, employer);
  if (fields.length > 0)
    throw new ServiceError(ErrorCode.VALIDATION_FAILED, '协议条款不合法', { fields });
}
