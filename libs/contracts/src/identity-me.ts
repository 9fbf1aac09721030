import { z } from 'zod';
import { defineEvent } from './envelope.js';
import type { EmployerSnapshot, GraduateSnapshot } from './identity.js';
import { defineRequest } from './request.js';

/* ---- Me, source-info confirmation and corrections. */

export interface MeReply {
  userId: string;
  role: string;
  username?: string;
  schoolCode?: string;
  departmentCode?: string;
  employer?: EmployerSnapshot;
  graduate?: GraduateSnapshot & { sourceInfoConfirmedAt: string | null };
  openId?: string;
}

export const meGet = defineRequest<Record<string, never>, MeReply>({
  service: 'identity',
  kind: 'qry',
  entity: 'me',
  verb: 'get',
  version: 1,
  request: z.object({}),
});

export const sourceInfoConfirm = defineRequest<
  Record<string, never>,
  { graduateId: string; confirmedAt: string }
>({
  service: 'identity',
  kind: 'cmd',
  entity: 'source-info',
  verb: 'confirm',
  version: 1,
  request: z.object({}),
});

/** Fields a graduate may ask to correct; the ID number is corrected by the school's re-import. */
export const correctionChangesSchema = z
  .object({
    name: z.string().min(1).max(64),
    gender: z.string().min(1).max(8),
    major: z.string().min(1).max(128),
    degree: z.string().min(1).max(64),
    className: z.string().min(1).max(64),
    originPlace: z.string().min(1).max(128),
  })
  .partial()
  .strict()
  .refine((c) => Object.keys(c).length > 0, '至少修改一项');
export type CorrectionChanges = z.infer<typeof correctionChangesSchema>;
export type CorrectionBefore = { [K in keyof CorrectionChanges]?: string | null };

export interface SourceInfoCorrection {
  id: string;
  graduateId: string;
  schoolCode: string;
  studentNo: string;
  graduateName: string;
  changes: CorrectionChanges;
  /**
   * The values of the changed fields (the keys of `changes`) before the correction, for the
   * reviewer to compare: the graduate's current values while PENDING or REJECTED, the values the
   * approval replaced once APPROVED. A field is absent when it is not known (approved before the
   * platform kept them); null where the record has no value (a graduate without a class).
   */
  before: CorrectionBefore;
  reason: string;
  status: 'PENDING' | 'APPROVED' | 'REJECTED';
  requestedAt: string;
  decidedAt: string | null;
  decisionReason: string | null;
}

export const sourceInfoCorrectionRequest = defineRequest<
  { changes: CorrectionChanges; reason: string },
  SourceInfoCorrection
>({
  service: 'identity',
  kind: 'cmd',
  entity: 'source-info-correction',
  verb: 'request',
  version: 1,
  request: z.object({ changes: correctionChangesSchema, reason: z.string().min(1).max(500) }),
});

export const sourceInfoCorrectionsList = defineRequest<
  { schoolCode: string; status?: 'PENDING' | 'APPROVED' | 'REJECTED' },
  SourceInfoCorrection[]
>({
  service: 'identity',
  kind: 'qry',
  entity: 'source-info-correction',
  verb: 'list',
  version: 1,
  request: z.object({
    schoolCode: z.string().min(1),
    status: z.enum(['PENDING', 'APPROVED', 'REJECTED']).optional(),
  }),
});

/** A school admin's decision on a correction as sent (reason required to reject). */
export const correctionDecisionSchema = z
  .object({
    decision: z.enum(['APPROVE', 'REJECT']),
    reason: z.string().min(1).max(500).optional(),
  })
  .refine((d) => d.decision === 'APPROVE' || d.reason, {
    message: '驳回须填写理由',
    path: ['reason'],
  });

export const sourceInfoCorrectionDecide = defineRequest<
  { schoolCode: string; id: string; decision: 'APPROVE' | 'REJECT'; reason?: string },
  SourceInfoCorrection
>({
  service: 'identity',
  kind: 'cmd',
  entity: 'source-info-correction',
  verb: 'decide',
  version: 1,
  request: correctionDecisionSchema.safeExtend({ schoolCode: z.string().min(1), id: z.uuid() }),
});

/** A correction was approved or rejected (the graduate is told; an approval also upserts the roster). */
export const sourceInfoCorrectionDecided = defineEvent({
  service: 'identity',
  entity: 'source-info-correction',
  verb: 'decided',
  version: 1,
  payload: z.object({
    correctionId: z.string(),
    graduateId: z.string(),
    schoolCode: z.string(),
    decision: z.enum(['APPROVE', 'REJECT']),
    reason: z.string().nullable(),
  }),
});

/* ---- Notification inbox. */

export interface NotificationItem {
  id: string;
  kind: string;
  title: string;
  body: string;
  data: Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
}

export const notificationsList = defineRequest<
  { page: number; pageSize: number; unreadOnly?: boolean },
  { items: NotificationItem[]; total: number; unread: number; page: number; pageSize: number }
>({
  service: 'identity',
  kind: 'qry',
  entity: 'notification',
  verb: 'list',
  version: 1,
  request: z.object({
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
    unreadOnly: z.boolean().optional(),
  }),
});

export const notificationRead = defineRequest<{ id: string }, { id: string; readAt: string }>({
  service: 'identity',
  kind: 'cmd',
  entity: 'notification',
  verb: 'read',
  version: 1,
  request: z.object({ id: z.uuid() }),
});
