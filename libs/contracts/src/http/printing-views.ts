import { z } from 'zod';
import {
  PDF_SIGNATURE_STATUSES,
  PRINT_COPY_NAMES,
  PRINT_STATUSES,
  type PdfFileVerificationResult,
  type PrintRecordView,
  type VerificationResult,
} from '../printing.js';
import { isoDateTime, paged } from './common.js';

/* Answers of printing's routes (print management, verification). */

export const printRecordView = z
  .object({
    agreementId: z.string(),
    agreementNo: z.string(),
    graduateName: z.string(),
    employerName: z.string(),
    schoolCode: z.string(),
    departmentCode: z.string().meta({ example: 'CS' }),
    departmentName: z
      .string()
      .meta({ example: '计算机学院', description: '院系名称（协议签订时的毕业生信息）' }),
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
  .meta({
    id: 'Verification',
    description: '防伪核验结果',
  }) satisfies z.ZodType<VerificationResult>;

export const jwksView = z
  .object({ keys: z.array(z.record(z.string(), z.string())) })
  .meta({ id: 'VerificationKeys', description: 'JWKS（Ed25519）' });

const signatureStatus = z.enum(PDF_SIGNATURE_STATUSES).meta({
  description:
    '文件内嵌的平台电子签名：VALID 完好且覆盖整个文件；MODIFIED 签名后内容被改动或追加；UNRECOGNISED 非本平台签名或无法读取；ABSENT 无签名',
});

export const pdfFileVerificationView = z
  .union([
    z
      .object({
        genuine: z.literal(true),
        agreementNo: z.string().meta({ example: '2026-10357-000123' }),
        copies: z
          .array(z.enum(PRINT_COPY_NAMES))
          .meta({ description: '文件所含联次（本平台出具的文件总是一式三联）' }),
        renderVersion: z.number().int(),
        current: z.boolean().meta({ description: '是否为最新一次生成的文件' }),
        agreementStatus: z.string().meta({ example: 'APPROVED' }),
        employerName: z.string().meta({ example: '某某科技有限公司' }),
        graduateNameMasked: z.string().meta({ example: '李*' }),
        issuedAt: isoDateTime,
        signature: signatureStatus,
      })
      .meta({ id: 'PdfFileGenuine', description: '与本平台出具的协议书文件逐字节一致' }),
    z
      .object({ genuine: z.literal(false), signature: signatureStatus })
      .meta({ id: 'PdfFileNotGenuine', description: '不是本平台出具的文件，或文件已被改动' }),
  ])
  .meta({
    id: 'PdfFileVerification',
    description: '协议书 PDF 文件核验结果',
  }) satisfies z.ZodType<PdfFileVerificationResult>;
