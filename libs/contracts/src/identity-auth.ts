import { z } from 'zod';
import type { EmployerSnapshot, GraduateSnapshot } from './identity.js';
import { defineRequest } from './request.js';

/* ---- Accounts, login and WeChat (the gateway's auth, schools, employers and me areas). */

export interface AccessTokenReply {
  accessToken: string;
  expiresIn: number;
}

export const authLogin = defineRequest<{ username: string; password: string }, AccessTokenReply>({
  service: 'identity',
  kind: 'cmd',
  entity: 'auth',
  verb: 'login',
  version: 1,
  request: z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) }),
});

export const authWechatLogin = defineRequest<
  { code: string },
  AccessTokenReply & { bound: boolean }
>({
  service: 'identity',
  kind: 'cmd',
  entity: 'auth',
  verb: 'wechat-login',
  version: 1,
  request: z.object({ code: z.string().min(1).max(256) }),
});

/** WECHAT_UNBOUND caller binds its openid to the roster record that matches exactly. */
export const authWechatBind = defineRequest<
  { schoolCode: string; name: string; studentNo: string; idNumber: string },
  AccessTokenReply & { graduate: GraduateSnapshot }
>({
  service: 'identity',
  kind: 'cmd',
  entity: 'auth',
  verb: 'wechat-bind',
  version: 1,
  request: z.object({
    schoolCode: z.string().min(1).max(32),
    name: z.string().min(1).max(64),
    studentNo: z.string().min(1).max(64),
    /** 18 characters (GB 11643); the check digit itself is the roster's business (ROSTER_MISMATCH). */
    idNumber: z.string().regex(/^\d{17}[\dXx]$/, '身份证号格式不正确'),
  }),
});

/** School admin (or province) releases a graduate's WeChat binding. */
export const wechatBindingRelease = defineRequest<
  { schoolCode: string; graduateId: string },
  { released: boolean }
>({
  service: 'identity',
  kind: 'cmd',
  entity: 'wechat-binding',
  verb: 'release',
  version: 1,
  request: z.object({ schoolCode: z.string().min(1), graduateId: z.uuid() }),
});

export const departmentSchema = z.object({
  code: z.string().min(1).max(32),
  name: z.string().min(1).max(128),
});

export const schoolCreate = defineRequest<
  { code: string; name: string; departments: Array<{ code: string; name: string }> },
  { code: string; name: string; departments: Array<{ code: string; name: string }> }
>({
  service: 'identity',
  kind: 'cmd',
  entity: 'school',
  verb: 'create',
  version: 1,
  request: z.object({
    code: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/),
    name: z.string().min(1).max(128),
    departments: z.array(departmentSchema).max(500),
  }),
});

/** The school directory: every school with its departments, ordered by code (public information). */
export const schoolList = defineRequest<
  Record<string, never>,
  {
    items: Array<{
      code: string;
      name: string;
      departments: Array<{ code: string; name: string }>;
    }>;
  }
>({
  service: 'identity',
  kind: 'qry',
  entity: 'school',
  verb: 'list',
  version: 1,
  request: z.object({}),
});

/** One school with its departments; an unknown code → NOT_FOUND. */
export const schoolGet = defineRequest<
  { schoolCode: string },
  { code: string; name: string; departments: Array<{ code: string; name: string }> }
>({
  service: 'identity',
  kind: 'qry',
  entity: 'school',
  verb: 'get',
  version: 1,
  request: z.object({ schoolCode: z.string().min(1) }),
});

/** What a password must be wherever one is set (staff creation, employer registration, change). */
export const passwordSchema = z.string().min(8).max(256);

export const STAFF_ROLES = ['SCHOOL_ADMIN', 'DEPARTMENT_STAFF', 'COUNSELLOR'] as const;
export interface StaffAccount {
  userId: string;
  username: string;
  role: (typeof STAFF_ROLES)[number];
  schoolCode: string;
  departmentCode: string | null;
  graduateIds: string[];
  classNames: string[];
}

export const staffCreate = defineRequest<
  {
    schoolCode: string;
    username: string;
    password: string;
    role: (typeof STAFF_ROLES)[number];
    departmentCode?: string;
    graduateIds?: string[];
    classNames?: string[];
  },
  StaffAccount
>({
  service: 'identity',
  kind: 'cmd',
  entity: 'staff',
  verb: 'create',
  version: 1,
  request: z.object({
    schoolCode: z.string().min(1),
    username: z.string().regex(/^[A-Za-z0-9_.@-]{3,64}$/),
    password: passwordSchema,
    role: z.enum(STAFF_ROLES),
    departmentCode: z.string().min(1).optional(),
    graduateIds: z.array(z.uuid()).max(5000).optional(),
    classNames: z.array(z.string().min(1).max(64)).max(500).optional(),
  }),
});

