import { z } from 'zod';
import type {
  Applicant,
  ApplicationView,
  InvitationView,
  OfferView,
  PositionView,
  Resume,
} from '../recruiting.js';
import { isoDateTime, paged } from './common.js';
import { agreementTermsView } from './signing-views.js';

/* Answers of recruiting's routes (method 1) as the gateway sends them. */

export const positionView = z
  .object({
    id: z.string(),
    employerId: z.string(),
    title: z.string().meta({ example: '后端开发工程师' }),
    location: z.string().meta({ example: '安徽省合肥市' }),
    headcount: z.number().int().meta({ example: 3 }),
    salaryRange: z.string().meta({ example: '8k-12k' }),
    description: z.string().meta({ example: '负责网签平台后端开发' }),
    status: z.enum(['OPEN', 'CLOSED']),
    createdAt: isoDateTime,
  })
  .meta({ id: 'Position', description: '招聘岗位' }) satisfies z.ZodType<PositionView>;

export const positionPageView = paged(positionView, 'PositionPage');

export const positionCreatedView = z.object({ id: z.string() }).meta({ id: 'PositionCreated' });

export const resumeView = z
  .object({
    summary: z.string().meta({ example: '熟悉 TypeScript 与 PostgreSQL' }),
    education: z.string().meta({ example: '安徽大学 软件工程 本科' }),
    experience: z.string(),
    skills: z.array(z.string()).meta({ example: ['TypeScript', 'PostgreSQL'] }),
    phone: z.string(),
    email: z.string(),
  })
  .meta({ id: 'Resume', description: '简历' }) satisfies z.ZodType<Resume>;

export const applicantView = z
  .object({
    name: z.string().meta({ example: '王𠮷' }),
    schoolName: z.string().meta({ example: '安徽大学' }),
    departmentName: z.string().meta({ example: '计算机学院' }),
    major: z.string().meta({ example: '软件工程' }),
    degree: z.string().meta({ example: '本科' }),
    graduationYear: z.number().int().meta({ example: 2026 }),
  })
  .meta({
    id: 'Applicant',
    description: '投递人（投递时的生源信息）',
  }) satisfies z.ZodType<Applicant>;

export const applicationView = z
  .object({
    id: z.string(),
    positionId: z.string(),
    positionTitle: z.string(),
    employerId: z.string(),
    graduateId: z.string(),
    status: z.enum(['SUBMITTED', 'INVITED', 'CLOSED']),
    applicant: applicantView.nullable(),
    resume: resumeView,
    submittedAt: isoDateTime,
  })
  .meta({ id: 'Application', description: '岗位投递' }) satisfies z.ZodType<ApplicationView>;

export const applicationPageView = paged(applicationView, 'ApplicationPage');

export const invitationView = z
  .object({
    id: z.string(),
    applicationId: z.string(),
    positionId: z.string(),
    employerId: z.string(),
    graduateId: z.string(),
    at: isoDateTime,
    place: z.string().meta({ example: '合肥市高新区望江西路 800 号' }),
    note: z.string(),
    respondBy: isoDateTime.nullable(),
    status: z.enum(['SENT', 'WITHDRAWN', 'ACCEPTED', 'DECLINED', 'PASSED', 'FAILED']),
  })
  .meta({ id: 'InterviewInvitation', description: '面试邀请' }) satisfies z.ZodType<InvitationView>;

export const invitationPageView = paged(invitationView, 'InterviewInvitationPage');

export const OFFER_STATUSES = ['SENT', 'ACCEPTED', 'DECLINED', 'EXPIRED'] as const;

export const interviewResultView = z
  .object({
    id: z.string(),
    passed: z.boolean(),
    offer: z.object({ id: z.string(), status: z.enum(OFFER_STATUSES) }).nullable(),
  })
  .meta({ id: 'InterviewResult', description: '面试结果；通过并附签约邀请时 offer 非空' });

export const offerView = z
  .object({
    id: z.string(),
    invitationId: z.string().nullable(),
    employerId: z.string(),
    graduateId: z.string(),
    position: z.object({ positionId: z.string(), title: z.string(), location: z.string() }),
    terms: agreementTermsView,
    status: z.enum(OFFER_STATUSES),
    expiresAt: isoDateTime.nullable(),
    agreementId: z.string().nullable(),
    createdAt: isoDateTime,
  })
  .meta({ id: 'SigningOffer', description: '签约邀请（方式一）' }) satisfies z.ZodType<OfferView>;

export const offerPageView = paged(offerView, 'SigningOfferPage');
