import { Module } from '@nestjs/common';
import { AuditAnchorsRepository } from './audit-anchors.repository.js';
import {
  IdentityAuditAnchorsSubscriber,
  PrintingAuditAnchorsSubscriber,
  ReviewAuditAnchorsSubscriber,
  SigningAuditAnchorsSubscriber,
} from './audit-anchors.subscribers.js';

/** Keeps the audited services' anchors; `npm run audit:verify` checks the chains against them. */
@Module({
  providers: [
    AuditAnchorsRepository,
    IdentityAuditAnchorsSubscriber,
    SigningAuditAnchorsSubscriber,
    ReviewAuditAnchorsSubscriber,
    PrintingAuditAnchorsSubscriber,
  ],
})
export class AuditAnchorsModule {}
