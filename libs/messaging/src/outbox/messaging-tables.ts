import type { QueryRunner } from 'typeorm';

/**
 * The outbox, inbox and parked-event tables every service keeps in its own schema. Each service's
 * first migration calls these, so the tables are versioned with the service.
 */
export async function createMessagingTables(runner: QueryRunner): Promise<void> {
  await runner.query(`
    CREATE TABLE outbox (
      seq          bigserial PRIMARY KEY,
      id           uuid NOT NULL UNIQUE,
      subject      text NOT NULL,
      envelope     jsonb NOT NULL,
      created_at   timestamptz NOT NULL DEFAULT now(),
      published_at timestamptz
    )`);
  await runner.query(`CREATE INDEX outbox_unpublished ON outbox (seq) WHERE published_at IS NULL`);
  await runner.query(`
    CREATE TABLE inbox (
      consumer     text NOT NULL,
      event_id     uuid NOT NULL,
      processed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (consumer, event_id)
    )`);
  await runner.query(`
    CREATE TABLE parked_events (
      id          bigserial PRIMARY KEY,
      consumer    text NOT NULL,
      subject     text NOT NULL,
      event_id    uuid,
      data        text NOT NULL,
      reason      text NOT NULL,
      deliveries  integer NOT NULL,
      parked_at   timestamptz NOT NULL DEFAULT now(),
      replayed_at timestamptz
    )`);
}

export async function dropMessagingTables(runner: QueryRunner): Promise<void> {
  await runner.query(`DROP TABLE IF EXISTS parked_events`);
  await runner.query(`DROP TABLE IF EXISTS inbox`);
  await runner.query(`DROP TABLE IF EXISTS outbox`);
}
