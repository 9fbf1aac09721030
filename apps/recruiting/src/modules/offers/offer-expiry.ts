import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { offerExpired } from '@netsign/contracts';
import { publishEvent } from '@netsign/messaging';
import { DataSource } from 'typeorm';
import { OffersRepository } from './offers.repository.js';

const SWEEP_MS = 60_000;
const BATCH = 200;

/**
 * Offers past their expiry read EXPIRED at once (a CASE in every query); this sweep also records
 * it — status EXPIRED and `signing-offer.expired` in one transaction — so both parties are told.
 * Every replica sweeps; SKIP LOCKED keeps them off each other's rows and each offer expires once.
 */
@Injectable()
export class OfferExpirySweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('OfferExpirySweep');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly offers: OffersRepository,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= this.sweep()
        .catch((err: unknown) => this.logger.warn({ err }, 'offer expiry sweep failed; will retry'))
        .finally(() => {
          this.running = null;
        });
    }, SWEEP_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Expires what is due, in batches; returns how many offers it expired. */
  async sweep(now = new Date()): Promise<number> {
    let total = 0;
    for (;;) {
      const expired = await this.dataSource.transaction(async (tx) => {
        const rows = await this.offers.expireDue(tx, now, BATCH);
        for (const r of rows) {
          await publishEvent(tx, offerExpired, {
            aggregateId: r.id,
            actor: null,
            payload: {
              offerId: r.id,
              positionTitle: r.position.title,
              expiredAt: now.toISOString(),
              employerId: r.employerId,
              graduateId: r.graduateId,
            },
          });
        }
        return rows.length;
      });
      total += expired;
      if (expired < BATCH) return total;
    }
  }
}
