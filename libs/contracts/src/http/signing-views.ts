import { z } from 'zod';
import { DESTINATIONS } from '../destinations.js';
import { ROLES } from '../principal.js';
import {
  AGREEMENT_STATUSES,
  SIGNING_METHODS,
  SUPERIOR_AUTHORITIES,
  type AgreementView,
  type GraduateDestinationView,
  type QrCardIssued,
  type SignResult,
} from '../signing.js';
import { isoDateTime, paged } from './common.js';
import { employerView, graduateView } from './identity-views.js';

/* Answers of signing's routes (agreements, QR cards, destinations) as the gateway sends them. */

export const TERMS_EXAMPLE = {
  workLocation: '安徽省合肥市',
  monthlySalary: 9500,
  probationMonths: 3,
  contractYears: 3,
  archiveTransferAddress: '合肥市人才服务中心',
  hukouTransferAddress: '合肥市公安局蜀山分局',
  otherTerms: '',
  superiorAuthority: null,
};

/** Terms as an answer carries them (every field present). */
export const agreementTermsView = z
  .object({
    workLocation: z.string(),
    monthlySalary: z.number().meta({ description: '元/月（税前）' }),
    probationMonths: z.number().int(),
    contractYears: z.number(),
    archiveTransferAddress: z.string(),
    hukouTransferAddress: z.string(),
    otherTerms: z.string(),
    superiorAuthority: z
      .enum(SUPERIOR_AUTHORITIES)
      .nullable()
      .meta({ description: '上级主管部门：用人单位无用人自主权时必填' }),
  })
  .meta({ id: 'AgreementTerms', description: '协议条款', example: TERMS_EXAMPLE });

const actorView = z.object({ userId: z.string(), role: z.enum(ROLES) }).nullable();

export const agreementView = z
  .object({
    id: z.string(),
    agreementId: z.string(),
    agreementNo: z.string().meta({ example: '2026-10357-000123' }),
    method: z.enum(SIGNING_METHODS),
    status: z.enum(AGREEMENT_STATUSES),
    graduate: graduateView,
    employer: employerView,
    position: z.object({
      positionId: z.string(),
      title: z.string().meta({ example: '后端开发工程师' }),
      location: z.string(),
    }),
    terms: agreementTermsView,
    signedAt: isoDateTime,
    version: z.number().int().positive(),
    offerId: z.string().nullable(),
    history: z.array(
      z.object({
        at: isoDateTime,
        actor: actorView,
        from: z.enum(AGREEMENT_STATUSES).nullable(),
        to: z.enum(AGREEMENT_STATUSES),
        reason: z.string().nullable().meta({ example: '用人单位资质材料不全' }),
      }),
    ),
  })
  .meta({
    id: 'Agreement',
    description: '就业协议书：签约时的快照、状态与历史',
  }) satisfies z.ZodType<AgreementView>;

export const agreementPageView = paged(agreementView, 'AgreementPage');

export const signResultView = z
  .object({
    agreementId: z.string(),
    agreementNo: z.string(),
    status: z.enum(AGREEMENT_STATUSES),
    method: z.enum(SIGNING_METHODS),
  })
  .meta({
    id: 'SignResult',
    example: {
      agreementId: '0e5b7c1a-1111-4000-8000-000000000001',
      agreementNo: '2026-10357-000123',
      status: 'PENDING_REVIEW',
      method: 'EMPLOYER_DIRECT',
    },
  }) satisfies z.ZodType<SignResult>;

export const qrCardView = z
  .object({
    token: z.string(),
    url: z.string().meta({ example: 'http://localhost:3000/qr/q1.xxx.yyy' }),
    qrPng: z.string().meta({ description: 'data:image/png;base64,…' }),
    expiresAt: isoDateTime,
  })
  .meta({ id: 'QrCard', description: '二维码名片' }) satisfies z.ZodType<QrCardIssued>;

export const qrCardGraduateView = z
  .object({
    graduate: graduateView,
    available: z.boolean().meta({ description: '能否签约' }),
    expiresAt: isoDateTime,
  })
  .meta({ id: 'QrCardGraduate' });

export const graduateDestinationView = z
  .object({
    graduateId: z.string(),
    schoolCode: z.string(),
    destination: z.enum(DESTINATIONS),
    note: z.string().nullable().meta({ example: '已签订纸质协议' }),
    destinationCode: z.string().nullable().optional().meta({ example: '10' }),
    destinationName: z.string().nullable().optional().meta({ example: '签就业协议形式就业' }),
    activeAgreement: z
      .object({
        agreementId: z.string(),
        agreementNo: z.string(),
        status: z.enum(AGREEMENT_STATUSES),
      })
      .nullable(),
  })
  .meta({
    id: 'GraduateDestination',
    description: '毕业去向',
  }) satisfies z.ZodType<GraduateDestinationView>;
