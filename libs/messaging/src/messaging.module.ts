import { Global, Module, type DynamicModule } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { BusNames } from './bus-names.js';
import { MESSAGING_OPTIONS, NATS_CONNECTION, type MessagingOptions } from './messaging.tokens.js';
import { MessagingRuntime } from './messaging.runtime.js';
import { connectNats, type NatsConnection } from './nats.js';
import { createPlatformController } from './platform.controller.js';
import { BusClient } from './rpc/bus-client.js';
import { RpcContextInterceptor } from './rpc/rpc-context.interceptor.js';

/** The backbone for one service: bus client, outbox relay, consumers, health and parked events. */
@Global()
@Module({})
export class MessagingModule {
  static forService(options: MessagingOptions): DynamicModule {
    return {
      module: MessagingModule,
      imports: [DiscoveryModule],
      controllers: [createPlatformController(options.service)],
      providers: [
        { provide: MESSAGING_OPTIONS, useValue: options },
        { provide: BusNames, useValue: new BusNames(options.env.BUS_PREFIX) },
        {
          provide: NATS_CONNECTION,
          useFactory: () => connectNats(options.env.NATS_URL, `${options.service}-bus`),
        },
        {
          provide: BusClient,
          inject: [NATS_CONNECTION, BusNames],
          useFactory: (nc: NatsConnection, names: BusNames) =>
            new BusClient(nc, names, options.env.BUS_REQUEST_TIMEOUT_MS),
        },
        RpcContextInterceptor,
        MessagingRuntime,
      ],
      exports: [BusClient, BusNames, NATS_CONNECTION, MESSAGING_OPTIONS, MessagingRuntime],
    };
  }
}
