import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PrintRecords1764300000000 implements MigrationInterface {
  name = 'PrintRecords1764300000000';

  async up(runner: QueryRunner): Promise<void> {
    // One row per approved agreement (协议书打印管理); the snapshot is what gets printed.
    await runner.query(`
      CREATE TABLE print_records (
        agreement_id      uuid PRIMARY KEY,
        agreement_no      text NOT NULL,
        school_code       text NOT NULL,
        department_code   text NOT NULL,
        employer_id       text NOT NULL,
        graduate_id       text NOT NULL,
        graduate_name     text NOT NULL,
        employer_name     text NOT NULL,
        agreement_status  text NOT NULL,
        snapshot          jsonb NOT NULL,
        approved_at       timestamptz NOT NULL,
        status            text NOT NULL CHECK (status IN ('QUEUED', 'READY', 'FAILED')),
        render_version    integer NOT NULL DEFAULT 1,
        content_hash      text,
        file_path         text,
        file_sha256       text,
        size              integer,
        rendered_at       timestamptz,
        last_error        text,
        created_at        timestamptz NOT NULL DEFAULT now(),
        updated_at        timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(
      `CREATE INDEX print_records_scope ON print_records (school_code, department_code, created_at)`,
    );
    await runner.query(
      `CREATE INDEX print_records_employer ON print_records (employer_id, created_at)`,
    );
    await runner.query(
      `CREATE INDEX print_records_queued ON print_records (created_at) WHERE status = 'QUEUED'`,
    );
    await runner.query(`
      CREATE TABLE print_history (
        id            bigserial PRIMARY KEY,
        agreement_id  uuid NOT NULL REFERENCES print_records (agreement_id),
        at            timestamptz NOT NULL DEFAULT now(),
        actor         jsonb,
        action        text NOT NULL
      )`);
    await runner.query(`CREATE INDEX print_history_agreement ON print_history (agreement_id, at)`);
    await runner.query(`
      CREATE TABLE verification_keys (
        kid         text PRIMARY KEY,
        private_pem text NOT NULL,
        public_jwk  jsonb NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now(),
        retired_at  timestamptz
      )`);
    await runner.query(`
      CREATE TABLE verification_scans (
        id            bigserial PRIMARY KEY,
        at            timestamptz NOT NULL DEFAULT now(),
        token_sha256  text NOT NULL,
        client        text,
        result        text NOT NULL,
        agreement_no  text,
        copy          text
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE verification_scans`);
    await runner.query(`DROP TABLE verification_keys`);
    await runner.query(`DROP TABLE print_history`);
    await runner.query(`DROP TABLE print_records`);
  }
}
