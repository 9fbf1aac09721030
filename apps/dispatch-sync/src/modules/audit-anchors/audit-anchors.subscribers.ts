import { Injectable } from '@nestjs/common';
import {
  identityAuditAnchored,
  printingAuditAnchored,
  reviewAuditAnchored,
  signingAuditAnchored,
  type AuditAnchor,
  type EventEnvelope,
} from '@netsign/contracts';
import { EventSubscriber, OnEvent } from '@netsign/messaging';
import type { EntityManager } from 'typeorm';
import { AuditAnchorsRepository } from './audit-anchors.repository.js';

/*
 * Each audited service's anchors, kept exactly once (inbox + row in one transaction). A durable
 * consumer reads one service's stream, so there is one subscriber per audited service.
 */

@Injectable()
@EventSubscriber({ name: 'audit-anchors-identity' })
export class IdentityAuditAnchorsSubscriber {
  constructor(private readonly anchors: AuditAnchorsRepository) {}

  @OnEvent(identityAuditAnchored)
  anchored(event: EventEnvelope<AuditAnchor>, tx: EntityManager): Promise<void> {
    return this.anchors.keep(tx, event);
  }
}

@Injectable()
@EventSubscriber({ name: 'audit-anchors-signing' })
export class SigningAuditAnchorsSubscriber {
  constructor(private readonly anchors: AuditAnchorsRepository) {}

  @OnEvent(signingAuditAnchored)
  anchored(event: EventEnvelope<AuditAnchor>, tx: EntityManager): Promise<void> {
    return this.anchors.keep(tx, event);
  }
}

@Injectable()
@EventSubscriber({ name: 'audit-anchors-review' })
export class ReviewAuditAnchorsSubscriber {
  constructor(private readonly anchors: AuditAnchorsRepository) {}

  @OnEvent(reviewAuditAnchored)
  anchored(event: EventEnvelope<AuditAnchor>, tx: EntityManager): Promise<void> {
    return this.anchors.keep(tx, event);
  }
}

@Injectable()
@EventSubscriber({ name: 'audit-anchors-printing' })
export class PrintingAuditAnchorsSubscriber {
  constructor(private readonly anchors: AuditAnchorsRepository) {}

  @OnEvent(printingAuditAnchored)
  anchored(event: EventEnvelope<AuditAnchor>, tx: EntityManager): Promise<void> {
    return this.anchors.keep(tx, event);
  }
}