export const employerRegister = defineRequest<
  Omit<EmployerSnapshot, 'employerId' | 'regionName'> & { username: string; password: string },
  EmployerSnapshot & { userId: string }
>({
  service: 'identity',
  kind: 'cmd',
  entity: 'employer',
  verb: 'register',
  version: 1,
  request: z.object({
    creditCode: z.string().min(1).max(32),
    name: z.string().min(1).max(128),
    nature: z.string().min(1).max(64),
    industry: z.string().min(1).max(64),
    address: z.string().min(1).max(256),
    /** Standard codes beside the names (docs/standard-codes.md); each checked against its table. */
    natureCode: z
      .string()
      .regex(/^\d{2}$/, '单位性质代码应为2位数字')
      .optional()
      .meta({ description: '单位性质代码（教育部就业信息标准），如 31 国有企业', example: '39' }),
    industryCode: z
      .string()
      .regex(/^([A-T]|\d{2})$/, '行业代码应为 GB/T 4754-2017 的门类字母或2位大类代码')
      .optional()
      .meta({ description: '行业代码（GB/T 4754-2017 门类或大类），如 I 或 65', example: '65' }),
    regionCode: z
      .string()
      .regex(/^\d{6}$/, '所在地区代码应为6位数字')
      .optional()
      .meta({ description: '所在地区代码（GB/T 2260），如 340104', example: '340104' }),
    hasHiringAutonomy: z.boolean(),
    contactName: z.string().min(1).max(64),
    contactPhone: z.string().regex(/^[0-9+\- ]{5,20}$/),
    username: z.string().regex(/^[A-Za-z0-9_.@-]{3,64}$/),
    password: passwordSchema,
  }),
});

/* ---- Staff accounts after creation: list, change scope, deactivate; own password. */

/** A staff account as school admins manage it (never the password hash). */
export interface StaffAccountView extends StaffAccount {
  active: boolean;
  deactivatedAt: string | null;
  createdAt: string;
}

export const staffList = defineRequest<
  {
    schoolCode: string;
    role?: (typeof STAFF_ROLES)[number];
    page: number;
    pageSize: number;
  },
  { items: StaffAccountView[]; total: number; page: number; pageSize: number }
>({
  service: 'identity',
  kind: 'qry',
  entity: 'staff',
  verb: 'list',
  version: 1,
  request: z.object({
    schoolCode: z.string().min(1),
    role: z.enum(STAFF_ROLES).optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  }),
});

/** Department of a DEPARTMENT_STAFF, assignment of a COUNSELLOR: only the fields sent change. */
export const staffUpdate = defineRequest<
  {
    schoolCode: string;
    userId: string;
    departmentCode?: string;
    graduateIds?: string[];
    classNames?: string[];
  },
  StaffAccountView
>({
  service: 'identity',
  kind: 'cmd',
  entity: 'staff',
  verb: 'update',
  version: 1,
  request: z.object({
    schoolCode: z.string().min(1),
    userId: z.uuid(),
    departmentCode: z.string().min(1).max(32).optional(),
    graduateIds: z.array(z.uuid()).max(5000).optional(),
    classNames: z.array(z.string().min(1).max(64)).max(500).optional(),
  }),
});

/** The account can no longer log in and its sessions end at once (`user.sessions-revoked`). */
export const staffDeactivate = defineRequest<
  { schoolCode: string; userId: string; reason: string },
  StaffAccountView
>({
  service: 'identity',
  kind: 'cmd',
  entity: 'staff',
  verb: 'deactivate',
  version: 1,
  request: z.object({
    schoolCode: z.string().min(1),
    userId: z.uuid(),
    reason: z.string().trim().min(1).max(500),
  }),
});

/** A deactivated account may log in again (sessions ended by the deactivation stay ended). */
export const staffReactivate = defineRequest<
  { schoolCode: string; userId: string; reason?: string },
  StaffAccountView
>({
  service: 'identity',
  kind: 'cmd',
  entity: 'staff',
  verb: 'reactivate',
  version: 1,
  request: z.object({
    schoolCode: z.string().min(1),
    userId: z.uuid(),
    reason: z.string().trim().min(1).max(500).optional(),
  }),
});

/**
 * The caller changes their own password (accounts that log in with one; not graduates). Their
 * other sessions end; the reply is a fresh token that keeps working.
 */
export const passwordChange = defineRequest<
  { currentPassword: string; newPassword: string },
  AccessTokenReply
>({
  service: 'identity',
  kind: 'cmd',
  entity: 'password',
  verb: 'change',
  version: 1,
  request: z.object({ currentPassword: z.string().min(1).max(256), newPassword: passwordSchema }),
});
