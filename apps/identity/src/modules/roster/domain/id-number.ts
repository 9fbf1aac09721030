/**
 * Mainland resident identity card numbers (GB 11643-1999). The rules live in the contracts library
 * so the web portal checks a number as it is typed with the very functions identity applies.
 */
export {
  checkIdNumber,
  idNumberCheckChar,
  isValidIdNumber,
  maskIdNumber,
  normaliseIdNumber,
  type IdNumberProblem,
} from '@netsign/contracts';
