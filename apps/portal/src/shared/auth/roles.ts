/** The roles of API.md, and how the portal names them to people. */
export const ROLES = [
  'GRADUATE',
  'EMPLOYER',
  'DEPARTMENT_STAFF',
  'COUNSELLOR',
  'SCHOOL_ADMIN',
  'PROVINCE_ADMIN',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  GRADUATE: '毕业生',
  EMPLOYER: '用人单位',
  DEPARTMENT_STAFF: '院系老师',
  COUNSELLOR: '辅导员',
  SCHOOL_ADMIN: '学校管理员',
  PROVINCE_ADMIN: '省厅管理员',
};

/** Roles that work in the web portal (graduates use the mini-program). */
export const PORTAL_ROLES: readonly Role[] = ROLES.filter((r) => r !== 'GRADUATE');

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
