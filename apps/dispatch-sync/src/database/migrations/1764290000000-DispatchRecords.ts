import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbound record log to the provincial dispatch system and its delivery state. The body
 * never holds the national ID number (a CHECK refuses it): that is fetched at send time.
 */
export class DispatchRecords1764290000000 implements MigrationInterface {
  name = 'DispatchRecords1764290000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE dispatch_records (
        id                uuid PRIMARY KEY,
        graduate_key      text NOT NULL,
        graduate_id       text NOT NULL,
        graduate_sequence integer NOT NULL CHECK (graduate_sequence >= 1),
        kind              text NOT NULL CHECK (kind IN ('EMPLOYMENT', 'TERMINATION')),
        body              jsonb NOT NULL CONSTRAINT dispatch_records_no_id_number CHECK (NOT body ? 'idNumber'),
        status            text NOT NULL DEFAULT 'PENDING'
                          CHECK (status IN ('PENDING', 'DELIVERING', 'DELIVERED', 'DEAD')),
        attempts          integer NOT NULL DEFAULT 0,
        next_attempt_at   timestamptz NOT NULL DEFAULT now(),
        claim_token       uuid,
        claimed_by        integer,
        lease_until       timestamptz,
        last_error        text,
        last_response     jsonb,
        created_at        timestamptz NOT NULL DEFAULT now(),
        delivered_at      timestamptz,
        CONSTRAINT dispatch_records_graduate_sequence UNIQUE (graduate_key, graduate_sequence),
        CONSTRAINT dispatch_records_claim CHECK ((status = 'DELIVERING') = (claim_token IS NOT NULL))
      )`);
    // What the delivery loop scans: only records still to send, by due time.
    await runner.query(`
      CREATE INDEX dispatch_records_due ON dispatch_records (next_attempt_at)
       WHERE status IN ('PENDING', 'DELIVERING')`);
    // Operators' lists by state and the backlog metrics.
    await runner.query(
      `CREATE INDEX dispatch_records_status ON dispatch_records (status, created_at)`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE IF EXISTS dispatch_records`);
  }
}
