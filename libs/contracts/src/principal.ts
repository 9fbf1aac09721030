import { z } from 'zod';

export const Role = {
  GRADUATE: 'GRADUATE',
  EMPLOYER: 'EMPLOYER',
  DEPARTMENT_STAFF: 'DEPARTMENT_STAFF',
  COUNSELLOR: 'COUNSELLOR',
  SCHOOL_ADMIN: 'SCHOOL_ADMIN',
  PROVINCE_ADMIN: 'PROVINCE_ADMIN',
  /** A WeChat session that is not bound to a graduate yet: may only bind. */
  WECHAT_UNBOUND: 'WECHAT_UNBOUND',
  /**
   * Another service calling on its own behalf (userId = its service name). Never in a token:
   * identity issues no such token, so only code inside the platform can present it.
   */
  SERVICE: 'SERVICE',
} as const;
export type Role = (typeof Role)[keyof typeof Role];
export const ROLES = Object.values(Role) as [Role, ...Role[]];
/**
 * Every role of a person the platform knows: not a WeChat session still unbound (it may only
 * bind, then it is a graduate), not a service. E.g. who may list positions.
 */
export const USER_ROLES: readonly Role[] = [
  Role.GRADUATE,
  Role.EMPLOYER,
  Role.DEPARTMENT_STAFF,
  Role.COUNSELLOR,
  Role.SCHOOL_ADMIN,
  Role.PROVINCE_ADMIN,
];
export const SCHOOL_STAFF_ROLES: readonly Role[] = [
  Role.DEPARTMENT_STAFF,
  Role.COUNSELLOR,
  Role.SCHOOL_ADMIN,
];

/**
 * Who is calling, as the gateway established it from a verified token. Forwarded with every
 * request over NATS; services authorise with it and never with ids taken from the request body.
 */
export const principalSchema = z.object({
  userId: z.string(),
  role: z.enum(ROLES),
  schoolCode: z.string().optional(),
  departmentCode: z.string().optional(),
  employerId: z.string().optional(),
  graduateId: z.string().optional(),
  /** WeChat openid of a mini-program session. */
  openId: z.string().optional(),
});
export type Principal = z.infer<typeof principalSchema>;

export const actorSchema = z.object({ userId: z.string(), role: z.enum(ROLES) }).nullable();
export type Actor = z.infer<typeof actorSchema>;

export function actorOf(principal: Principal | null | undefined): Actor {
  return principal ? { userId: principal.userId, role: principal.role } : null;
}
