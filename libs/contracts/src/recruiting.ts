import { z } from 'zod';
import { defineEvent } from './envelope.js';
import { defineRequest } from './request.js';
import { agreementTermsSchema, positionSnapshotSchema, type AgreementTerms } from './signing.js';

/* ---- Campus recruiting (method 1): positions, resumes, applications, interviews, signing offers. */

const page = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
};
export interface Paged<T> {
  items: T[];
  total: number;
}

const positionFields = {
  title: z.string().trim().min(1).max(100),
  location: z.string().trim().min(1).max(100),
  headcount: z.number().int().min(1).max(10_000),
  salaryRange: z.string().trim().max(50),
  description: z.string().trim().max(5000),
};
export const positionInputSchema = z.object({
  ...positionFields,
  salaryRange: positionFields.salaryRange.default(''),
  description: positionFields.description.default(''),
});
/** An edit names only what changes (no defaults: an absent field keeps its value). */
export const positionChangesSchema = z
  .object(positionFields)
  .partial()
  .refine((c) => Object.values(c).some((v) => v !== undefined), { message: '没有要修改的内容' });
export type PositionInput = z.infer<typeof positionInputSchema>;
export interface PositionView extends PositionInput {
  id: string;
  employerId: string;
  status: 'OPEN' | 'CLOSED';
  createdAt: string;
}

export const resumeSchema = z.object({
  summary: z.string().trim().max(4000).default(''),
  education: z.string().trim().max(4000).default(''),
  experience: z.string().trim().max(4000).default(''),
  skills: z.array(z.string().trim().min(1).max(50)).max(50).default([]),
  phone: z.string().trim().max(30).default(''),
  email: z.string().trim().max(100).default(''),
});
export type Resume = z.infer<typeof resumeSchema>;

export type ApplicationStatus = 'SUBMITTED' | 'INVITED' | 'CLOSED';
/** Who applied, as the roster had them when they applied. */
export interface Applicant {
  name: string;
  schoolName: string;
  departmentName: string;
  major: string;
  degree: string;
  graduationYear: number;
}
export interface ApplicationView {
  id: string;
  positionId: string;
  positionTitle: string;
  employerId: string;
  graduateId: string;
  status: ApplicationStatus;
  /** null for applications made before the platform recorded the applicant. */
  applicant: Applicant | null;
  resume: Resume;
  submittedAt: string;
}

export type InvitationStatus = 'SENT' | 'WITHDRAWN' | 'ACCEPTED' | 'DECLINED' | 'PASSED' | 'FAILED';
export interface InvitationView {
  id: string;
  applicationId: string;
  positionId: string;
  employerId: string;
  graduateId: string;
  at: string;
  place: string;
  note: string;
  respondBy: string | null;
  status: InvitationStatus;
}

export type OfferStatus = 'SENT' | 'ACCEPTED' | 'DECLINED' | 'EXPIRED';
export interface OfferView {
  id: string;
  invitationId: string | null;
  employerId: string;
  graduateId: string;
  position: z.infer<typeof positionSnapshotSchema>;
  terms: AgreementTerms;
  status: OfferStatus;
  expiresAt: string | null;
  agreementId: string | null;
  createdAt: string;
}

/* ---- Requests. */

export const positionCreate = defineRequest<PositionInput, { id: string }>({
  service: 'recruiting',
  kind: 'cmd',
  entity: 'position',
  verb: 'create',
  version: 1,
  request: positionInputSchema,
});

export const positionList = defineRequest<
  { q?: string; employerId?: string; page: number; pageSize: number },
  Paged<PositionView>
>({
  service: 'recruiting',
  kind: 'qry',
  entity: 'position',
  verb: 'list',
  version: 1,
  request: z.object({
    q: z.string().trim().max(100).optional(),
    employerId: z.string().optional(),
    ...page,
  }),
});

/** The employer edits its own position; agreements already signed keep their snapshot. */
export const positionUpdate = defineRequest<
  { positionId: string; changes: Partial<PositionInput> },
  PositionView
>({
  service: 'recruiting',
  kind: 'cmd',
  entity: 'position',
  verb: 'update',
  version: 1,
  request: z.object({
    positionId: z.uuid(),
    changes: positionChangesSchema,
  }),
});

