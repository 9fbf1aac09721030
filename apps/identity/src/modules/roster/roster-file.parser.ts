import { ErrorCode, ServiceError } from '@netsign/contracts';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { ROSTER_FIELDS, type RawRosterRow, type RosterField } from './domain/roster-row.js';

/** Column headers accepted for each field: the API's names and the ones schools' sheets use. */
const HEADER_ALIASES: Record<string, RosterField> = {
  学号: 'studentNo',
  姓名: 'name',
  性别: 'gender',
  身份证号: 'idNumber',
  身份证号码: 'idNumber',
  院系代码: 'departmentCode',
  专业: 'major',
  学历: 'degree',
  学历层次: 'degree',
  班级: 'className',
  生源地: 'originPlace',
  生源地代码: 'originRegionCode',
  毕业年份: 'graduationYear',
};
for (const f of ROSTER_FIELDS) HEADER_ALIASES[f] = f;
HEADER_ALIASES['classname'] = 'className';

const OPTIONAL_HEADERS: ReadonlySet<RosterField> = new Set(['className', 'originRegionCode']);
const REQUIRED_HEADERS: RosterField[] = ROSTER_FIELDS.filter((f) => !OPTIONAL_HEADERS.has(f));

const malformed = (reason: string) =>
  new ServiceError(ErrorCode.VALIDATION_FAILED, `生源文件格式错误：${reason}`, { reason });

/**
 * File bytes → raw rows (strings). Anything that is not a readable roster file as a whole
 * (unparseable, no header, a required column missing, no rows) is one VALIDATION_FAILED:
 * nothing is imported. Row-level problems are left to the row validator.
 */
export async function parseRosterFile(
  format: 'csv' | 'xlsx' | 'json',
  content: Buffer,
): Promise<RawRosterRow[]> {
  const table =
    format === 'csv' ? csvTable(content) : format === 'xlsx' ? await xlsxTable(content) : null;
  const rows = table ? rowsFromTable(table) : jsonRows(content);
  if (rows.length === 0) throw malformed('没有数据行');
  return rows;
}

function csvTable(content: Buffer): string[][] {
  try {
    return parseCsv(content, {
      bom: true,
      skip_empty_lines: true,
      trim: true,
      relax_column_count: false,
    }) as string[][];
  } catch (err) {
    throw malformed(`CSV 无法解析（${(err as Error).message.slice(0, 120)}）`);
  }
}

async function xlsxTable(content: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
  } catch {
    throw malformed('不是有效的 XLSX 文件');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw malformed('XLSX 文件没有工作表');
  const table: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const values = (row.values as unknown[]).slice(1).map(cellText);
    if (values.some((v) => v !== '')) table.push(values);
  });
  return table;
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    const v = value as { text?: unknown; result?: unknown; richText?: Array<{ text: string }> };
    if (v.richText)
      return v.richText
        .map((t) => t.text)
        .join('')
        .trim();
    if (v.text !== undefined) return String(v.text).trim();
    if (v.result !== undefined) return String(v.result).trim();
  }
  return String(value).trim();
}

function rowsFromTable(table: string[][]): RawRosterRow[] {
  const [header, ...body] = table;
  if (!header) throw malformed('缺少表头');
  const fields = header.map(
    (h) => HEADER_ALIASES[h.trim()] ?? HEADER_ALIASES[h.trim().toLowerCase()] ?? null,
  );
  const missing = REQUIRED_HEADERS.filter((f) => !fields.includes(f));
  if (missing.length > 0) throw malformed(`缺少列 ${missing.join(', ')}`);
  return body.map((cells) => {
    const row: RawRosterRow = {};
    fields.forEach((field, i) => {
      if (field) row[field] = cells[i] ?? '';
    });
    return row;
  });
}

function jsonRows(content: Buffer): RawRosterRow[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(content.toString('utf8'));
  } catch {
    throw malformed('JSON 无法解析');
  }
  const graduates = (parsed as { graduates?: unknown })?.graduates;
  if (!Array.isArray(graduates)) throw malformed('JSON 须为 {graduates: [...]}');
  return graduates.map((g) => {
    const row: RawRosterRow = {};
    if (typeof g !== 'object' || g === null) return row;
    for (const f of ROSTER_FIELDS) {
      const v = (g as Record<string, unknown>)[f];
      if (typeof v === 'string' || typeof v === 'number') row[f] = String(v).trim();
    }
    return row;
  });
}
