import { randomBytes } from 'node:crypto';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Agreements with their history, the graduate projection (roster facts from identity + the
 * destination signing owns), destination audit, QR cards and their key. One active agreement per
 * graduate is the partial unique index, not only a check in code.
 */
export class Agreements1764290000000 implements MigrationInterface {
  name = 'Agreements1764290000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE graduates (
        graduate_id            text PRIMARY KEY,
        school_code            text NOT NULL,
        department_code        text NOT NULL,
        source_info_confirmed  boolean NOT NULL DEFAULT false,
        destination            text NOT NULL DEFAULT 'AWAITING_EMPLOYMENT',
        destination_note       text,
        snapshot               jsonb NOT NULL,
        updated_at             timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX graduates_school ON graduates (school_code, department_code)`);
    await runner.query(`
      CREATE TABLE destination_changes (
        id            bigserial PRIMARY KEY,
        graduate_id   text NOT NULL REFERENCES graduates (graduate_id),
        from_value    text NOT NULL,
        to_value      text NOT NULL,
        reason        text,
        agreement_id  uuid,
        actor         jsonb,
        at            timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(
      `CREATE INDEX destination_changes_graduate ON destination_changes (graduate_id, id)`,
    );
    await runner.query(`CREATE SEQUENCE agreement_no_seq`);
    await runner.query(`
      CREATE TABLE agreements (
        id               uuid PRIMARY KEY,
        agreement_no     text NOT NULL UNIQUE,
        method           text NOT NULL,
        status           text NOT NULL,
        graduate_id      text NOT NULL,
        school_code      text NOT NULL,
        department_code  text NOT NULL,
        employer_id      text NOT NULL,
        offer_id         uuid UNIQUE,
        snapshot         jsonb NOT NULL,
        signed_at        timestamptz NOT NULL,
        version          integer NOT NULL,
        updated_at       timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT agreements_status CHECK (status IN ('PENDING_REVIEW', 'APPROVED', 'REJECTED', 'TERMINATED')),
        CONSTRAINT agreements_method CHECK (method IN ('RECRUITING', 'EMPLOYER_DIRECT', 'QR_CARD'))
      )`);
    await runner.query(`
      CREATE UNIQUE INDEX agreements_one_active_per_graduate ON agreements (graduate_id)
       WHERE status IN ('PENDING_REVIEW', 'APPROVED')`);
    await runner.query(
      `CREATE INDEX agreements_employer ON agreements (employer_id, signed_at DESC)`,
    );
    await runner.query(
      `CREATE INDEX agreements_scope ON agreements (school_code, department_code, signed_at DESC)`,
    );
    await runner.query(
      `CREATE INDEX agreements_graduate ON agreements (graduate_id, signed_at DESC)`,
    );
    await runner.query(`
      CREATE TABLE agreement_history (
        id            bigserial PRIMARY KEY,
        agreement_id  uuid NOT NULL REFERENCES agreements (id),
        at            timestamptz NOT NULL,
        actor         jsonb,
        from_status   text,
        to_status     text NOT NULL,
        reason        text
      )`);
    await runner.query(
      `CREATE INDEX agreement_history_agreement ON agreement_history (agreement_id, id)`,
    );
    await runner.query(`
      CREATE TABLE qr_cards (
        id           uuid PRIMARY KEY,
        graduate_id  text NOT NULL,
        expires_at   timestamptz NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE TABLE qr_card_keys (id integer PRIMARY KEY, secret bytea NOT NULL)`);
    // The key that signs QR cards: random, generated here, never leaves the schema.
    await runner.query(`INSERT INTO qr_card_keys (id, secret) VALUES (1, $1)`, [randomBytes(32)]);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of [
      'qr_card_keys',
      'qr_cards',
      'agreement_history',
      'agreements',
      'destination_changes',
      'graduates',
    ]) {
      await runner.query(`DROP TABLE IF EXISTS ${table}`);
    }
    await runner.query(`DROP SEQUENCE IF EXISTS agreement_no_seq`);
  }
}