/** The employer closes its own position: no new applications or signings name it. */
export const positionClose = defineRequest<{ positionId: string }, PositionView>({
  service: 'recruiting',
  kind: 'cmd',
  entity: 'position',
  verb: 'close',
  version: 1,
  request: z.object({ positionId: z.uuid() }),
});

/** One position. Callers: anyone signed in, SERVICE (signing reads it at signing). */
export const positionGet = defineRequest<{ positionId: string }, PositionView>({
  service: 'recruiting',
  kind: 'qry',
  entity: 'position',
  verb: 'get',
  version: 1,
  request: z.object({ positionId: z.uuid() }),
});

export const resumePut = defineRequest<Resume, Resume>({
  service: 'recruiting',
  kind: 'cmd',
  entity: 'resume',
  verb: 'put',
  version: 1,
  request: resumeSchema,
});

export const applicationSubmit = defineRequest<{ positionId: string }, ApplicationView>({
  service: 'recruiting',
  kind: 'cmd',
  entity: 'application',
  verb: 'submit',
  version: 1,
  request: z.object({ positionId: z.uuid() }),
});

export const applicationList = defineRequest<
  { positionId?: string; page: number; pageSize: number },
  Paged<ApplicationView>
>({
  service: 'recruiting',
  kind: 'qry',
  entity: 'application',
  verb: 'list',
  version: 1,
  request: z.object({ positionId: z.uuid().optional(), ...page }),
});

export const invitationSend = defineRequest<
  { applicationId: string; at: string; place: string; note: string; respondBy?: string },
  InvitationView
>({
  service: 'recruiting',
  kind: 'cmd',
  entity: 'interview-invitation',
  verb: 'send',
  version: 1,
  request: z.object({
    applicationId: z.uuid(),
    at: z.iso.datetime({ offset: true }),
    place: z.string().trim().min(1).max(200),
    note: z.string().trim().max(1000).default(''),
    respondBy: z.iso.datetime({ offset: true }).optional(),
  }),
});

export const invitationList = defineRequest<
  { page: number; pageSize: number },
  Paged<InvitationView>
>({
  service: 'recruiting',
  kind: 'qry',
  entity: 'interview-invitation',
  verb: 'list',
  version: 1,
  request: z.object({ ...page }),
});

export const invitationWithdraw = defineRequest<{ invitationId: string }, InvitationView>({
  service: 'recruiting',
  kind: 'cmd',
  entity: 'interview-invitation',
  verb: 'withdraw',
  version: 1,
  request: z.object({ invitationId: z.uuid() }),
});

export const invitationRespond = defineRequest<
  { invitationId: string; accept: boolean },
  InvitationView
>({
  service: 'recruiting',
  kind: 'cmd',
  entity: 'interview-invitation',
  verb: 'respond',
  version: 1,
  request: z.object({ invitationId: z.uuid(), accept: z.boolean() }),
});

export const offerInputSchema = z.object({
  positionId: z.uuid(),
  terms: agreementTermsSchema,
  expiresAt: z.iso.datetime({ offset: true }).optional(),
});
export const invitationResult = defineRequest<
  { invitationId: string; passed: boolean; offer?: z.infer<typeof offerInputSchema> },
  { id: string; passed: boolean; offer: { id: string; status: OfferStatus } | null }
>({
  service: 'recruiting',
  kind: 'cmd',
  entity: 'interview-invitation',
  verb: 'record-result',
  version: 1,
  request: z.object({
    invitationId: z.uuid(),
    passed: z.boolean(),
    offer: offerInputSchema.optional(),
  }),
});

export const offerList = defineRequest<
  { status?: OfferStatus; page: number; pageSize: number },
  Paged<OfferView>
>({
  service: 'recruiting',
  kind: 'qry',
  entity: 'signing-offer',
  verb: 'list',
  version: 1,
  request: z.object({
    status: z.enum(['SENT', 'ACCEPTED', 'DECLINED', 'EXPIRED']).optional(),
    ...page,
  }),
});

