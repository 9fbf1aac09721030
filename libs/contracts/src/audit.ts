import { z } from 'zod';
import { defineEvent, type EventContract } from './envelope.js';
import { defineRequest, type RequestContract } from './request.js';

/*
 * Tamper-evident history (docs/audit-chain.md). Every service that keeps audit entries chains
 * them per aggregate; once a day (and on demand) it publishes the Merkle root of its chain heads,
 * and dispatch-sync keeps those anchors where the service that wrote the entries cannot rewrite them.
 */

/** The services whose audit entries are chained. */
export const AUDITED_SERVICES = ['identity', 'signing', 'review', 'printing'] as const;
export type AuditedService = (typeof AUDITED_SERVICES)[number];

/** How the root was computed (RFC 6962 Merkle tree, SHA-256, leaves = chain heads). */
export const AUDIT_ANCHOR_FORMAT = 'netsign.audit.v1/rfc6962-sha256';

export const auditAnchorSchema = z.object({
  service: z.enum(AUDITED_SERVICES),
  /** 1, 2, 3, … per service. */
  sequence: z.number().int().positive(),
  /** The calendar day in China (Asia/Shanghai) the anchor was taken on, YYYY-MM-DD. */
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  anchoredAt: z.iso.datetime({ offset: true }),
  format: z.literal(AUDIT_ANCHOR_FORMAT),
  /** Hex SHA-256 Merkle root over every chain head as of the anchor. */
  root: z.string().regex(/^[0-9a-f]{64}$/),
  chains: z.number().int().min(0),
  entries: z.number().int().min(0),
});
export type AuditAnchor = z.infer<typeof auditAnchorSchema>;

function anchoredEvent(service: AuditedService): EventContract<AuditAnchor> {
  return defineEvent({
    service,
    entity: 'audit',
    verb: 'anchored',
    version: 1,
    payload: auditAnchorSchema,
  });
}

/** A service anchored its audit chains (daily, or when asked). */
export const identityAuditAnchored = anchoredEvent('identity');
export const signingAuditAnchored = anchoredEvent('signing');
export const reviewAuditAnchored = anchoredEvent('review');
export const printingAuditAnchored = anchoredEvent('printing');

export const AUDIT_ANCHORED_EVENTS: Readonly<Record<AuditedService, EventContract<AuditAnchor>>> = {
  identity: identityAuditAnchored,
  signing: signingAuditAnchored,
  review: reviewAuditAnchored,
  printing: printingAuditAnchored,
};

function anchorCommand(
  service: AuditedService,
): RequestContract<Record<string, never>, AuditAnchor> {
  return defineRequest({
    service,
    kind: 'cmd',
    entity: 'audit',
    verb: 'anchor',
    version: 1,
    request: z.object({}),
  });
}

/** Anchors now, whether or not today's anchor was taken (province admin, or another service). */
export const identityAuditAnchor = anchorCommand('identity');
export const signingAuditAnchor = anchorCommand('signing');
export const reviewAuditAnchor = anchorCommand('review');
export const printingAuditAnchor = anchorCommand('printing');

export const AUDIT_ANCHOR_COMMANDS: Readonly<
  Record<AuditedService, RequestContract<Record<string, never>, AuditAnchor>>
> = {
  identity: identityAuditAnchor,
  signing: signingAuditAnchor,
  review: reviewAuditAnchor,
  printing: printingAuditAnchor,
};
