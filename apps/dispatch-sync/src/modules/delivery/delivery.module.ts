import {
  Inject,
  Injectable,
  Module,
  type BeforeApplicationShutdown,
  type DynamicModule,
  type FactoryProvider,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { CommonEnv } from '@netsign/config';
import { DataSource } from 'typeorm';
import type { DeliveryEnv } from './delivery.env.js';
import { DispatchDelivery } from './dispatch-delivery.js';
import { RecordLogRepository } from './record-log.repository.js';

/** `(graduateId) => Promise<idNumber>`: provided by the importer (identity over NATS). */
export const RESOLVE_ID_NUMBER = Symbol('RESOLVE_ID_NUMBER');
export type ResolveIdNumber = (graduateId: string) => Promise<string>;

/** Starts the loop once the app is up; stops it (letting sends in flight finish) before shutdown. */
@Injectable()
class DeliveryLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(@Inject(DispatchDelivery) private readonly delivery: DispatchDelivery) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.delivery.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.delivery.stop();
  }
}

/**
 * Provides DispatchDelivery (running) and RecordLogRepository. `resolveIdNumber` is a factory
 * provider without `provide`, e.g. `{ inject: [BusClient], useFactory: (bus) => (id) => ... }`.
 */
@Module({})
export class DeliveryModule {
  static register(options: {
    env: CommonEnv & DeliveryEnv;
    schema: string;
    resolveIdNumber: Omit<FactoryProvider<ResolveIdNumber>, 'provide'>;
  }): DynamicModule {
    const { env, schema } = options;
    return {
      module: DeliveryModule,
      providers: [
        { provide: RESOLVE_ID_NUMBER, ...options.resolveIdNumber },
        {
          provide: RecordLogRepository,
          inject: [DataSource],
          useFactory: (ds: DataSource) => new RecordLogRepository(ds),
        },
        {
          provide: DispatchDelivery,
          inject: [RESOLVE_ID_NUMBER],
          useFactory: (resolveIdNumber: ResolveIdNumber) =>
            new DispatchDelivery({
              databaseUrl: env.DATABASE_URL,
              schema,
              provinceUrl: env.PROVINCE_DISPATCH_URL,
              secret: env.PROVINCE_DISPATCH_SECRET,
              resolveIdNumber,
              concurrency: env.DISPATCH_CONCURRENCY,
              requestTimeoutMs: env.DISPATCH_REQUEST_TIMEOUT_MS,
              maxAttempts: env.DISPATCH_MAX_ATTEMPTS,
              baseDelayMs: env.DISPATCH_RETRY_BASE_MS,
              maxDelayMs: env.DISPATCH_RETRY_MAX_MS,
            }),
        },
        DeliveryLifecycle,
      ],
      exports: [DispatchDelivery, RecordLogRepository],
    };
  }
}
