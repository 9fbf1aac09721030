import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { requestContextStorage } from '@netsign/messaging';
import { PRINTING_ENV, type PrintingEnv } from '../../printing.env.js';
import { PrintRecordsRepository } from '../print-records/print-records.repository.js';
import { PRINT_QUEUE, queuePrefix, redisConnection, type PrintJobData } from './print-queue.js';
import { PrintEngine } from './print-engine.js';
import { RenderAgreementUseCase } from './render-agreement.use-case.js';

/**
 * The print worker role: a BullMQ processor rendering `PRINT_CONCURRENCY` agreements at once with
 * one reused browser. Started only when PRINT_ROLE is `worker` or `all`; scale by running more.
 */
@Injectable()
export class PrintWorkerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('PrintWorker');
  private worker: Worker<PrintJobData> | null = null;
  private connection: Redis | null = null;

  constructor(
    @Inject(PRINTING_ENV) private readonly env: PrintingEnv,
    private readonly render: RenderAgreementUseCase,
    private readonly records: PrintRecordsRepository,
    private readonly engine: PrintEngine,
  ) {}

  onApplicationBootstrap(): void {
    if (this.env.PRINT_ROLE === 'api') return;
    this.connection = redisConnection(this.env.REDIS_URL);
    this.worker = new Worker<PrintJobData>(PRINT_QUEUE, (job) => this.process(job), {
      connection: this.connection,
      prefix: queuePrefix(this.env),
      concurrency: this.env.PRINT_CONCURRENCY,
      stalledInterval: 15_000,
    });
    this.worker.on('failed', (job, err) => {
      if (!job) return;
      const final = job.attemptsMade >= (job.opts.attempts ?? 1);
      this.logger.warn(
        { err, jobId: job.id, attempt: job.attemptsMade, final },
        'print job failed',
      );
      if (final)
        void this.records.markFailed(job.data.agreementId, job.data.renderVersion, err.message);
    });
    this.logger.log(`print worker started (concurrency ${this.env.PRINT_CONCURRENCY})`);
  }

  private process(job: Job<PrintJobData>): Promise<string> {
    return requestContextStorage.run({ correlationId: `print-${job.id}`, principal: null }, () =>
      this.render.execute(job.data.agreementId, job.data.renderVersion),
    );
  }

  /** Finishes the jobs in hand (BullMQ's close waits for them), then closes the browser. */
  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
    await this.connection?.quit().catch(() => undefined);
    await this.engine.close();
  }
}
