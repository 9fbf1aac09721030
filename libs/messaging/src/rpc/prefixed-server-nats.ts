import { ServerNats, type NatsOptions } from '@nestjs/microservices';
import { CompressingNatsSerializer } from './compressing-serializer.js';

type NatsClient = Parameters<ServerNats['bindEvents']>[0];
type ServerNatsOptions = NonNullable<NatsOptions['options']>;

/**
 * Nest's NATS server, subscribing every pattern under the bus prefix, all in one queue group
 * named after the service so that replicas share requests.
 */
export class PrefixedServerNats extends ServerNats {
  constructor(
    private readonly prefix: string,
    private readonly serverOptions: ServerNatsOptions & { queue: string },
  ) {
    super({ ...serverOptions, serializer: new CompressingNatsSerializer() });
  }

  override bindEvents(client: NatsClient): void {
    // `subscriptions` is private in the typings; Nest's close() unsubscribes them on shutdown.
    const subscriptions = (this as unknown as { subscriptions: unknown[] }).subscriptions;
    for (const pattern of this.messageHandlers.keys()) {
      const subject = this.prefix ? `${this.prefix}.${pattern}` : pattern;
      subscriptions.push(
        client.subscribe(subject, {
          queue: this.serverOptions.queue,
          callback: this.getMessageHandler(pattern).bind(this),
        }),
      );
    }
  }
}
