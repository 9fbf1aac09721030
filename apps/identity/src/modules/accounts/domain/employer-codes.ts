import {
  employerNatureName,
  industryName,
  isRegionCode,
  regionName,
} from '@netsign/standard-codes';

export interface EmployerCodesInput {
  nature: string;
  industry: string;
  natureCode?: string | null | undefined;
  industryCode?: string | null | undefined;
  regionCode?: string | null | undefined;
}

export interface ResolvedEmployerCodes {
  nature: string;
  industry: string;
  natureCode: string | null;
  industryCode: string | null;
  regionCode: string | null;
}

export interface CodeProblem {
  field: 'natureCode' | 'industryCode' | 'regionCode';
  message: string;
}

/**
 * Checks the standard codes an employer gives (each optional) against their tables; where a code
 * is given, the stored name is the table's, whatever text came with it (docs/standard-codes.md).
 */
export function resolveEmployerCodes(
  input: EmployerCodesInput,
): ResolvedEmployerCodes | { problems: CodeProblem[] } {
  const problems: CodeProblem[] = [];
  const natureName = input.natureCode ? employerNatureName(input.natureCode) : undefined;
  if (input.natureCode && !natureName)
    problems.push({ field: 'natureCode', message: `单位性质代码 ${input.natureCode} 不存在` });
  const industry = input.industryCode ? industryName(input.industryCode) : undefined;
  if (input.industryCode && !industry)
    problems.push({
      field: 'industryCode',
      message: `行业代码 ${input.industryCode} 不是 GB/T 4754-2017 的门类或大类代码`,
    });
  if (input.regionCode && !isRegionCode(input.regionCode))
    problems.push({
      field: 'regionCode',
      message: `所在地区代码 ${input.regionCode} 不是有效的行政区划代码（GB/T 2260）`,
    });
  if (problems.length > 0) return { problems };
  return {
    nature: natureName ?? input.nature,
    industry: industry ?? input.industry,
    natureCode: input.natureCode || null,
    industryCode: input.industryCode || null,
    regionCode: input.regionCode || null,
  };
}

/** The region's full name for a stored code (null when none). */
export const regionNameOf = (code: string | null): string | null =>
  code ? (regionName(code) ?? null) : null;
