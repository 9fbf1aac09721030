import { z } from 'zod';
import { DESTINATIONS } from '../destinations.js';
import { employerSnapshotSchema, graduateSnapshotSchema } from '../identity.js';
import { STAFF_ROLES, type AccessTokenReply, type StaffAccountView } from '../identity-auth.js';
import type { MeReply, NotificationItem, SourceInfoCorrection } from '../identity-me.js';
import type { GraduateListItem, RosterImportResult } from '../identity-roster.js';
import { AGREEMENT_STATUSES } from '../signing.js';
import { isoDateTime, pagedWithPage } from './common.js';

/* Answers of identity's routes (auth, me, schools, employers) as the gateway sends them. */

export const graduateView = graduateSnapshotSchema.meta({
  id: 'Graduate',
  description: '毕业生（生源信息），身份证号已脱敏',
  example: {
    graduateId: '6f1c2d7e-0a4b-4c1d-9e8f-123456789abc',
    schoolCode: '10357',
    schoolName: '安徽大学',
    departmentCode: 'CS',
    departmentName: '计算机学院',
    studentNo: '2022010101',
    name: '李明',
    gender: '男',
    major: '软件工程',
    degree: '本科',
    className: '软件2201',
    originPlace: '安徽省合肥市',
    graduationYear: 2026,
    idNumberMasked: '340104********5112',
    sourceInfoConfirmed: true,
  },
});

export const employerView = employerSnapshotSchema.meta({
  id: 'Employer',
  description: '用人单位',
  example: {
    employerId: 'b1a2c3d4-0000-4000-8000-000000000001',
    creditCode: '91350100M000100Y43',
    name: '某某科技有限公司',
    nature: '民营企业',
    industry: '信息技术',
    address: '合肥市蜀山区',
    hasHiringAutonomy: true,
    contactName: '李四',
    contactPhone: '0551-12345678',
  },
});

export const accessTokenView = z
  .object({ accessToken: z.string(), expiresIn: z.number().int().meta({ description: '秒' }) })
  .meta({
    id: 'AccessToken',
    example: { accessToken: 'eyJhbGciOiJFZERTQSJ9…', expiresIn: 7200 },
  }) satisfies z.ZodType<AccessTokenReply>;

export const wechatLoginView = accessTokenView
  .extend({ bound: z.boolean().meta({ description: '是否已绑定毕业生' }) })
  .meta({ id: 'WechatLogin' });

export const wechatBindView = accessTokenView
  .extend({ graduate: graduateView })
  .meta({ id: 'WechatBind' });

export const meView = z
  .object({
    userId: z.string(),
    role: z.string().meta({ example: 'GRADUATE' }),
    username: z.string().optional(),
    schoolCode: z.string().optional(),
    departmentCode: z.string().optional(),
    employer: employerView.optional(),
    graduate: graduateView.extend({ sourceInfoConfirmedAt: isoDateTime.nullable() }).optional(),
    openId: z.string().optional(),
  })
  .meta({
    id: 'Me',
    description: '当前用户；毕业生附生源信息（身份证号脱敏）',
  }) satisfies z.ZodType<MeReply>;

export const sourceInfoConfirmationView = z
  .object({ graduateId: z.string(), confirmedAt: isoDateTime })
  .meta({ id: 'SourceInfoConfirmation' });

const correctionChangesView = z.object({
  name: z.string().optional(),
  gender: z.string().optional(),
  major: z.string().optional(),
  degree: z.string().optional(),
  className: z.string().optional(),
  originPlace: z.string().optional(),
});

export const sourceInfoCorrectionView = z
  .object({
    id: z.string(),
    graduateId: z.string(),
    schoolCode: z.string(),
    studentNo: z.string(),
    graduateName: z.string(),
    changes: correctionChangesView,
    before: z
      .object({
        name: z.string().nullable().optional(),
        gender: z.string().nullable().optional(),
        major: z.string().nullable().optional(),
        degree: z.string().nullable().optional(),
        className: z.string().nullable().optional(),
        originPlace: z.string().nullable().optional(),
      })
      .meta({
        description:
          '更正前的值（仅含 changes 中的项目）：待审核或已驳回时为毕业生当前的值，已同意时为被替换的值；未知时缺省',
        example: { major: '软件工程' },
      }),
    reason: z.string().meta({ example: '专业名称有误' }),
    status: z.enum(['PENDING', 'APPROVED', 'REJECTED']),
    requestedAt: isoDateTime,
    decidedAt: isoDateTime.nullable(),
    decisionReason: z.string().nullable(),
  })
  .meta({
    id: 'SourceInfoCorrection',
    description: '生源信息更正申请',
  }) satisfies z.ZodType<SourceInfoCorrection>;

