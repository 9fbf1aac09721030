import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Signing's own view of employers and positions, kept from identity's and recruiting's events, so
 * that signing snapshots them without asking either service at every signing.
 */
export class PartyProjections1764300000000 implements MigrationInterface {
  name = 'PartyProjections1764300000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE employers (
        employer_id  text PRIMARY KEY,
        snapshot     jsonb NOT NULL,
        updated_at   timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE positions (
        position_id  text PRIMARY KEY,
        employer_id  text NOT NULL,
        title        text NOT NULL,
        location     text NOT NULL,
        status       text NOT NULL,
        revision     integer NOT NULL,
        updated_at   timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE positions`);
    await runner.query(`DROP TABLE employers`);
  }
}
