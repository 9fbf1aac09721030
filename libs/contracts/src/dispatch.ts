import { z } from 'zod';
import { defineRequest } from './request.js';

/* ---- Statistics for the province (网签占比) and, later, the dispatch record log. */

export interface SigningCounts {
  graduates: number;
  signedOnline: { total: number; RECRUITING: number; EMPLOYER_DIRECT: number; QR_CARD: number };
  signedOffline: number;
  /** signedOnline / (signedOnline + signedOffline); null when nobody is employed by agreement yet. */
  onlineShare: number | null;
  approvals: number;
  rejections: number;
  terminations: number;
}

export interface DepartmentStatistics extends SigningCounts {
  departmentCode: string;
  departmentName: string;
}

export interface SchoolStatistics extends SigningCounts {
  schoolCode: string;
  schoolName: string;
  departments: DepartmentStatistics[];
}

export interface OnlineSigningStatistics {
  schools: SchoolStatistics[];
  asOf: string;
}

/** Current figures: the province sees every school (or one), school staff their own school. */
export const onlineSigningStatistics = defineRequest<
  { schoolCode?: string },
  OnlineSigningStatistics
>({
  service: 'dispatch-sync',
  kind: 'qry',
  entity: 'statistics',
  verb: 'online-signing',
  version: 1,
  request: z.object({ schoolCode: z.string().min(1).max(20).optional() }),
});

/** A daily snapshot, as taken on that day (Asia/Shanghai); never changes once taken. */
export const onlineSigningSnapshot = defineRequest<
  { day: string; schoolCode?: string },
  OnlineSigningStatistics
>({
  service: 'dispatch-sync',
  kind: 'qry',
  entity: 'statistics',
  verb: 'snapshot',
  version: 1,
  request: z.object({
    day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    schoolCode: z.string().min(1).max(20).optional(),
  }),
});

/** Takes today's snapshot now if it was not taken yet (province admin; also runs daily). */
export const takeOnlineSigningSnapshot = defineRequest<
  Record<string, never>,
  { day: string; taken: boolean }
>({
  service: 'dispatch-sync',
  kind: 'cmd',
  entity: 'statistics',
  verb: 'take-snapshot',
  version: 1,
  request: z.object({}),
});

/* ---- The outbound record log to the provincial dispatch system (operators: province admin). */

export const DISPATCH_RECORD_STATUSES = ['PENDING', 'DELIVERING', 'DELIVERED', 'DEAD'] as const;
export type DispatchRecordStatus = (typeof DISPATCH_RECORD_STATUSES)[number];

export const dispatchRecordList = defineRequest<
  { status?: DispatchRecordStatus; page: number; pageSize: number },
  { items: unknown[]; total: number }
>({
  service: 'dispatch-sync',
  kind: 'qry',
  entity: 'record',
  verb: 'list',
  version: 1,
  request: z.object({
    status: z.enum(DISPATCH_RECORD_STATUSES).optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(500).default(50),
  }),
});

/** DEAD → PENDING, attempts reset; INVALID_STATE for a record that is not dead. */
export const dispatchRecordReplay = defineRequest<{ recordId: string }, { replayed: true }>({
  service: 'dispatch-sync',
  kind: 'cmd',
  entity: 'record',
  verb: 'replay',
  version: 1,
  request: z.object({ recordId: z.uuid() }),
});

/**
 * Compares what the province acknowledged (last sequence per graduate, `schoolCode:studentNo`;
 * fetched from the province when not given) with the log, listing every difference.
 */
export const dispatchReconcile = defineRequest<{ acknowledged?: Record<string, number> }, unknown>({
  service: 'dispatch-sync',
  kind: 'cmd',
  entity: 'record',
  verb: 'reconcile',
  version: 1,
  request: z.object({ acknowledged: z.record(z.string(), z.number().int().min(0)).optional() }),
});

export const dispatchMetrics = defineRequest<Record<string, never>, unknown>({
  service: 'dispatch-sync',
  kind: 'qry',
  entity: 'record',
  verb: 'metrics',
  version: 1,
  request: z.object({}),
});
