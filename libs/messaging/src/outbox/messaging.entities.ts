import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * The outbox, inbox and parked-event tables every service keeps in its own schema
 * (`createMessagingTables`, each service's first migration). The runtime adds these entities to
 * every service's data source, so each service's drift test covers them too.
 */

/** Table `outbox`: events written in the business transaction, published by the relay. */
// The partial index of unpublished rows as the migration made it: named here, shaped there.
@Index('outbox_unpublished', { synchronize: false })
@Unique('outbox_id_key', ['id'])
@Entity({ name: 'outbox' })
export class OutboxEntity {
  /** bigserial: TypeORM reads a bigint as a string. */
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  seq!: string;

  @Column({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text' })
  subject!: string;

  @Column({ type: 'jsonb' })
  envelope!: Record<string, unknown>;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;
}

/** Table `inbox`: the events a consumer has handled (its idempotency record). */
@Entity({ name: 'inbox' })
export class InboxEntity {
  @PrimaryColumn({ type: 'text' })
  consumer!: string;

  @PrimaryColumn({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @Column({ name: 'processed_at', type: 'timestamptz', default: () => 'now()' })
  processedAt!: Date;
}

/** Table `parked_events`: events a consumer gave up on, kept for an operator to replay. */
@Entity({ name: 'parked_events' })
export class ParkedEventEntity {
  /** bigserial: TypeORM reads a bigint as a string. */
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column({ type: 'text' })
  consumer!: string;

  @Column({ type: 'text' })
  subject!: string;

  @Column({ name: 'event_id', type: 'uuid', nullable: true })
  eventId!: string | null;

  @Column({ type: 'text' })
  data!: string;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'integer' })
  deliveries!: number;

  @Column({ name: 'parked_at', type: 'timestamptz', default: () => 'now()' })
  parkedAt!: Date;

  @Column({ name: 'replayed_at', type: 'timestamptz', nullable: true })
  replayedAt!: Date | null;
}

export const messagingEntities = [OutboxEntity, InboxEntity, ParkedEventEntity];