export const notificationView = z
  .object({
    id: z.string(),
    kind: z.string().meta({ example: 'REVIEW_APPROVED' }),
    title: z.string().meta({ example: '协议审核通过' }),
    body: z.string().meta({ example: '您与某某科技有限公司的就业协议已审核通过' }),
    data: z.record(z.string(), z.unknown()),
    createdAt: isoDateTime,
    readAt: isoDateTime.nullable(),
  })
  .meta({ id: 'Notification', description: '站内消息' }) satisfies z.ZodType<NotificationItem>;

export const notificationPageView = pagedWithPage(notificationView, 'NotificationPage').extend({
  unread: z.number().int().meta({ description: '未读条数' }),
});

export const notificationReadView = z
  .object({ id: z.string(), readAt: isoDateTime })
  .meta({ id: 'NotificationRead' });

const departmentView = z.object({ code: z.string(), name: z.string() });
export const schoolView = z
  .object({ code: z.string(), name: z.string(), departments: z.array(departmentView) })
  .meta({
    id: 'School',
    example: { code: '10357', name: '安徽大学', departments: [{ code: 'CS', name: '计算机学院' }] },
  });

export const schoolDirectoryView = z
  .object({ items: z.array(schoolView) })
  .meta({ id: 'SchoolDirectory' });

export const staffAccountView = z
  .object({
    userId: z.string(),
    username: z.string(),
    role: z.enum(STAFF_ROLES),
    schoolCode: z.string(),
    departmentCode: z.string().nullable(),
    graduateIds: z.array(z.string()),
    classNames: z.array(z.string()),
    active: z.boolean(),
    deactivatedAt: isoDateTime.nullable(),
    createdAt: isoDateTime,
  })
  .meta({
    id: 'StaffAccount',
    description: '学校教职工账号',
  }) satisfies z.ZodType<StaffAccountView>;

/** What creating an account answers: the account without its activity fields. */
export const staffAccountCreatedView = staffAccountView
  .partial({ active: true, deactivatedAt: true, createdAt: true })
  .meta({ id: 'StaffAccountCreated' });

export const staffAccountPageView = pagedWithPage(staffAccountView, 'StaffAccountPage');

export const rosterImportView = z
  .object({
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    rejected: z.array(
      z.object({
        row: z.number().int().meta({ description: '数据行号（不含表头），从 1 开始' }),
        code: z.string().meta({ example: 'VALIDATION_FAILED' }),
        message: z.string().meta({ example: '身份证号校验位错误' }),
      }),
    ),
  })
  .meta({ id: 'RosterImportResult' }) satisfies z.ZodType<RosterImportResult>;

/** A roster row as school staff list it: identity's record joined with signing's destination. */
export const rosterGraduateView = graduateView
  .extend({
    wechatBound: z.boolean(),
    destination: z.enum(DESTINATIONS),
    destinationNote: z.string().nullable(),
    activeAgreement: z
      .object({
        agreementId: z.string(),
        agreementNo: z.string(),
        status: z.enum(AGREEMENT_STATUSES),
      })
      .nullable(),
  })
  .meta({
    id: 'RosterGraduate',
    description: '生源名单中的毕业生，附毕业去向与有效协议',
  }) satisfies z.ZodType<GraduateListItem>;

export const rosterGraduatePageView = pagedWithPage(rosterGraduateView, 'RosterGraduatePage');

export const wechatBindingReleaseView = z
  .object({ released: z.boolean() })
  .meta({ id: 'WechatBindingRelease' });

export const employerAccountView = employerView
  .extend({ userId: z.string() })
  .meta({ id: 'EmployerAccount' });

export const correctionListView = z.array(sourceInfoCorrectionView);
