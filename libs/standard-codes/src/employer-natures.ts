import { codeTable } from './code-table.js';

/**
 * 单位性质 (nature of the employing organisation), two-digit codes as the Ministry of Education's
 * graduate employment data structure uses them. Only the codes that docs/standard-codes.md can
 * cite are listed; see there for the source and what was left out (e.g. 99 其他).
 */
export const EMPLOYER_NATURES = codeTable([
  { code: '10', name: '机关' },
  { code: '20', name: '科研设计单位' },
  { code: '21', name: '高等教育单位' },
  { code: '22', name: '中初教育单位' },
  { code: '23', name: '医疗卫生单位' },
  { code: '29', name: '其他事业单位' },
  { code: '31', name: '国有企业' },
  { code: '32', name: '三资企业' },
  { code: '39', name: '其他企业' },
  { code: '40', name: '部队' },
  { code: '55', name: '农村建制村' },
  { code: '56', name: '城镇社区' },
]);

export const isEmployerNatureCode = (code: string): boolean => EMPLOYER_NATURES.has(code);
export const employerNatureName = (code: string): string | undefined => EMPLOYER_NATURES.name(code);
