/**
 * Unified social credit codes (统一社会信用代码, GB 32100-2015): 18 characters from a 31-character
 * alphabet (no I, O, Z, S, V) — registration authority, organisation type, 6-digit administrative
 * division, the 9-character organisation code of GB 11714-1997 (with its own check character), and a
 * MOD 31 check character. Pure functions.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

export type CreditCodeProblem = 'FORMAT' | 'ORGANISATION_CODE' | 'CHECK_CHARACTER';

export function normaliseCreditCode(raw: string): string {
  return raw.trim().toUpperCase();
}

export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(first17[i]!) * WEIGHTS[i]!;
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
