import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { reachOf, reaches, scopeSql, type GraduateFacts } from '../src/index.js';
import { CALLER_NAMES, CALLERS } from './access-policy-cases.js';

/**
 * The SQL half of the policy against the real Postgres: for every caller, the rows `scopeSql`
 * selects are exactly the rows `reaches` allows, over rows in every relationship to every caller.
 */
const ROWS: Array<GraduateFacts & { id: number; employerId: string }> = [
  {
    id: 1,
    graduateId: 'g1',
    schoolCode: 'S1',
    departmentCode: 'CS',
    className: 'CS2201',
    employerId: 'e1',
  },
  {
    id: 2,
    graduateId: 'g2',
    schoolCode: 'S1',
    departmentCode: 'CS',
    className: 'CS2202',
    employerId: 'e2',
  },
  {
    id: 3,
    graduateId: 'g3',
    schoolCode: 'S1',
    departmentCode: 'LAW',
    className: 'LAW2201',
    employerId: 'e1',
  },
  {
    id: 4,
    graduateId: 'g4',
    schoolCode: 'S1',
    departmentCode: 'CS',
    className: 'CS2201',
    employerId: 'e2',
  },
  {
    id: 5,
    graduateId: 'g5',
    schoolCode: 'S1',
    departmentCode: 'CS',
    className: null,
    employerId: 'e1',
  },
  {
    id: 6,
    graduateId: 'g1',
    schoolCode: 'S2',
    departmentCode: 'CS',
    className: 'CS2201',
    employerId: 'e2',
  },
  {
    id: 7,
    graduateId: 'g6',
    schoolCode: 'S2',
    departmentCode: 'LAW',
    className: 'CS2202',
    employerId: 'e1',
  },
  {
    id: 8,
    graduateId: 'g2',
    schoolCode: 'S1',
    departmentCode: 'LAW',
    className: null,
    employerId: 'e3',
  },
];

describe('scopeSql against Postgres: the same rows as reaches', () => {
  let db: pg.Client;

  beforeAll(async () => {
    // A temporary table on the machine's Postgres: it lives only as long as this connection, so
    // runs never see each other's rows (libs/testing is not used: it depends on this library).
    const url = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
    url.pathname = '/postgres';
    db = new pg.Client({ connectionString: url.toString() });
    await db.connect();
    // The class inside a JSON snapshot, as signing and review keep it: the column may be a path.
    await db.query(`CREATE TEMP TABLE things (id int PRIMARY KEY, graduate_id text NOT NULL,
      school_code text NOT NULL, department_code text NOT NULL, employer_id text NOT NULL, snapshot jsonb NOT NULL)`);
    for (const r of ROWS) {
      await db.query(`INSERT INTO things VALUES ($1, $2, $3, $4, $5, $6)`, [
        r.id,
        r.graduateId,
        r.schoolCode,
        r.departmentCode,
        r.employerId,
        { graduate: { className: r.className } },
      ]);
    }
  });
  afterAll(async () => {
    await db?.end();
  });

  const columns = {
    graduateId: 'graduate_id',
    schoolCode: 'school_code',
    departmentCode: 'department_code',
    className: `snapshot->'graduate'->>'className'`,
    employerId: 'employer_id',
  };

  async function selected(where: string, params: unknown[]): Promise<number[]> {
    const rows = (await db.query(`SELECT id FROM things WHERE ${where} ORDER BY id`, params))
      .rows as Array<{ id: number }>;
    return rows.map((r) => r.id);
  }

  it.each(CALLER_NAMES)('%s', async (name) => {
    const { principal, assignment } = CALLERS[name] as (typeof CALLERS)['cId'];
    const reach = reachOf(principal, assignment ?? null);
    if (!reach) return; // reaches nothing: scopeOf refuses before any SQL (access-policy.spec.ts)
    const allowed = ROWS.filter((r) => reaches(reach, { graduate: r, employerId: r.employerId }));
    // A parameter before the fragment's: its placeholders are numbered after the caller's.
    const params: unknown[] = ['unused'];
    const where = `$1::text IS NOT NULL AND ${scopeSql(reach, columns, params)}`;
    expect(await selected(where, params)).toEqual(allowed.map((r) => r.id));
  });

  it('every relation selects some rows and leaves some out (the rows cover every relationship)', async () => {
    for (const name of ['gOwn', 'eOwn', 'dSame', 'cId', 'cCls', 'saS'] as const) {
      const { principal, assignment } = CALLERS[name] as (typeof CALLERS)['cId'];
      const params: unknown[] = [];
      const ids = await selected(
        scopeSql(reachOf(principal, assignment)!, columns, params),
        params,
      );
      expect(ids.length).toBeGreaterThan(0);
      expect(ids.length).toBeLessThan(ROWS.length);
    }
  });

  it.each(CALLER_NAMES)('%s on a table holding only the two parties (recruiting)', async (name) => {
    const { principal, assignment } = CALLERS[name] as (typeof CALLERS)['cId'];
    const reach = reachOf(principal, assignment ?? null);
    if (!reach) return;
    const allowed = ROWS.filter((r) =>
      reaches(reach, { graduate: { graduateId: r.graduateId }, employerId: r.employerId }),
    );
    const params: unknown[] = [];
    const where = scopeSql(reach, { graduateId: 'graduate_id', employerId: 'employer_id' }, params);
    expect(await selected(where, params)).toEqual(allowed.map((r) => r.id));
  });

  it('a table without an employer column gives an employer nothing, as reaches does', async () => {
    const reach = reachOf(CALLERS.eOwn.principal)!;
    const params: unknown[] = [];
    const { employerId: _, ...roster } = columns;
    expect(await selected(scopeSql(reach, roster, params), params)).toEqual([]);
    expect(reaches(reach, { graduate: ROWS[0]! })).toBe(false);
  });
});
