import {
  Global,
  Inject,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
} from '@nestjs/common';
import {
  BusClient,
  BusNames,
  connectNats,
  NATS_CONNECTION,
  type NatsConnection,
} from '@netsign/messaging/client';
import type { GatewayEnv } from '../gateway.env.js';

class NatsCloser implements OnApplicationShutdown {
  constructor(@Inject(NATS_CONNECTION) private readonly nc: NatsConnection) {}
  async onApplicationShutdown(): Promise<void> {
    await this.nc.drain().catch(() => undefined);
  }
}

/** The gateway's only way to the services: request-reply over NATS. */
@Global()
@Module({})
export class BusModule {
  static forRoot(env: GatewayEnv): DynamicModule {
    return {
      module: BusModule,
      providers: [
        { provide: BusNames, useValue: new BusNames(env.BUS_PREFIX) },
        { provide: NATS_CONNECTION, useFactory: () => connectNats(env.NATS_URL, 'gateway') },
        {
          provide: BusClient,
          inject: [NATS_CONNECTION, BusNames],
          useFactory: (nc: NatsConnection, names: BusNames) =>
            new BusClient(nc, names, env.BUS_REQUEST_TIMEOUT_MS),
        },
        NatsCloser,
      ],
      exports: [BusClient, BusNames, NATS_CONNECTION],
    };
  }
}
