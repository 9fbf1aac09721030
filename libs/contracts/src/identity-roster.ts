import { z } from 'zod';
import { DESTINATIONS, type Destination } from './destinations.js';
import type { GraduateSnapshot } from './identity.js';
import { defineRequest } from './request.js';

/* ---- Roster (生源信息) import and lists. */

export const ROSTER_FORMATS = ['csv', 'xlsx', 'json'] as const;
export interface RosterRejection {
  /** 1-based data row (the header of a CSV/XLSX is not counted). */
  row: number;
  code: string;
  message: string;
}
export interface RosterImportResult {
  created: number;
  updated: number;
  unchanged: number;
  rejected: RosterRejection[];
}

/**
 * Imports a roster file. Files larger than one NATS message are sent first in parts
 * (`rosterUploadPart`) and imported by `uploadId`; small ones travel inline as `content`.
 */
export const rosterImport = defineRequest<
  {
    schoolCode: string;
    format: (typeof ROSTER_FORMATS)[number];
    content?: string;
    uploadId?: string;
    parts?: number;
  },
  RosterImportResult
>({
  service: 'identity',
  kind: 'cmd',
  entity: 'roster',
  verb: 'import',
  version: 1,
  request: z
    .object({
      schoolCode: z.string().min(1),
      format: z.enum(ROSTER_FORMATS),
      content: z.base64().optional(),
      uploadId: z.uuid().optional(),
      parts: z.number().int().positive().max(64).optional(),
    })
    .refine((d) => (d.content === undefined) !== (d.uploadId === undefined), 'content or uploadId'),
});

/** One base64 part (≤ 512 KiB) of a roster file being uploaded; kept encrypted until imported. */
export const rosterUploadPart = defineRequest<
  { schoolCode: string; uploadId: string; seq: number; data: string },
  { received: number }
>({
  service: 'identity',
  kind: 'cmd',
  entity: 'roster',
  verb: 'upload-part',
  version: 1,
  request: z.object({
    schoolCode: z.string().min(1),
    uploadId: z.uuid(),
    seq: z.number().int().min(0).max(63),
    data: z.base64().max(700_000),
  }),
});

export interface GraduateListItem extends GraduateSnapshot {
  wechatBound: boolean;
}

export const graduatesList = defineRequest<
  {
    schoolCode: string;
    page: number;
    pageSize: number;
    departmentCode?: string;
    q?: string;
    destination?: Destination;
  },
  { items: GraduateListItem[]; total: number; page: number; pageSize: number }
>({
  service: 'identity',
  kind: 'qry',
  entity: 'graduate',
  verb: 'list',
  version: 1,
  request: z.object({
    schoolCode: z.string().min(1),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
    departmentCode: z.string().min(1).optional(),
    q: z.string().min(1).max(64).optional(),
    /** As signing last announced it (a moment behind signing itself). */
    destination: z.enum(DESTINATIONS).optional(),
  }),
});

/** Is this graduate within the calling staff member's scope (department, counsellor assignment)? */
export const graduateInScope = defineRequest<{ graduateId: string }, { inScope: boolean }>({
  service: 'identity',
  kind: 'qry',
  entity: 'graduate',
  verb: 'in-scope',
  version: 1,
  request: z.object({ graduateId: z.string().min(1) }),
});

/** Whom a counsellor (辅导员) is responsible for, as identity records it. */
export interface CounsellorAssignment {
  schoolCode: string;
  /** Counsellors are scoped by graduates and classes, not by department: usually null. */
  departmentCode: string | null;
  graduateIds: string[];
  classNames: string[];
}

/**
 * A counsellor's assignment, so a service can filter a list in one query instead of asking
 * `graduateInScope` per row. Asked by a SERVICE on behalf of the counsellor `userId`, or by that
 * COUNSELLOR themself; anyone else is FORBIDDEN. Not a counsellor account: NOT_FOUND.
 */
export const counsellorAssignment = defineRequest<{ userId: string }, CounsellorAssignment>({
  service: 'identity',
  kind: 'qry',
  entity: 'counsellor',
  verb: 'assignment',
  version: 1,
  request: z.object({ userId: z.string().min(1) }),
});
