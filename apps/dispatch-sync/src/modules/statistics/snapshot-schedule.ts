import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { StatisticsRepository } from './statistics.repository.js';

/** The calendar day in China (UTC+8, no daylight saving), as YYYY-MM-DD. */
export function shanghaiDay(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/**
 * Takes each day's snapshot at the first check of that day (Asia/Shanghai), every replica
 * trying: the primary key lets exactly one snapshot per day and school in, and it never changes.
 */
@Injectable()
export class SnapshotSchedule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('SnapshotSchedule');
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly stats: StatisticsRepository) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), 10 * 60_000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private async tick(): Promise<void> {
    try {
      const day = shanghaiDay(new Date());
      if (await this.stats.takeSnapshot(day))
        this.logger.log(`statistics snapshot taken for ${day}`);
    } catch (err) {
      this.logger.warn({ err }, 'statistics snapshot failed; will retry');
    }
  }
}
