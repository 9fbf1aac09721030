import { z } from 'zod';
import { defineEvent } from './envelope.js';

/**
 * Review's decisions as signing consumes them (exactly once, through its inbox). Review owns the
 * tasks and the termination applications; signing owns the agreement's status and applies these.
 */
export const REVIEW_DECISIONS = ['APPROVE', 'REJECT'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];
export const TERMINATION_DECISIONS = ['AGREE', 'DISAGREE'] as const;
export type TerminationDecision = (typeof TERMINATION_DECISIONS)[number];

export const deciderSchema = z.object({ userId: z.string(), role: z.string() });
export type Decider = z.infer<typeof deciderSchema>;

/** Department staff or a school admin approved or rejected (reason required to reject) a signed agreement. */
export const reviewDecided = defineEvent({
  service: 'review',
  entity: 'review',
  verb: 'decided',
  version: 1,
  payload: z
    .object({
      taskId: z.string(),
      agreementId: z.string(),
      decision: z.enum(REVIEW_DECISIONS),
      reason: z.string().nullable(),
      reviewer: deciderSchema,
      decidedAt: z.string(),
    })
    .refine((p) => p.decision === 'APPROVE' || (p.reason ?? '').trim().length > 0, {
      message: 'a rejection needs a reason',
      path: ['reason'],
    }),
});

/** A counsellor or school admin decided a termination application (解约). AGREE terminates. */
export const terminationDecided = defineEvent({
  service: 'review',
  entity: 'termination',
  verb: 'decided',
  version: 1,
  payload: z.object({
    terminationId: z.string(),
    agreementId: z.string(),
    decision: z.enum(TERMINATION_DECISIONS),
    reason: z.string().nullable(),
    decider: deciderSchema,
    decidedAt: z.string(),
  }),
});
