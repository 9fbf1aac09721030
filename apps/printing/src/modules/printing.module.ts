import {
  Inject,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PRINTING_ENV, type PrintingEnv } from '../printing.env.js';
import { IssuedPdfsRepository } from './pdf-signing/issued-pdfs.repository.js';
import { PdfFileVerificationNatsController } from './pdf-signing/pdf-file-verification.nats.controller.js';
import { PdfSigningCertificatesRepository } from './pdf-signing/pdf-signing-certificates.repository.js';
import { PdfSigningKeysService } from './pdf-signing/pdf-signing-keys.service.js';
import { VerifyPdfFileUseCase } from './pdf-signing/verify-pdf-file.use-case.js';
import { PrintQueue } from './print-jobs/print-queue.js';
import { PrintWorkerService } from './print-jobs/print-worker.service.js';
import { RenderAgreementUseCase } from './print-jobs/render-agreement.use-case.js';
import { PrintEngine } from './print-jobs/print-engine.js';
import { ListPrintRecordsUseCase } from './print-records/list-print-records.use-case.js';
import { OpenPrintPdfUseCase } from './print-records/open-print-pdf.use-case.js';
import { PrintManagementSubscriber } from './print-records/print-management.subscriber.js';
import { PrintRecordAccess } from './print-records/print-record-access.js';
import { PrintRecordsNatsController } from './print-records/print-records.nats.controller.js';
import { PrintRecordsRepository } from './print-records/print-records.repository.js';
import { ReadPrintPdfChunkUseCase } from './print-records/read-print-pdf-chunk.use-case.js';
import { RerenderPrintRecordUseCase } from './print-records/rerender-print-record.use-case.js';
import { printingEntities } from './printing.entities.js';
import { VerificationKeysRepository } from './verification/verification-keys.repository.js';
import { VerificationKeysService } from './verification/verification-keys.service.js';
import { VerificationScansRepository } from './verification/verification-scans.repository.js';
import { VerificationNatsController } from './verification/verification.nats.controller.js';
import { VerifyTokenUseCase } from './verification/verify-token.use-case.js';

/**
 * Re-enqueues records left QUEUED (a lost after-commit enqueue, Redis that lost its jobs): at boot
 * and then every minute for records queued for more than two minutes. Job ids make it harmless.
 */
class QueuedRecordsSweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('QueuedRecordsSweep');
  private timer: NodeJS.Timeout | null = null;
  constructor(
    private readonly records: PrintRecordsRepository,
    private readonly queue: PrintQueue,
    @Inject(PRINTING_ENV) private readonly env: PrintingEnv,
  ) {}
  async onApplicationBootstrap(): Promise<void> {
    if (this.env.PRINT_ROLE === 'worker') return;
    await this.sweep(0);
    this.timer = setInterval(
      () => void this.sweep(120).catch((err: unknown) => this.logger.warn({ err }, 'sweep failed')),
      60_000,
    );
    this.timer.unref();
  }
  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }
  private async sweep(olderThanSeconds: number): Promise<void> {
    const queued = await this.records.queued(olderThanSeconds);
    for (const r of queued) await this.queue.enqueue(r.agreementId, r.renderVersion);
    if (queued.length) this.logger.log(`re-enqueued ${queued.length} queued print record(s)`);
  }
}

@Module({
  imports: [TypeOrmModule.forFeature(printingEntities)],
  controllers: [
    PrintRecordsNatsController,
    VerificationNatsController,
    PdfFileVerificationNatsController,
  ],
  providers: [
    PrintRecordsRepository,
    IssuedPdfsRepository,
    PdfSigningCertificatesRepository,
    VerificationKeysRepository,
    VerificationScansRepository,
    PrintQueue,
    VerificationKeysService,
    PdfSigningKeysService,
    PrintRecordAccess,
    ListPrintRecordsUseCase,
    OpenPrintPdfUseCase,
    ReadPrintPdfChunkUseCase,
    RerenderPrintRecordUseCase,
    VerifyTokenUseCase,
    VerifyPdfFileUseCase,
    RenderAgreementUseCase,
    PrintEngine,
    PrintManagementSubscriber,
    PrintWorkerService,
    QueuedRecordsSweep,
  ],
})
export class PrintingModule {}
