import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Statistics1764300000000 implements MigrationInterface {
  name = 'Statistics1764300000000';

  async up(runner: QueryRunner): Promise<void> {
    // Where each graduate counts (fed by roster events), so later events find their school/department.
    await runner.query(`
      CREATE TABLE stats_graduates (
        graduate_id     text PRIMARY KEY,
        school_code     text NOT NULL,
        department_code text NOT NULL
      )`);
    await runner.query(`
      CREATE TABLE stats_units (
        school_code     text NOT NULL,
        department_code text NOT NULL,
        school_name     text NOT NULL,
        department_name text NOT NULL,
        PRIMARY KEY (school_code, department_code)
      )`);
    // Counters kept up to date by events: reading them costs the same at 1,000 or 1,000,000 agreements.
    await runner.query(`
      CREATE TABLE stats_counters (
        school_code     text NOT NULL,
        department_code text NOT NULL,
        metric          text NOT NULL,
        value           bigint NOT NULL DEFAULT 0,
        PRIMARY KEY (school_code, department_code, metric)
      )`);
    await runner.query(`
      CREATE TABLE stats_snapshots (
        day         date NOT NULL,
        school_code text NOT NULL,
        data        jsonb NOT NULL,
        taken_at    timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (day, school_code)
      )`);
    // Snapshots never change once taken.
    await runner.query(`
      CREATE FUNCTION stats_snapshots_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'statistics snapshots are immutable'; END $$`);
    await runner.query(`
      CREATE TRIGGER stats_snapshots_no_change BEFORE UPDATE OR DELETE ON stats_snapshots
      FOR EACH ROW EXECUTE FUNCTION stats_snapshots_immutable()`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE stats_snapshots`);
    await runner.query(`DROP FUNCTION stats_snapshots_immutable()`);
    await runner.query(`DROP TABLE stats_counters`);
    await runner.query(`DROP TABLE stats_units`);
    await runner.query(`DROP TABLE stats_graduates`);
  }
}
