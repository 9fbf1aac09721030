import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DeliverPolicy, jetstream, jetstreamManager, type ConsumerMessages } from '@nats-io/jetstream';
import { eventEnvelopeSchema, graduateBindingReleased } from '@netsign/contracts';
import { BusNames, ensureEventStream, NATS_CONNECTION, type NatsConnection } from '@netsign/messaging';

/** No access token lives longer than this (identity's JWT_TTL_SECONDS is at most a day). */
const LOOKBACK_MS = 24 * 3600 * 1000;
const RETRY_MS = 2_000;

/**
 * Graduates whose WeChat binding was released, and when: the sessions issued to them before that
 * are refused at once, instead of living until they expire. Every gateway replica reads identity's
 * `graduate.binding-released` events of the last day into memory with an ordered (ephemeral)
 * JetStream consumer, and keeps reading new ones; nothing is stored.
 */
@Injectable()
export class RevokedSessions implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('RevokedSessions');
  /** graduateId → release time, whole seconds (tokens carry `iat` in seconds). */
  private readonly releasedAt = new Map<string, number>();
  private messages: ConsumerMessages | null = null;
  private stopped = false;
  private retry: NodeJS.Timeout | null = null;

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    private readonly names: BusNames,
  ) {}

  /**
   * Whether a graduate's token issued at `issuedAt` (seconds) was revoked since. Tokens carry whole
   * seconds: one of the very second of the release is refused too (a new binding is made later).
   */
  revoked(graduateId: string, issuedAt: number): boolean {
    const at = this.releasedAt.get(graduateId);
    return at !== undefined && issuedAt <= at;
  }

  onApplicationBootstrap(): void {
    void this.follow();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    await this.messages?.close().catch(() => undefined);
  }

  private async follow(): Promise<void> {
    try {
      const stream = await ensureEventStream(await jetstreamManager(this.nc), this.names, 'identity');
      const since = Date.now() - LOOKBACK_MS;
      const consumer = await jetstream(this.nc).consumers.get(stream, {
        filter_subjects: this.names.subject(graduateBindingReleased.subject),
        deliver_policy: DeliverPolicy.StartTime,
        opt_start_time: new Date(since).toISOString(),
      });
      this.messages = await consumer.consume();
      for await (const msg of this.messages) this.apply(msg.json());
    } catch (err) {
      if (this.stopped) return;
      this.logger.warn({ err }, 'cannot follow released bindings yet; retrying');
    }
    if (!this.stopped) {
      // The ordered consumer ended (connection lost, stream recreated): read again from the start.
      this.retry = setTimeout(() => void this.follow(), RETRY_MS);
      this.retry.unref();
    }
  }

  private apply(data: unknown): void {
    const parsed = eventEnvelopeSchema.safeParse(data);
    const payload = parsed.success ? graduateBindingReleased.payload.safeParse(parsed.data.payload) : null;
    if (!payload?.success) return;
    const at = Math.floor(Date.parse(payload.data.releasedAt) / 1000);
    if (at > (this.releasedAt.get(payload.data.graduateId) ?? 0)) this.releasedAt.set(payload.data.graduateId, at);
    // Entries older than any living token can go.
    const oldest = Math.floor((Date.now() - LOOKBACK_MS) / 1000);
    if (this.releasedAt.size > 10_000) {
      for (const [id, t] of this.releasedAt) if (t < oldest) this.releasedAt.delete(id);
    }
  }
}
