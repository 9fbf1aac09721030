import { describe, expect, it } from '@jest/globals';
import { validateRosterRows, type RawRosterRow } from './roster-row.js';

const base: RawRosterRow = {
  studentNo: 'S1',
  name: '张三',
  gender: '男',
  idNumber: '11010519491231002x',
  departmentCode: 'CS',
  major: '软件工程',
  degree: '本科',
  className: '',
  originPlace: '北京',
  graduationYear: '2026',
};
const today = new Date('2026-06-01T00:00:00Z');

describe('roster row validation', () => {
  it('normalises a valid row: upper-case X, masked copy, empty class as null, M/F genders', () => {
    const { records, rejected } = validateRosterRows(
      [{ ...base, gender: 'M' }],
      new Set(['CS']),
      today,
    );
    expect(rejected).toEqual([]);
    expect(records[0]).toMatchObject({
      idNumber: '11010519491231002X',
      idNumberMasked: '110105********002X',
      className: null,
      gender: '男',
      graduationYear: 2026,
    });
  });

  it('reports each invalid row with its 1-based number and a code, never echoing the ID number', () => {
    const rows: RawRosterRow[] = [
      base,
      { ...base, studentNo: 'S2', idNumber: '110105194912310021' },
      { ...base, studentNo: 'S3', idNumber: '110105194902300028' },
      { ...base, studentNo: 'S4', departmentCode: 'NOPE' },
      { ...base, studentNo: 'S1', idNumber: '11010119900307803X' },
      { ...base, studentNo: 'S6' },
      { ...base, studentNo: 'S7', major: ' ' },
      { ...base, studentNo: 'S8', gender: '?', idNumber: '110101199003074477' },
      { ...base, studentNo: 'S9', graduationYear: 'next', idNumber: '110101199003074477' },
    ];
    const { records, rejected } = validateRosterRows(rows, new Set(['CS']), today);
    expect(records.map((r) => r.studentNo)).toEqual(['S1']);
    expect(rejected.map((r) => [r.row, r.code])).toEqual([
      [2, 'INVALID_ID_NUMBER'],
      [3, 'INVALID_ID_NUMBER'],
      [4, 'UNKNOWN_DEPARTMENT'],
      [5, 'DUPLICATE_IN_FILE'],
      [6, 'DUPLICATE_IN_FILE'],
      [7, 'MISSING_FIELD'],
      [8, 'INVALID_FIELD'],
      [9, 'INVALID_FIELD'],
    ]);
    expect(rejected[1]!.message).toBe('身份证号中的出生日期无效');
    expect(JSON.stringify(rejected)).not.toMatch(/1949|1990/);
  });
});
