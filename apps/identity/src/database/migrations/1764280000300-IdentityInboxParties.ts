import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who an agreement concerns (learnt from signing's events) to address review's decisions; and
 * less index work per roster row, which a 100,000-row import feels: one foreign-key check
 * instead of two (the school is already checked through the (school, department) key), and the
 * openid uniqueness indexed only for bound graduates (most rows have none), and no index on the
 * blind index alone (look-ups go by school + student number, then compare the blind index).
 */
export class IdentityInboxParties1764280000300 implements MigrationInterface {
  name = 'IdentityInboxParties1764280000300';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE agreement_parties (
        agreement_id text PRIMARY KEY,
        graduate_id  text NOT NULL,
        employer_id  text NOT NULL
      )`);
    await runner.query(`ALTER TABLE graduates DROP CONSTRAINT graduates_school_code_fkey`);
    await runner.query(`ALTER TABLE graduates DROP CONSTRAINT graduates_wechat_open_id_key`);
    await runner.query(
      `CREATE UNIQUE INDEX graduates_wechat_open_id_key ON graduates (wechat_open_id) WHERE wechat_open_id IS NOT NULL`,
    );
    await runner.query(`DROP INDEX graduates_blind_index`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE INDEX graduates_blind_index ON graduates (id_blind_index)`);
    await runner.query(`DROP INDEX graduates_wechat_open_id_key`);
    await runner.query(
      `ALTER TABLE graduates ADD CONSTRAINT graduates_wechat_open_id_key UNIQUE (wechat_open_id)`,
    );
    await runner.query(
      `ALTER TABLE graduates ADD CONSTRAINT graduates_school_code_fkey FOREIGN KEY (school_code) REFERENCES schools(code)`,
    );
    await runner.query(`DROP TABLE agreement_parties`);
  }
}
