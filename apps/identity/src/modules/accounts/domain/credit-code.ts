/**
 * Unified social credit codes (GB 32100-2015). The rules live in the contracts library so the web
 * portal checks a code as it is typed with the very functions identity applies.
 */
export {
  checkCreditCode,
  creditCodeCheckChar,
  isValidCreditCode,
  isValidOrganisationCode,
  normaliseCreditCode,
  organisationCodeCheckChar,
  type CreditCodeProblem,
} from '@netsign/contracts';
