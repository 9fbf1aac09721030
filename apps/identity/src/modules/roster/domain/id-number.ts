/**
 * Mainland resident identity card numbers (GB 11643-1999): 6-digit address code, 8-digit birth
 * date, 3-digit sequence, 1 check character (ISO 7064 MOD 11-2, 'X' for 10). Pure functions.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export type IdNumberProblem = 'FORMAT' | 'BIRTH_DATE' | 'CHECK_DIGIT';

/** Upper-cases a trailing x and trims: the form we store and index. */
export function normaliseIdNumber(raw: string): string {
  return raw.trim().toUpperCase();
}

export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
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

/** `340104********1234`: region code and last four only, whatever the length. */
export function maskIdNumber(raw: string): string {
  const id = normaliseIdNumber(raw);
  if (id.length <= 10) return '*'.repeat(id.length);
  return `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}`;
}
