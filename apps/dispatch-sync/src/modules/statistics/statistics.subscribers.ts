import { Injectable } from '@nestjs/common';
import {
  agreementApproved,
  agreementRejected,
  agreementSigned,
  agreementTerminated,
  destinationChanged,
  graduateRosterUpserted,
  type AgreementSnapshot,
  type EventEnvelope,
} from '@netsign/contracts';
import { EventSubscriber, OnEvent } from '@netsign/messaging';
import type { EntityManager } from 'typeorm';
import { StatisticsRepository, type Metric, type Unit } from './statistics.repository.js';

type Payload<C> = C extends { payload: { parse(v: unknown): infer P } } ? P : never;

const unitOf = (a: AgreementSnapshot): Unit => ({
  schoolCode: a.graduate.schoolCode,
  schoolName: a.graduate.schoolName,
  departmentCode: a.graduate.departmentCode,
  departmentName: a.graduate.departmentName,
});
const onlineMetric = (a: AgreementSnapshot): Metric => `online:${a.method}`;

/** Graduates per school and department, from identity's roster. */
@Injectable()
@EventSubscriber({ name: 'statistics-roster' })
export class RosterStatisticsSubscriber {
  constructor(private readonly stats: StatisticsRepository) {}

  @OnEvent(graduateRosterUpserted)
  async rosterUpserted(
    event: EventEnvelope<Payload<typeof graduateRosterUpserted>>,
    tx: EntityManager,
  ): Promise<void> {
    const g = event.payload;
    await this.stats.placeGraduate(tx, g.graduateId, {
      schoolCode: g.schoolCode,
      schoolName: g.schoolName,
      departmentCode: g.departmentCode,
      departmentName: g.departmentName,
    });
  }
}

/**
 * Signed online = graduates holding an active online agreement (pending review or approved), by
 * method; signed offline = destinations recorded as SIGNED_OFFLINE. Each event moves counters
 * once (the inbox), so the figures match the agreements without ever scanning them.
 */
@Injectable()
// One transaction at a time, each applying the events queued meanwhile (up to 32): transactions
// in parallel would queue on the same counter rows (one school signs in bulk) and, touching them
// in different orders, could deadlock.
@EventSubscriber({ name: 'statistics-agreements' })
export class AgreementStatisticsSubscriber {
  constructor(private readonly stats: StatisticsRepository) {}

  @OnEvent(agreementSigned)
  async signed(
    event: EventEnvelope<Payload<typeof agreementSigned>>,
    tx: EntityManager,
  ): Promise<void> {
    const a = event.payload.agreement;
    await this.stats.nameUnit(tx, unitOf(a));
    await this.stats.bump(tx, unitOf(a), onlineMetric(a), 1);
  }

  @OnEvent(agreementApproved)
  async approved(
    event: EventEnvelope<Payload<typeof agreementApproved>>,
    tx: EntityManager,
  ): Promise<void> {
    await this.stats.bump(tx, unitOf(event.payload.agreement), 'approvals', 1);
  }

  @OnEvent(agreementRejected)
  async rejected(
    event: EventEnvelope<Payload<typeof agreementRejected>>,
    tx: EntityManager,
  ): Promise<void> {
    const a = event.payload.agreement;
    await this.stats.bump(tx, unitOf(a), onlineMetric(a), -1);
    await this.stats.bump(tx, unitOf(a), 'rejections', 1);
  }

  @OnEvent(agreementTerminated)
  async terminated(
    event: EventEnvelope<Payload<typeof agreementTerminated>>,
    tx: EntityManager,
  ): Promise<void> {
    const a = event.payload.agreement;
    await this.stats.bump(tx, unitOf(a), onlineMetric(a), -1);
    await this.stats.bump(tx, unitOf(a), 'terminations', 1);
  }

  /** Only changes into or out of SIGNED_OFFLINE move a counter; the rest are acked untouched. */
  @OnEvent(destinationChanged, {
    when: (e) => e.payload.from === 'SIGNED_OFFLINE' || e.payload.to === 'SIGNED_OFFLINE',
  })
  async destination(
    event: EventEnvelope<Payload<typeof destinationChanged>>,
    tx: EntityManager,
  ): Promise<void> {
    const { from, to, schoolCode, departmentCode } = event.payload;
    const unit = { schoolCode, departmentCode };
    if (from === 'SIGNED_OFFLINE' && to !== 'SIGNED_OFFLINE')
      await this.stats.bump(tx, unit, 'offline', -1);
    if (to === 'SIGNED_OFFLINE' && from !== 'SIGNED_OFFLINE')
      await this.stats.bump(tx, unit, 'offline', 1);
  }
}