/** One offer. Callers: SERVICE (signing, when the graduate accepts), the graduate, the employer. */
export const offerGet = defineRequest<{ offerId: string }, OfferView>({
  service: 'recruiting',
  kind: 'qry',
  entity: 'signing-offer',
  verb: 'get',
  version: 1,
  request: z.object({ offerId: z.uuid() }),
});

/** The graduate declines (accepting goes to signing: agreementSignOffer). */
export const offerDecline = defineRequest<{ offerId: string }, OfferView>({
  service: 'recruiting',
  kind: 'cmd',
  entity: 'signing-offer',
  verb: 'decline',
  version: 1,
  request: z.object({ offerId: z.uuid() }),
});

/* ---- Events. */

/**
 * A position was published, edited or closed: its state after the change. `revision` grows with
 * every change, so a consumer keeps the newest whatever order it sees them in (signing keeps the
 * positions it snapshots at signing from these).
 */
export const positionChanged = defineEvent({
  service: 'recruiting',
  entity: 'position',
  verb: 'changed',
  version: 1,
  payload: z.object({
    positionId: z.string(),
    employerId: z.string(),
    title: z.string(),
    location: z.string(),
    status: z.enum(['OPEN', 'CLOSED']),
    revision: z.number().int().min(1),
    change: z.enum(['PUBLISHED', 'UPDATED', 'CLOSED']),
  }),
});

/* For notifications: the other party is named in each. */

const parties = { employerId: z.string(), graduateId: z.string() };

export const applicationSubmitted = defineEvent({
  service: 'recruiting',
  entity: 'application',
  verb: 'submitted',
  version: 1,
  payload: z.object({
    applicationId: z.string(),
    positionId: z.string(),
    positionTitle: z.string(),
    ...parties,
  }),
});

export const interviewInvited = defineEvent({
  service: 'recruiting',
  entity: 'interview-invitation',
  verb: 'sent',
  version: 1,
  payload: z.object({
    invitationId: z.string(),
    applicationId: z.string(),
    positionTitle: z.string(),
    ...parties,
    at: z.string(),
    place: z.string(),
    note: z.string(),
    respondBy: z.string().nullable(),
  }),
});

export const interviewWithdrawn = defineEvent({
  service: 'recruiting',
  entity: 'interview-invitation',
  verb: 'withdrawn',
  version: 1,
  payload: z.object({ invitationId: z.string(), positionTitle: z.string(), ...parties }),
});

export const interviewResponded = defineEvent({
  service: 'recruiting',
  entity: 'interview-invitation',
  verb: 'responded',
  version: 1,
  payload: z.object({
    invitationId: z.string(),
    positionTitle: z.string(),
    accepted: z.boolean(),
    ...parties,
  }),
});

export const interviewResultRecorded = defineEvent({
  service: 'recruiting',
  entity: 'interview-invitation',
  verb: 'result-recorded',
  version: 1,
  payload: z.object({
    invitationId: z.string(),
    positionTitle: z.string(),
    passed: z.boolean(),
    offerId: z.string().nullable(),
    ...parties,
  }),
});

export const offerSent = defineEvent({
  service: 'recruiting',
  entity: 'signing-offer',
  verb: 'sent',
  version: 1,
  payload: z.object({
    offerId: z.string(),
    positionTitle: z.string(),
    expiresAt: z.string().nullable(),
    ...parties,
  }),
});

export const offerDeclined = defineEvent({
  service: 'recruiting',
  entity: 'signing-offer',
  verb: 'declined',
  version: 1,
  payload: z.object({ offerId: z.string(), positionTitle: z.string(), ...parties }),
});

/** An offer reached its expiry unanswered (recruiting's sweep marks it EXPIRED). */
export const offerExpired = defineEvent({
  service: 'recruiting',
  entity: 'signing-offer',
  verb: 'expired',
  version: 1,
  payload: z.object({
    offerId: z.string(),
    positionTitle: z.string(),
    expiredAt: z.string(),
    ...parties,
  }),
});

/** Recorded when signing's agreement.signed names the offer: the offer is ACCEPTED. */
export const offerAccepted = defineEvent({
  service: 'recruiting',
  entity: 'signing-offer',
  verb: 'accepted',
  version: 1,
  payload: z.object({
    offerId: z.string(),
    agreementId: z.string(),
    positionTitle: z.string(),
    ...parties,
  }),
});
