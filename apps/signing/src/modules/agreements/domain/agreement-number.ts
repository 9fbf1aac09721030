/**
 * Human-readable agreement number: `<year>-<schoolCode>-<seq>`, e.g. 2026-10357-000123. The
 * sequence is global (a Postgres sequence: no hot row per school), so numbers are unique but a
 * school's numbers are not contiguous.
 */
export function formatAgreementNo(year: number, schoolCode: string, seq: number | bigint): string {
  return `${year}-${schoolCode}-${String(seq).padStart(6, '0')}`;
}

/** The signing year as people in China read the date (UTC+8). */
export function signingYear(at: Date): number {
  return new Date(at.getTime() + 8 * 3600_000).getUTCFullYear();
}
