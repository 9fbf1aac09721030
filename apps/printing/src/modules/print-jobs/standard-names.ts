import type { AgreementSnapshot } from '@netsign/contracts';
import { employerNatureName, industryName, regionName } from '@netsign/standard-codes';

/**
 * The names a printed agreement shows for 生源地, 单位性质 and 所属行业: the standard table's name
 * when the snapshot has a code (docs/standard-codes.md), the snapshot's text otherwise.
 */
export function printedNames(s: Pick<AgreementSnapshot, 'graduate' | 'employer'>): {
  originPlace: string;
  nature: string;
  industry: string;
} {
  const { originRegionCode } = s.graduate;
  const { natureCode, industryCode } = s.employer;
  return {
    originPlace: (originRegionCode && regionName(originRegionCode)) || s.graduate.originPlace,
    nature: (natureCode && employerNatureName(natureCode)) || s.employer.nature,
    industry: (industryCode && industryName(industryCode)) || s.employer.industry,
  };
}
