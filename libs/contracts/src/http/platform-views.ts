import { z } from 'zod';
import { DISPATCH_RECORD_STATUSES, type OnlineSigningStatistics } from '../dispatch.js';
import type { ParkedEvent } from '../platform.js';
import { SERVICE_NAMES } from '../services.js';
import { isoDateTime, paged } from './common.js';

/* Answers of statistics, dispatch, health and operations routes. */

const signingCounts = {
  graduates: z.number().int(),
  signedOnline: z.object({
    total: z.number().int(),
    RECRUITING: z.number().int(),
    EMPLOYER_DIRECT: z.number().int(),
    QR_CARD: z.number().int(),
  }),
  signedOffline: z.number().int(),
  onlineShare: z
    .number()
    .nullable()
    .meta({ description: '网签占比 = 网上签约 / (网上签约 + 线下签约)；无人签约时为 null' }),
  approvals: z.number().int(),
  rejections: z.number().int(),
  terminations: z.number().int(),
};

export const onlineSigningStatisticsView = z
  .object({
    schools: z.array(
      z.object({
        schoolCode: z.string(),
        schoolName: z.string().meta({ example: '安徽大学' }),
        ...signingCounts,
        departments: z.array(
          z.object({ departmentCode: z.string(), departmentName: z.string(), ...signingCounts }),
        ),
      }),
    ),
    asOf: isoDateTime,
  })
  .meta({
    id: 'OnlineSigningStatistics',
    description: '网签统计',
  }) satisfies z.ZodType<OnlineSigningStatistics>;

export const snapshotTakenView = z
  .object({ day: z.string().meta({ example: '2026-06-01' }), taken: z.boolean() })
  .meta({ id: 'SnapshotTaken' });

export const dispatchRecordView = z
  .object({
    id: z.string(),
    graduateKey: z.string().meta({ example: '10357:2022010101' }),
    graduateSequence: z.number().int(),
    kind: z.enum(['EMPLOYMENT', 'TERMINATION', 'DESTINATION']).meta({
      description: 'EMPLOYMENT 就业协议 · TERMINATION 解约 · DESTINATION 学校登记的去向或解锁',
    }),
    status: z.enum(DISPATCH_RECORD_STATUSES),
    attempts: z.number().int(),
    nextAttemptAt: isoDateTime,
    lastError: z.string().nullable(),
    lastResponse: z.unknown(),
    createdAt: isoDateTime,
    deliveredAt: isoDateTime.nullable(),
    body: z
      .record(z.string(), z.unknown())
      .meta({ description: '报送给省级派遣系统的记录（API.md）' }),
  })
  .meta({ id: 'DispatchRecord', description: '派遣报送记录' });

export const dispatchRecordPageView = paged(dispatchRecordView, 'DispatchRecordPage');

export const dispatchReplayView = z
  .object({ replayed: z.literal(true) })
  .meta({ id: 'DispatchReplay' });

const DIFFERENCE_KINDS = [
  'ACCEPTED_NOT_CONFIRMED',
  'PENDING_DELIVERY',
  'MISSING_AT_PROVINCE',
  'UNKNOWN_TO_LOG',
] as const;
export const reconcileReportView = z
  .object({
    graduatesCompared: z.number().int(),
    differences: z.array(
      z.object({
        graduateKey: z.string(),
        acknowledged: z.number().int(),
        delivered: z.number().int(),
        appended: z.number().int(),
        kind: z.enum(DIFFERENCE_KINDS),
      }),
    ),
    counts: z.object(
      Object.fromEntries(DIFFERENCE_KINDS.map((k) => [k, z.number().int()])) as Record<
        (typeof DIFFERENCE_KINDS)[number],
        z.ZodNumber
      >,
    ),
  })
  .meta({ id: 'ReconcileReport', description: '与省级系统的对账结果' });

export const dispatchBacklogView = z
  .object({
    pending: z.number().int(),
    delivering: z.number().int(),
    dead: z.number().int(),
    blockedByDead: z.number().int(),
    oldestUndeliveredAgeSeconds: z.number(),
  })
  .meta({ id: 'DispatchBacklog' });

const upOrDown = z.enum(['up', 'down']);
export const healthView = z
  .object({
    status: upOrDown,
    services: z.object(
      Object.fromEntries(SERVICE_NAMES.map((s) => [s, upOrDown])) as Record<
        (typeof SERVICE_NAMES)[number],
        typeof upOrDown
      >,
    ),
    down: z.array(z.enum(SERVICE_NAMES)).optional(),
  })
  .meta({ id: 'Health' });

export const parkedEventView = z
  .object({
    id: z.string(),
    consumer: z.string(),
    subject: z.string(),
    eventId: z.string().nullable(),
    reason: z.string(),
    deliveries: z.number().int(),
    parkedAt: isoDateTime,
    replayedAt: isoDateTime.nullable(),
    data: z.string(),
  })
  .meta({ id: 'ParkedEvent' }) satisfies z.ZodType<ParkedEvent>;

export const parkedEventReplayView = z
  .object({ replayed: z.boolean() })
  .meta({ id: 'ParkedEventReplay' });
