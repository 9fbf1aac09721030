/**
 * How a national ID number may appear in a response (DESIGN.md rule 5, docs/decisions/0002): the
 * six-digit region code, eight stars for the birth date, the last four characters. Only 18-character
 * numbers pass validation, so this is the only masked form there is.
 */
export const MASKED_ID_NUMBER = /^\d{6}\*{8}\d{3}[\dX]$/;

/** The exact masked form of a known number. */
export function maskedIdNumber(idNumber: string): string {
  return `${idNumber.slice(0, 6)}${'*'.repeat(8)}${idNumber.slice(-4)}`;
}

/**
 * Every `idNumberMasked` in a response body, wherever it is nested, that is not exactly masked
 * (as `path: value`). The e2e platform runs it on every JSON answer the gateway gives, so a partial
 * mask fails whichever test happens to receive it.
 */
export function badlyMaskedIdNumbers(body: unknown, path = '$'): string[] {
  if (Array.isArray(body))
    return body.flatMap((item, i) => badlyMaskedIdNumbers(item, `${path}[${i}]`));
  if (body === null || typeof body !== 'object') return [];
  return Object.entries(body).flatMap(([key, value]) => {
    const at = `${path}.${key}`;
    if (key === 'idNumberMasked' && value !== null) {
      return typeof value === 'string' && MASKED_ID_NUMBER.test(value)
        ? []
        : [`${at}: ${JSON.stringify(value)}`];
    }
    return badlyMaskedIdNumbers(value, at);
  });
}
