import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Positions, resumes, applications, interview invitations and signing offers. */
export class Recruiting1764290000000 implements MigrationInterface {
  name = 'Recruiting1764290000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE positions (
        id            uuid PRIMARY KEY,
        employer_id   text NOT NULL,
        title         text NOT NULL,
        location      text NOT NULL,
        headcount     integer NOT NULL,
        salary_range  text NOT NULL,
        description   text NOT NULL,
        status        text NOT NULL DEFAULT 'OPEN',
        created_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(
      `CREATE INDEX positions_employer ON positions (employer_id, created_at DESC)`,
    );
    await runner.query(
      `CREATE INDEX positions_recent ON positions (created_at DESC) WHERE status = 'OPEN'`,
    );
    await runner.query(`
      CREATE TABLE resumes (
        graduate_id  text PRIMARY KEY,
        content      jsonb NOT NULL,
        updated_at   timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE applications (
        id            uuid PRIMARY KEY,
        position_id   uuid NOT NULL REFERENCES positions (id),
        employer_id   text NOT NULL,
        graduate_id   text NOT NULL,
        resume        jsonb NOT NULL,
        status        text NOT NULL,
        submitted_at  timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT applications_once UNIQUE (position_id, graduate_id)
      )`);
    await runner.query(
      `CREATE INDEX applications_employer ON applications (employer_id, submitted_at DESC)`,
    );
    await runner.query(
      `CREATE INDEX applications_graduate ON applications (graduate_id, submitted_at DESC)`,
    );
    await runner.query(`
      CREATE TABLE interview_invitations (
        id              uuid PRIMARY KEY,
        application_id  uuid NOT NULL REFERENCES applications (id),
        position_id     uuid NOT NULL,
        employer_id     text NOT NULL,
        graduate_id     text NOT NULL,
        at              timestamptz NOT NULL,
        place           text NOT NULL,
        note            text NOT NULL,
        respond_by      timestamptz,
        status          text NOT NULL,
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(
      `CREATE INDEX invitations_application ON interview_invitations (application_id)`,
    );
    await runner.query(
      `CREATE INDEX invitations_graduate ON interview_invitations (graduate_id, created_at DESC)`,
    );
    await runner.query(
      `CREATE INDEX invitations_employer ON interview_invitations (employer_id, created_at DESC)`,
    );
    await runner.query(`
      CREATE TABLE signing_offers (
        id             uuid PRIMARY KEY,
        invitation_id  uuid REFERENCES interview_invitations (id),
        employer_id    text NOT NULL,
        graduate_id    text NOT NULL,
        position       jsonb NOT NULL,
        terms          jsonb NOT NULL,
        status         text NOT NULL,
        expires_at     timestamptz,
        agreement_id   uuid,
        created_at     timestamptz NOT NULL DEFAULT now(),
        updated_at     timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(
      `CREATE INDEX offers_graduate ON signing_offers (graduate_id, created_at DESC)`,
    );
    await runner.query(
      `CREATE INDEX offers_employer ON signing_offers (employer_id, created_at DESC)`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const t of [
      'signing_offers',
      'interview_invitations',
      'applications',
      'resumes',
      'positions',
    ]) {
      await runner.query(`DROP TABLE IF EXISTS ${t}`);
    }
  }
}
