import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { EventEnvelope, ServiceName } from '@netsign/contracts';
import { natsServers } from '@netsign/config';
import { BusNames, ensureEventStream } from '@netsign/messaging';

/**
 * Reads everything a service publishes into its stream, from the start, without acking into any
 * service's durable consumer: lets a test wait for an event or prove that one never came.
 */
export class EventProbe {
  readonly events: EventEnvelope[] = [];
  private stopped = false;
  private constructor(private readonly nc: NatsConnection) {}

  static async start(
    natsUrl: string,
    busPrefix: string,
    service: ServiceName,
    { replicas = 1 }: { replicas?: number } = {},
  ): Promise<EventProbe> {
    const nc = await connect({ servers: natsServers(natsUrl) });
    const names = new BusNames(busPrefix);
    const jsm = await jetstreamManager(nc);
    const stream = await ensureEventStream(jsm, names, service, { replicas });
    const probe = new EventProbe(nc);
    const info = await jsm.consumers.add(stream, {
      ack_policy: AckPolicy.None,
      deliver_policy: DeliverPolicy.All,
      inactive_threshold: 60_000_000_000,
    });
    const consumer = await jetstream(nc).consumers.get(stream, info.name);
    const messages = await consumer.consume();
    void (async () => {
      for await (const m of messages) {
        if (probe.stopped) break;
        probe.events.push(m.json<EventEnvelope>());
      }
    })();
    return probe;
  }

  ofType(type: string): EventEnvelope[] {
    return this.events.filter((e) => e.type === type);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.nc.close();
  }
}
