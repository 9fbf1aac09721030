import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { runService, type RunningService } from '@netsign/runtime';
import { createTestEnv, type TestEnv } from '@netsign/testing';
import { StandardCodes1764330000000 } from '../src/database/migrations/1764330000000-StandardCodes.js';
import { signingService } from '../src/signing.service.js';

/** Signing's standard-codes migration on rows that were there before it (docs/standard-codes.md). */
describe('signing standard-codes migration', () => {
  let env: TestEnv;
  let signing: RunningService<unknown>;
  const query = (sql: string) => signing.dataSource.query(sql);

  beforeAll(async () => {
    env = await createTestEnv('signing_codes');
    signing = await runService(signingService, env.vars);
  });
  afterAll(async () => {
    await signing?.close();
    await env?.dispose();
  });

  it('codes destinations by category and employers by exact names, and lists the rest', async () => {
    const migration = new StandardCodes1764330000000();
    const runner = signing.dataSource.createQueryRunner();
    try {
      await migration.down(runner);
      const snapshot = (nature: string, industry: string) =>
        JSON.stringify({ employerId: 'x', name: '单位', nature, industry }).replace(/'/g, "''");
      await runner.query(`
        INSERT INTO graduates (graduate_id, school_code, department_code, destination, snapshot) VALUES
          ('g1', 'S1', 'CS', 'AWAITING_EMPLOYMENT', '{}'), ('g2', 'S1', 'CS', 'FURTHER_STUDY', '{}'),
          ('g3', 'S1', 'CS', 'OTHER', '{}')`);
      await runner.query(`
        INSERT INTO employers (employer_id, snapshot) VALUES
          ('e1', '${snapshot('国有企业', '制造业')}'), ('e2', '${snapshot('民营企业', '信息技术')}')`);
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    expect(
      await query(`SELECT graduate_id, destination_code FROM graduates ORDER BY graduate_id`),
    ).toEqual([
      { graduate_id: 'g1', destination_code: '70' },
      { graduate_id: 'g2', destination_code: '80' },
      { graduate_id: 'g3', destination_code: null },
    ]);
    expect(
      await query(
        `SELECT employer_id, snapshot->>'natureCode' AS nature, snapshot->>'industryCode' AS industry
           FROM employers ORDER BY employer_id`,
      ),
    ).toEqual([
      { employer_id: 'e1', nature: '31', industry: 'C' },
      { employer_id: 'e2', nature: null, industry: null },
    ]);
    expect(
      await query(
        `SELECT table_name, row_id, field, text FROM standard_codes_unmapped ORDER BY table_name, row_id, field`,
      ),
    ).toEqual([
      { table_name: 'employers', row_id: 'e2', field: 'industry', text: '信息技术' },
      { table_name: 'employers', row_id: 'e2', field: 'nature', text: '民营企业' },
      { table_name: 'graduates', row_id: 'g3', field: 'destination', text: 'OTHER' },
    ]);
  });
});
