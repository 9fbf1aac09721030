import { randomUUID } from 'node:crypto';
import { Global, Module, type DynamicModule } from '@nestjs/common';
import { graduateIdNumber } from '@netsign/contracts';
import { BusClient, currentRequestContext, MessagingModule } from '@netsign/messaging';
import { PersistenceModule } from '@netsign/persistence';
import type { DataSource } from 'typeorm';
import { DISPATCH_ENV, type DispatchSyncEnv } from './dispatch-sync.env.js';
import { AuditAnchorsModule } from './modules/audit-anchors/audit-anchors.module.js';
import { DeliveryModule } from './modules/delivery/delivery.module.js';
import { DispatchNatsController } from './modules/dispatch/dispatch.nats.controller.js';
import { DispatchRecordsSubscriber } from './modules/dispatch/dispatch-records.subscriber.js';
import { StatisticsModule } from './modules/statistics/statistics.module.js';

@Global()
@Module({})
class DispatchEnvModule {
  static register(env: DispatchSyncEnv): DynamicModule {
    return {
      module: DispatchEnvModule,
      providers: [{ provide: DISPATCH_ENV, useValue: env }],
      exports: [DISPATCH_ENV],
    };
  }
}

@Module({})
export class AppModule {
  static register(env: DispatchSyncEnv, dataSource: DataSource): DynamicModule {
    const delivery = DeliveryModule.register({
      env,
      schema: 'dispatch_sync',
      // The full ID number, asked of identity when a record is sent, held only for that request.
      resolveIdNumber: {
        inject: [BusClient],
        useFactory: (bus: BusClient) => async (graduateId: string) =>
          (
            await bus.request(
              graduateIdNumber,
              { graduateId, purpose: 'DISPATCH' },
              {
                principal: { userId: 'dispatch-sync', role: 'SERVICE' },
                correlationId: currentRequestContext()?.correlationId ?? randomUUID(),
              },
            )
          ).idNumber,
      },
    });
    return {
      module: AppModule,
      imports: [
        DispatchEnvModule.register(env),
        PersistenceModule.forTypeOrm(dataSource),
        MessagingModule.forService({ service: 'dispatch-sync', env, schema: 'dispatch_sync' }),
        delivery,
        StatisticsModule,
        AuditAnchorsModule,
      ],
      controllers: [DispatchNatsController],
      providers: [DispatchRecordsSubscriber],
    };
  }
}
