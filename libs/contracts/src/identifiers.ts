/* National identifiers checked at every edge (browser, gateway, identity): pure functions, no imports. */

/**
 * Unified social credit codes (统一社会信用代码, GB 32100-2015): 18 characters from a 31-character
 * alphabet (no I, O, Z, S, V) — registration authority, organisation type, 6-digit administrative
 * division, the 9-character organisation code of GB 11714-1997 (with its own check character), and a
 * MOD 31 check character. Pure functions.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

export type CreditCodeProblem = 'FORMAT' | 'ORGANISATION_CODE' | 'CHECK_CHARACTER';

export function normaliseCreditCode(raw: string): string {
  return raw.trim().toUpperCase();
}

export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(first17[i]!) * CREDIT_WEIGHTS[i]!;
  return ALPHABET[(31 - (sum % 31)) % 31]!;
}

/** GB 11714: check character of an 8-character organisation code body (digits and A–Z). */
export function organisationCodeCheckChar(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = body8[i]!;
    const value = /\d/.test(c) ? Number(c) : c.charCodeAt(0) - 55; // A = 10 … Z = 35
    sum += value * ORG_WEIGHTS[i]!;
  }
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

export function isValidOrganisationCode(raw: string): boolean {
  const code = raw.trim().toUpperCase().replace('-', '');
  return (
    /^[0-9A-Z]{8}[0-9X]$/.test(code) && organisationCodeCheckChar(code.slice(0, 8)) === code[8]
  );
}

/** null when valid; otherwise the first problem found. */
export function checkCreditCode(raw: string): CreditCodeProblem | null {
  const code = normaliseCreditCode(raw);
  if (code.length !== 18 || [...code].some((c) => !ALPHABET.includes(c))) return 'FORMAT';
  if (!/^\d{6}$/.test(code.slice(2, 8))) return 'FORMAT';
  if (!isValidOrganisationCode(code.slice(8, 17))) return 'ORGANISATION_CODE';
  if (creditCodeCheckChar(code.slice(0, 17)) !== code[17]) return 'CHECK_CHARACTER';
  return null;
}

export function isValidCreditCode(raw: string): boolean {
  return checkCreditCode(raw) === null;
}

/**
 * Mainland resident identity card numbers (GB 11643-1999): 6-digit address code, 8-digit birth
 * date, 3-digit sequence, 1 check character (ISO 7064 MOD 11-2, 'X' for 10). Pure functions.
 */
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export type IdNumberProblem = 'FORMAT' | 'BIRTH_DATE' | 'CHECK_DIGIT';

/** Upper-cases a trailing x and trims: the form we store and index. */
export function normaliseIdNumber(raw: string): string {
  return raw.trim().toUpperCase();
}

export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/** null when valid; otherwise what is wrong with it. `today` is injectable for tests. */
export function checkIdNumber(raw: string, today: Date = new Date()): IdNumberProblem | null {
  const id = normaliseIdNumber(raw);
  if (!/^\d{17}[\dX]$/.test(id)) return 'FORMAT';
  if (!isValidBirthDate(id.slice(6, 14), today)) return 'BIRTH_DATE';
  if (idNumberCheckChar(id.slice(0, 17)) !== id[17]) return 'CHECK_DIGIT';
  return null;
}

export function isValidIdNumber(raw: string, today?: Date): boolean {
  return checkIdNumber(raw, today) === null;
}

function isValidBirthDate(yyyymmdd: string, today: Date): boolean {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  if (year < 1900) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day
  ) {
    return false;
  }
  return date.getTime() <= today.getTime();
}

/** What `maskIdNumber` answers for anything that is not an ID number. */
export const FULLY_MASKED_ID_NUMBER = '*'.repeat(18);

/**
 * How a national ID number appears anywhere but the provincial dispatch system (DESIGN.md rule 5,
 * docs/decisions/0002): the region code and what follows the birth date are kept, the birth date
 * is starred, so the holder recognises the number and a stranger learns neither birthday nor
 * the whole number. The one implementation; every service masks with it.
 * - 18 characters (GB 11643-1999, 17 digits + check digit or X): 6 + 8 stars + last 4, `340104********123X`
 *   (the form e2e/support/masking.ts checks on every answer of the gateway);
 * - 15 digits (first-generation cards, birth date as YYMMDD, no check digit): 6 + 6 stars + last 3,
 *   `340104******123` — the same parts, region and sequence, with the whole birth date hidden;
 * - anything else (too short, too long, letters): 18 stars, nothing of the input, not even its length.
 * Surrounding spaces are ignored and a lowercase x is shown upper-case.
 */
export function maskIdNumber(raw: string): string {
  const id = normaliseIdNumber(raw);
  if (/^\d{17}[\dX]$/.test(id)) return `${id.slice(0, 6)}${'*'.repeat(8)}${id.slice(14)}`;
  if (/^\d{15}$/.test(id)) return `${id.slice(0, 6)}${'*'.repeat(6)}${id.slice(12)}`;
  return FULLY_MASKED_ID_NUMBER;
}
