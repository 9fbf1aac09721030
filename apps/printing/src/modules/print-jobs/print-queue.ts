import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { PRINTING_ENV, type PrintingEnv } from '../../printing.env.js';

export const PRINT_QUEUE = 'print';
const logger = new Logger('PrintQueue');

export interface PrintJobData {
  agreementId: string;
  renderVersion: number;
}

/** BullMQ's prefix: the bus prefix keeps test runs (and deployments sharing Redis) apart. */
export function queuePrefix(env: Pick<PrintingEnv, 'BUS_PREFIX'>): string {
  return env.BUS_PREFIX ? `netsign-${env.BUS_PREFIX}` : 'netsign';
}

export function redisConnection(url: string): Redis {
  // BullMQ workers need blocking commands without a retry cap.
  const redis = new Redis(url, { maxRetriesPerRequest: null });
  // ioredis reconnects by itself; an unhandled 'error' event would only add noise.
  redis.on('error', (err) => logger.warn({ err }, 'redis error'));
  return redis;
}

/**
 * Enqueues render jobs. The job id is derived from agreement and render version, so the same
 * render asked twice (a redelivered event, the start-up sweep) collapses into one job.
 */
@Injectable()
export class PrintQueue implements OnApplicationShutdown {
  readonly queue: Queue<PrintJobData>;
  private readonly connection: Redis;

  constructor(@Inject(PRINTING_ENV) env: PrintingEnv) {
    this.connection = redisConnection(env.REDIS_URL);
    this.queue = new Queue<PrintJobData>(PRINT_QUEUE, {
      connection: this.connection,
      prefix: queuePrefix(env),
      defaultJobOptions: {
        attempts: env.PRINT_JOB_ATTEMPTS,
        backoff: { type: 'exponential', delay: 2_000 },
        removeOnComplete: { age: 7 * 24 * 3600, count: 10_000 },
        removeOnFail: false,
      },
    });
  }

  static jobId(agreementId: string, renderVersion: number): string {
    return `${agreementId}-v${renderVersion}`;
  }

  async enqueue(agreementId: string, renderVersion: number): Promise<void> {
    await this.queue.add(
      'render-agreement',
      { agreementId, renderVersion },
      { jobId: PrintQueue.jobId(agreementId, renderVersion) },
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
    await this.connection.quit().catch(() => undefined);
  }
}
