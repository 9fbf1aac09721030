import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import {
  DeliverPolicy,
  jetstream,
  jetstreamManager,
  type ConsumerMessages,
} from '@nats-io/jetstream';
import {
  eventEnvelopeSchema,
  graduateBindingReleased,
  userSessionsRevoked,
  type EventContract,
} from '@netsign/contracts';
import {
  BusNames,
  ensureEventStream,
  NATS_CONNECTION,
  type NatsConnection,
} from '@netsign/messaging/client';
import type { GatewayEnv } from '../../gateway.env.js';
import { GATEWAY_ENV } from '../../gateway.tokens.js';
import { RevocationMap, REVOCATION_LOOKBACK_MS, type TokenSession } from './revocation-map.js';

const RETRY_MS = 2_000;

/**
 * Sessions that must end before their tokens expire. Every gateway replica reads, into memory,
 * identity's events of the last day with ordered (ephemeral) JetStream consumers, and keeps
 * reading new ones; nothing is stored:
 * - `graduate.binding-released`: a graduate's WeChat binding was released (by graduate id);
 * - `user.sessions-revoked`: a password account was deactivated, changed its password or its
 *   department (by user id = the token's subject).
 * One consumer per event type: NATS 2.9 takes one filter subject per consumer, and the only
 * wildcard covering both (`identity.evt.>`) would also carry every roster import's events.
 */
@Injectable()
export class RevokedSessions implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('RevokedSessions');
  private readonly releasedGraduates = new RevocationMap();
  private readonly revokedUsers = new RevocationMap();
  private readonly consumers = new Set<ConsumerMessages>();
  private readonly retries = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    private readonly names: BusNames,
    @Inject(GATEWAY_ENV) private readonly env: GatewayEnv,
  ) {}

  /** Whether a graduate's token belongs to a binding that was released since. */
  revoked(graduateId: string, token: TokenSession): boolean {
    return this.releasedGraduates.revoked(graduateId, token);
  }

  /** Whether a password account's token belongs to sessions revoked since. */
  userRevoked(userId: string, token: TokenSession): boolean {
    return this.revokedUsers.revoked(userId, token);
  }

  onApplicationBootstrap(): void {
    void this.follow(graduateBindingReleased, (p) =>
      this.releasedGraduates.record(p.graduateId, Date.parse(p.releasedAt), p.sessionVersion),
    );
    void this.follow(userSessionsRevoked, (p) =>
      this.revokedUsers.record(p.userId, Date.parse(p.revokedAt), p.sessionVersion),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    for (const retry of this.retries) clearTimeout(retry);
    await Promise.all([...this.consumers].map((m) => m.close().catch(() => undefined)));
  }

  private async follow<P>(contract: EventContract<P>, apply: (payload: P) => void): Promise<void> {
    let messages: ConsumerMessages | null = null;
    try {
      const stream = await ensureEventStream(
        await jetstreamManager(this.nc),
        this.names,
        'identity',
        {
          replicas: this.env.JETSTREAM_REPLICAS,
        },
      );
      const consumer = await jetstream(this.nc).consumers.get(stream, {
        filter_subjects: this.names.subject(contract.subject),
        deliver_policy: DeliverPolicy.StartTime,
        opt_start_time: new Date(Date.now() - REVOCATION_LOOKBACK_MS).toISOString(),
      });
      messages = await consumer.consume();
      this.consumers.add(messages);
      if (this.stopped) await messages.close();
      for await (const msg of messages) {
        const envelope = eventEnvelopeSchema.safeParse(msg.json());
        const payload = envelope.success ? contract.payload.safeParse(envelope.data.payload) : null;
        if (payload?.success) apply(payload.data);
      }
    } catch (err) {
      if (this.stopped) return;
      this.logger.warn(
        { err, subject: contract.subject },
        'cannot follow revoked sessions yet; retrying',
      );
    } finally {
      if (messages) this.consumers.delete(messages);
    }
    if (!this.stopped) {
      // The ordered consumer ended (connection lost, stream recreated): read again from the start.
      const retry = setTimeout(() => {
        this.retries.delete(retry);
        void this.follow(contract, apply);
      }, RETRY_MS);
      retry.unref();
      this.retries.add(retry);
    }
  }
}
