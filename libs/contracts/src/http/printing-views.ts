import { z } from 'zod';
import { PRINT_COPY_NAMES, PRINT_STATUSES, type PrintRecordView, type VerificationResult } from '../printing.js';
import { isoDateTime, paged } from './common.js';

/* Answers of printing's routes (print management, verification). */

export const printRecordView = z
  .object({
    agreementId: z.string(),
    agreementNo: z.string(),
    graduateName: z.string(),
    employerName: z.string(),
    schoolCode: z.string(),
    departmentCode: z.string(),
    agreementStatus: z.string().meta({ example: 'APPROVED' }),
    status: z.enum(PRINT_STATUSES),
    renderVersion: z.number().int(),
    contentHash: z.string().nullable(),
    fileSha256: z.string().nullable(),
    size: z.number().int().nullable(),
    renderedAt: isoDateTime.nullable(),
    history: z.array(
      z.object({
        at: isoDateTime,
        actor: z.object({ userId: z.string(), role: z.string() }).nullable(),
        action: z.string().meta({ example: 'DOWNLOADED' }),
      }),
    ),
  })
  .meta({ id: 'PrintRecord', description: '协议书打印记录' }) satisfies z.ZodType<PrintRecordView>;

export const printRecordPageView = paged(printRecordView, 'PrintRecordPage');

export const renderingView = z
  .object({ status: z.literal('RENDERING') })
  .meta({ id: 'Rendering', description: '协议书正在生成，请稍后再试' });

export const rerenderView = z.object({ renderVersion: z.number().int() }).meta({ id: 'Rerender' });

export const verificationView = z
  .object({
    genuine: z.literal(true),
    agreementNo: z.string().meta({ example: '2026-10357-000123' }),
    copy: z.enum(PRINT_COPY_NAMES),
    agreementStatus: z.string().meta({ example: 'APPROVED' }),
    employerName: z.string().meta({ example: '某某科技有限公司' }),
    graduateNameMasked: z.string().meta({ example: '李*' }),
    issuedAt: isoDateTime,
    renderVersion: z.number().int(),
    current: z.boolean().meta({ description: '是否为最新一次生成的副本' }),
  })
  .meta({ id: 'Verification', description: '防伪核验结果' }) satisfies z.ZodType<VerificationResult>;

export const jwksView = z
  .object({ keys: z.array(z.record(z.string(), z.string())) })
  .meta({ id: 'VerificationKeys', description: 'JWKS（Ed25519）' });
