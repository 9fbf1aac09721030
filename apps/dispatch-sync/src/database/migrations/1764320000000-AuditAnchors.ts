import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit anchors the audited services publish (docs/audit-chain.md), kept here, outside the
 * schema of the service whose entries they vouch for. Kept as received: never changed, never deleted.
 */
export class AuditAnchors1764320000000 implements MigrationInterface {
  name = 'AuditAnchors1764320000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE audit_anchors (
        service      text NOT NULL,
        sequence     integer NOT NULL,
        day          date NOT NULL,
        anchored_at  timestamptz NOT NULL,
        format       text NOT NULL,
        root         text NOT NULL,
        chains       integer NOT NULL,
        entries      bigint NOT NULL,
        event_id     uuid NOT NULL,
        received_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (service, sequence)
      )`);
    await runner.query(`
      CREATE FUNCTION audit_anchors_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit anchors are immutable'; END $$`);
    await runner.query(`
      CREATE TRIGGER audit_anchors_no_change BEFORE UPDATE OR DELETE ON audit_anchors
      FOR EACH ROW EXECUTE FUNCTION audit_anchors_immutable()`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE audit_anchors`);
    await runner.query(`DROP FUNCTION audit_anchors_immutable()`);
  }
}
