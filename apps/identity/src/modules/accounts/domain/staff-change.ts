import type { STAFF_ROLES } from '@netsign/contracts';

export type StaffRole = (typeof STAFF_ROLES)[number];

/** Who a staff account may see, besides its school. */
export interface StaffScope {
  departmentCode: string | null;
  graduateIds: string[];
  classNames: string[];
}

/** Fields a school admin may change on a staff account (only those sent change). */
export interface StaffChange {
  departmentCode?: string;
  graduateIds?: string[];
  classNames?: string[];
}

export interface FieldProblem {
  field: string;
  message: string;
}

export type StaffChangeOutcome =
  { scope: StaffScope; changed: boolean; departmentChanged: boolean } | { problem: FieldProblem };

/**
 * The scope an account of `role` has after `change`, or the first field that cannot be changed.
 * Each role has one kind of scope (DESIGN rule 4): a department staff member one department, a
 * counsellor graduates and/or classes (never empty, as at creation), a school admin the whole
 * school. Whether the department exists and the graduates belong to the school is for the caller
 * to check against the database.
 */
export function applyStaffChange(
  role: StaffRole,
  current: StaffScope,
  change: StaffChange,
): StaffChangeOutcome {
  const sent = (['departmentCode', 'graduateIds', 'classNames'] as const).filter(
    (f) => change[f] !== undefined,
  );
  if (sent.length === 0) return problem('body', '没有要修改的内容');
  if (role === 'SCHOOL_ADMIN')
    return problem(sent[0]!, '学校管理员的范围是全校，不能指定院系、毕业生或班级');
  if (role === 'DEPARTMENT_STAFF') {
    const other = sent.find((f) => f !== 'departmentCode');
    if (other) return problem(other, '院系老师的范围是院系，不能指定毕业生或班级');
    const scope = { departmentCode: change.departmentCode!, graduateIds: [], classNames: [] };
    const departmentChanged = scope.departmentCode !== current.departmentCode;
    return { scope, changed: departmentChanged, departmentChanged };
  }
  if (change.departmentCode !== undefined) {
    return problem('departmentCode', '辅导员的范围是负责的毕业生或班级，不能指定院系');
  }
  const scope: StaffScope = {
    departmentCode: current.departmentCode,
    graduateIds: [...new Set(change.graduateIds ?? current.graduateIds)],
    classNames: [...new Set(change.classNames ?? current.classNames)],
  };
  if (scope.graduateIds.length === 0 && scope.classNames.length === 0) {
    return problem(
      change.graduateIds !== undefined ? 'graduateIds' : 'classNames',
      '辅导员须指定负责的毕业生或班级',
    );
  }
  const changed =
    !sameSet(scope.graduateIds, current.graduateIds) ||
    !sameSet(scope.classNames, current.classNames);
  return { scope, changed, departmentChanged: false };
}

function problem(field: string, message: string): { problem: FieldProblem } {
  return { problem: { field, message } };
}

function sameSet(a: string[], b: string[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((x) => right.has(x));
}
