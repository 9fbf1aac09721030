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
export const onlineSigningStatistics = defineRequest<{ schoolCode?: string }, OnlineSigningStatistics>({
  service: 'dispatch-sync',
  kind: 'qry',
  entity: 'statistics',
  verb: 'online-signing',
  version: 1,
  request: z.object({ schoolCode: z.string().min(1).max(20).optional() }),
});

/** A daily snapshot, as taken on that day (Asia/Shanghai); never changes once taken. */
export const onlineSigningSnapshot = defineRequest<{ day: string; schoolCode?: string }, OnlineSigningStatistics>({
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
export const takeOnlineSigningSnapshot = defineRequest<Record<string, never>, { day: string; taken: boolean }>({
  service: 'dispatch-sync',
  kind: 'cmd',
  entity: 'statistics',
  verb: 'take-snapshot',
  version: 1,
  request: z.object({}),
});
