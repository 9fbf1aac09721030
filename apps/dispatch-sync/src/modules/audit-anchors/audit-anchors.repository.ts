import { Injectable } from '@nestjs/common';
import type { AuditAnchor, EventEnvelope } from '@netsign/contracts';
import { preparedQuery } from '@netsign/persistence';
import type { EntityManager } from 'typeorm';

@Injectable()
export class AuditAnchorsRepository {
  /**
   * Keeps an anchor as published. A redelivered event is stopped by the inbox; the primary key
   * also keeps the first copy if a service ever published one sequence twice.
   */
  async keep(tx: EntityManager, event: EventEnvelope<AuditAnchor>): Promise<void> {
    const a = event.payload;
    await preparedQuery(
      tx,
      'dispatch-audit-anchor-keep',
      `INSERT INTO audit_anchors (service, sequence, day, anchored_at, format, root, chains, entries, event_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (service, sequence) DO NOTHING`,
      [a.service, a.sequence, a.day, a.anchoredAt, a.format, a.root, a.chains, a.entries, event.id],
    );
  }
}
