import { z } from 'zod';
import { SERVICE_NAMES } from '../services.js';
import { agreementSignQrCard, destinationSet, destinationUnlock, qrCardOpen } from '../signing.js';
import { invitationResult, invitationRespond, invitationSend } from '../recruiting.js';
import { paperFormIssue, paperFormList, paperFormReissue } from '../review-terminations.js';
import { QUALIFICATION_DOCUMENT_KINDS, reviewTaskList } from '../review.js';
import { verifyToken } from '../printing.js';
import { codeParams, queryBoolean, requestObject } from './common.js';

/* Path parameters, queries and bodies of the other services' routes, composed from their contracts. */

export const qrCardParams = requestObject(qrCardOpen);
export const qrCardSignBody = requestObject(agreementSignQrCard).omit({ token: true });
export const destinationSetBody = requestObject(destinationSet).omit({
  schoolCode: true,
  graduateId: true,
});
export const destinationUnlockBody = requestObject(destinationUnlock).omit({
  schoolCode: true,
  graduateId: true,
});

export const invitationSendBody = requestObject(invitationSend).omit({ applicationId: true });
export const acceptBody = requestObject(invitationRespond).pick({ accept: true });
export const invitationResultBody = requestObject(invitationResult).omit({ invitationId: true });

export const reviewTaskListQuery = requestObject(reviewTaskList)
  .omit({ overdue: true })
  .extend({
    overdue: queryBoolean.optional().meta({ description: '只看超期未审的任务' }),
  });

export const verifyParams = requestObject(verifyToken).pick({ token: true });

export const paperFormIssueBody = requestObject(paperFormIssue).pick({ formNo: true });
export const paperFormReissueBody = requestObject(paperFormReissue).pick({
  formNo: true,
  reason: true,
});
export const paperFormListQuery = requestObject(paperFormList).omit({ schoolCode: true });
export const schoolGraduateFormParams = codeParams('schoolCode', 'graduateId');

const SCHOOL_CODE = /^[A-Za-z0-9_-]{1,20}$/;
/** `?schoolCode=`: one school (empty: all the caller may see). */
export const statisticsQuery = z.object({
  schoolCode: z
    .union([z.literal(''), z.string().regex(SCHOOL_CODE)])
    .optional()
    .meta({ description: '学校代码；省级管理员可不填（全部学校）' }),
});
export const snapshotParams = z.object({
  day: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .meta({ example: '2026-06-01' }),
});

export const parkedEventsParams = z.object({ service: z.enum(SERVICE_NAMES) });
export const parkedEventParams = parkedEventsParams.extend({ id: z.string().regex(/^\d+$/) });
export const parkedEventsQuery = z.object({ includeReplayed: queryBoolean.optional() });

/** Multipart fields documented for uploads (the handler reads the parts itself). */
const binary = (description: string) => z.string().meta({ format: 'binary', description });
export const qualificationUploadFields = z.object({
  kind: z.enum(QUALIFICATION_DOCUMENT_KINDS),
  file: binary('PDF、JPEG 或 PNG，按内容识别，不超过 10 MB'),
});
export const verifyFileFields = z.object({
  file: binary('待核验的协议书 PDF（从本平台下载的原文件），不超过 10 MB'),
});
export const terminationApplyFields = z.object({
  agreementId: z.uuid(),
  reason: z.string().min(1).max(500).meta({ example: '已考取研究生，申请解约' }),
  materials: z.array(binary('解约材料：PDF、JPEG 或 PNG，每份不超过 10 MB')).min(1).max(10),
});
