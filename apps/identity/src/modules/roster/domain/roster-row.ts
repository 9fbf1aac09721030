import { isRegionCode, regionName } from '@netsign/standard-codes';
import { checkIdNumber, maskIdNumber, normaliseIdNumber } from './id-number.js';

/** The roster record of API.md, in column order for CSV/XLSX. */
export const ROSTER_FIELDS = [
  'studentNo',
  'name',
  'gender',
  'idNumber',
  'departmentCode',
  'major',
  'degree',
  'className',
  'originPlace',
  'graduationYear',
  'originRegionCode',
] as const;
export type RosterField = (typeof ROSTER_FIELDS)[number];
export type RawRosterRow = Partial<Record<RosterField, string>>;

export interface RosterRecord {
  studentNo: string;
  name: string;
  gender: string;
  idNumber: string;
  idNumberMasked: string;
  departmentCode: string;
  major: string;
  degree: string;
  className: string | null;
  originPlace: string;
  /** 生源地代码 (GB/T 2260); when given, originPlace is the table's full name for it. */
  originRegionCode: string | null;
  graduationYear: number;
}

export interface RowRejection {
  row: number;
  code:
    | 'MISSING_FIELD'
    | 'INVALID_FIELD'
    | 'INVALID_ID_NUMBER'
    | 'UNKNOWN_DEPARTMENT'
    | 'DUPLICATE_IN_FILE';
  message: string;
}

/** Optional: className; originPlace may be left out when originRegionCode names the place. */
const OPTIONAL: ReadonlySet<RosterField> = new Set([
  'className',
  'originPlace',
  'originRegionCode',
]);
const REQUIRED: RosterField[] = ROSTER_FIELDS.filter((f) => !OPTIONAL.has(f));
const GENDERS: Record<string, string> = { 男: '男', 女: '女', M: '男', F: '女', m: '男', f: '女' };
const ID_MESSAGES = {
  FORMAT: '身份证号格式不正确（应为18位）',
  BIRTH_DATE: '身份证号中的出生日期无效',
  CHECK_DIGIT: '身份证号校验位错误',
} as const;
const MAX_LENGTH = 128;

/**
 * Validates every row of one file: required fields, ID number (GB 11643 check digit and birth
 * date), department exists, no student number or ID number twice in the file. Pure: the caller
 * passes the school's department codes. Rejections never echo the ID number.
 */
export function validateRosterRows(
  rows: RawRosterRow[],
  departmentCodes: ReadonlySet<string>,
  today: Date = new Date(),
): { records: RosterRecord[]; rejected: RowRejection[] } {
  const records: RosterRecord[] = [];
  const rejected: RowRejection[] = [];
  const studentNos = new Map<string, number>();
  const idNumbers = new Map<string, number>();
  rows.forEach((raw, index) => {
    const row = index + 1;
    const result = validateRow(raw, departmentCodes, today);
    if ('code' in result) return rejected.push({ row, ...result });
    const firstNo = studentNos.get(result.studentNo);
    if (firstNo !== undefined) {
      return rejected.push({
        row,
        code: 'DUPLICATE_IN_FILE',
        message: `学号与第 ${firstNo} 行重复`,
      });
    }
    const firstId = idNumbers.get(result.idNumber);
    if (firstId !== undefined) {
      return rejected.push({
        row,
        code: 'DUPLICATE_IN_FILE',
        message: `身份证号与第 ${firstId} 行重复`,
      });
    }
    studentNos.set(result.studentNo, row);
    idNumbers.set(result.idNumber, row);
    records.push(result);
  });
  return { records, rejected };
}

function validateRow(
  raw: RawRosterRow,
  departmentCodes: ReadonlySet<string>,
  today: Date,
): RosterRecord | Omit<RowRejection, 'row'> {
  const missing = REQUIRED.filter((f) => !raw[f]?.trim());
  if (missing.length > 0)
    return { code: 'MISSING_FIELD', message: `缺少必填项：${missing.join(', ')}` };
  const tooLong = ROSTER_FIELDS.find((f) => (raw[f]?.length ?? 0) > MAX_LENGTH);
  if (tooLong) return { code: 'INVALID_FIELD', message: `${tooLong} 过长` };
  const idNumber = normaliseIdNumber(raw.idNumber!);
  const idProblem = checkIdNumber(idNumber, today);
  if (idProblem) return { code: 'INVALID_ID_NUMBER', message: ID_MESSAGES[idProblem] };
  const gender = GENDERS[raw.gender!.trim()];
  if (!gender) return { code: 'INVALID_FIELD', message: '性别应为“男”或“女”' };
  const year = Number(raw.graduationYear);
  if (!Number.isInteger(year) || year < 1990 || year > 2100) {
    return { code: 'INVALID_FIELD', message: '毕业年份无效' };
  }
  const origin = originOf(raw);
  if ('code' in origin) return origin;
  const departmentCode = raw.departmentCode!.trim();
  if (!departmentCodes.has(departmentCode)) {
    return { code: 'UNKNOWN_DEPARTMENT', message: `院系代码 ${departmentCode} 不存在` };
  }
  return {
    studentNo: raw.studentNo!.trim(),
    name: raw.name!.trim(),
    gender,
    idNumber,
    idNumberMasked: maskIdNumber(idNumber),
    departmentCode,
    major: raw.major!.trim(),
    degree: raw.degree!.trim(),
    className: raw.className?.trim() || null,
    ...origin,
    graduationYear: year,
  };
}

/** 生源地: a GB/T 2260 code (its name is then the table's), or free text as before. */
function originOf(
  raw: RawRosterRow,
): Pick<RosterRecord, 'originPlace' | 'originRegionCode'> | Omit<RowRejection, 'row'> {
  const code = raw.originRegionCode?.trim();
  if (code) {
    if (!isRegionCode(code)) {
      return {
        code: 'INVALID_FIELD',
        message: `生源地代码 ${code.slice(0, 12)} 不是有效的行政区划代码（GB/T 2260）`,
      };
    }
    return { originPlace: regionName(code)!, originRegionCode: code };
  }
  const place = raw.originPlace?.trim();
  if (!place)
    return { code: 'MISSING_FIELD', message: '缺少必填项：originPlace（或 originRegionCode）' };
  return { originPlace: place, originRegionCode: null };
}
