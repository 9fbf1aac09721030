import { codeTable } from './code-table.js';

/**
 * 毕业去向 (graduate destination) codes of the Ministry of Education's graduate employment
 * statistics. Only the codes docs/standard-codes.md can cite are listed (source and omissions there).
 */
export const GRADUATE_DESTINATIONS = codeTable([
  { code: '10', name: '签就业协议形式就业' },
  { code: '11', name: '签劳动合同形式就业' },
  { code: '12', name: '其他录用形式就业' },
  { code: '46', name: '应征义务兵' },
  { code: '50', name: '国家基层项目' },
  { code: '51', name: '地方基层项目' },
  { code: '70', name: '待就业' },
  { code: '75', name: '自主创业' },
  { code: '76', name: '自由职业' },
  { code: '80', name: '升学' },
  { code: '85', name: '出国、出境' },
]);

/** An employment agreement, signed online or on paper. */
export const DESTINATION_CODE_AGREEMENT = '10';
/** 待就业: after an unlock or a termination. */
export const DESTINATION_CODE_AWAITING = '70';

/**
 * The platform's destination categories (API.md) and the standard codes each may be recorded as;
 * the first is the default when no code is given. OTHER has no default: the school names the code.
 */
export const DESTINATION_CODES_BY_CATEGORY = {
  AWAITING_EMPLOYMENT: ['70'],
  SIGNED_ONLINE: ['10'],
  SIGNED_OFFLINE: ['10'],
  FURTHER_STUDY: ['80', '85'],
  OTHER: ['11', '12', '46', '50', '51', '75', '76'],
} as const satisfies Record<string, readonly string[]>;

export type DestinationCategory = keyof typeof DESTINATION_CODES_BY_CATEGORY;

export const isGraduateDestinationCode = (code: string): boolean => GRADUATE_DESTINATIONS.has(code);
export const graduateDestinationName = (code: string): string | undefined =>
  GRADUATE_DESTINATIONS.name(code);

/** The default code of a category (null for OTHER: it needs an explicit code). */
export function defaultDestinationCode(category: DestinationCategory): string | null {
  return category === 'OTHER' ? null : DESTINATION_CODES_BY_CATEGORY[category][0];
}

/** Whether `code` is one the category may be recorded as. */
export function destinationCodeFits(category: DestinationCategory, code: string): boolean {
  return (DESTINATION_CODES_BY_CATEGORY[category] as readonly string[]).includes(code);
}
