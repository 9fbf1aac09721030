import {
  Controller,
  Inject,
  Injectable,
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type Type,
} from '@nestjs/common';
import { requireRole } from '@netsign/auth';
import {
  AUDIT_ANCHOR_COMMANDS,
  AUDIT_ANCHOR_FORMAT,
  AUDIT_ANCHORED_EVENTS,
  Role,
  type AuditAnchor,
  type AuditedService,
  type BusRequest,
} from '@netsign/contracts';
import { HandleRequest, publishEvent } from '@netsign/messaging';
import { DataSource } from 'typeorm';
import { takeAnchor } from './anchor.js';

export const AUDIT_ANCHOR_SERVICE = Symbol('netsign:audit-anchor-service');

/** How often the schedule looks whether today's anchor is taken (the first look of a day takes it). */
const CHECK_EVERY_MS = 10 * 60_000;

/**
 * Publishes the service's anchor (the Merkle root of its chain heads) through the outbox, in the
 * transaction that records it. Daily: the first check of each day (Asia/Shanghai) takes it, every
 * replica trying, the advisory lock and the day letting one through. On demand: `anchorNow`.
 */
@Injectable()
export class AuditAnchorJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('AuditAnchor');
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: DataSource,
    @Inject(AUDIT_ANCHOR_SERVICE) private readonly service: AuditedService,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), CHECK_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Anchors now, even if today's anchor was taken. */
  async anchorNow(): Promise<AuditAnchor> {
    return (await this.anchor(false))!;
  }

  /** Today's anchor if it was not taken yet; null if it was. */
  anchorToday(): Promise<AuditAnchor | null> {
    return this.anchor(true);
  }

  private anchor(onlyOncePerDay: boolean): Promise<AuditAnchor | null> {
    return this.db.transaction(async (tx) => {
      const taken = await takeAnchor(tx, new Date(), { onlyOncePerDay });
      if (!taken) return null;
      const anchor: AuditAnchor = { service: this.service, format: AUDIT_ANCHOR_FORMAT, ...taken };
      await publishEvent(tx, AUDIT_ANCHORED_EVENTS[this.service], {
        aggregateId: this.service,
        payload: anchor,
      });
      return anchor;
    });
  }

  private async tick(): Promise<void> {
    try {
      const anchor = await this.anchorToday();
      if (anchor)
        this.logger.log(
          `audit anchor ${anchor.sequence} for ${anchor.day}: ${anchor.chains} chains, root ${anchor.root}`,
        );
    } catch (err) {
      this.logger.warn({ err }, 'audit anchor failed; will retry');
    }
  }
}

/** The service's `<service>.cmd.audit.anchor.v1` handler (province admin, or another service). */
function anchorController(service: AuditedService): Type<unknown> {
  const command = AUDIT_ANCHOR_COMMANDS[service];
  @Controller()
  class AuditAnchorNatsController {
    constructor(@Inject(AuditAnchorJob) private readonly job: AuditAnchorJob) {}

    @HandleRequest(command)
    anchor(req: BusRequest<Record<string, never>>): Promise<AuditAnchor> {
      requireRole(req.ctx.principal, Role.PROVINCE_ADMIN, Role.SERVICE);
      return this.job.anchorNow();
    }
  }
  return AuditAnchorNatsController;
}

/** Daily and on-demand anchors for one audited service (its schema has the chain tables). */
@Module({})
export class AuditAnchorModule {
  static forService(service: AuditedService): DynamicModule {
    return {
      module: AuditAnchorModule,
      controllers: [anchorController(service)],
      providers: [{ provide: AUDIT_ANCHOR_SERVICE, useValue: service }, AuditAnchorJob],
      exports: [AuditAnchorJob],
    };
  }
}
