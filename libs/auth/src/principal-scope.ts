import type { CounsellorAssignment } from '@netsign/contracts';

/**
 * Whether a counsellor's assignment covers a graduate: same school, and the graduate assigned by
 * id or their class assigned by name. `className` is the class the caller's own record holds (an
 * agreement's frozen snapshot, a projection), so a list filtered in SQL and a single read agree.
 */
export function assignmentCovers(
  assignment: Pick<CounsellorAssignment, 'schoolCode' | 'graduateIds' | 'classNames'>,
  graduate: { schoolCode: string; graduateId: string; className: string | null },
): boolean {
  if (assignment.schoolCode !== graduate.schoolCode) return false;
  if (assignment.graduateIds.includes(graduate.graduateId)) return true;
  return graduate.className !== null && assignment.classNames.includes(graduate.className);
}
