import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Principal } from '@netsign/contracts';
import { runService, type RunningService } from '@netsign/runtime';
import { createTestEnv, type TestEnv } from '@netsign/testing';
import { StandardCodes1764280000900 } from '../src/database/migrations/1764280000900-StandardCodes.js';
import { identityService } from '../src/identity.service.js';
import { CreateSchoolUseCase } from '../src/modules/accounts/use-cases/create-school.use-case.js';
import { RegisterEmployerUseCase } from '../src/modules/accounts/use-cases/register-employer.use-case.js';
import { ImportRosterUseCase } from '../src/modules/roster/use-cases/import-roster.use-case.js';
import { DecideCorrectionUseCase } from '../src/modules/source-info/use-cases/decide-correction.use-case.js';
import { RequestCorrectionUseCase } from '../src/modules/source-info/use-cases/request-correction.use-case.js';

const province: Principal = { userId: 'p', role: 'PROVINCE_ADMIN' };
const employer = (over: object = {}) => ({
  creditCode: '91350100M000100Y43',
  name: '某某科技有限公司',
  nature: '企业',
  industry: '软件',
  address: '合肥市蜀山区黄山路 1 号',
  hasHiringAutonomy: true,
  contactName: '李四',
  contactPhone: '0551-12345678',
  username: 'codes-employer',
  password: 'Passw0rd!x',
  ...over,
});
const graduate = (studentNo: string, idNumber: string, over: object = {}) => ({
  studentNo,
  name: `名${studentNo}`,
  gender: '女',
  idNumber,
  departmentCode: 'CS',
  major: '软件工程',
  degree: '本科',
  graduationYear: 2026,
  ...over,
});

describe('standard codes in identity (issue 18)', () => {
  let env: TestEnv;
  let identity: RunningService<unknown>;
  const query = (sql: string, params: unknown[] = []) => identity.dataSource.query(sql, params);

  beforeAll(async () => {
    env = await createTestEnv('identity_codes');
    identity = await runService(identityService, env.vars);
    await identity.app
      .get(CreateSchoolUseCase)
      .execute(province, { code: 'S1', name: '学校', departments: [{ code: 'CS', name: '计' }] });
  });
  afterAll(async () => {
    await identity?.close();
    await env?.dispose();
  });

  it('refuses an employer code not in its table, naming the field, and writes nothing', async () => {
    const register = identity.app.get(RegisterEmployerUseCase);
    await expect(
      register.execute(employer({ natureCode: '99', industryCode: 'Z', regionCode: '349999' })),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: {
        fields: [{ field: 'natureCode' }, { field: 'industryCode' }, { field: 'regionCode' }],
      },
    });
    expect(await query(`SELECT id FROM employers`)).toEqual([]);
  });

  it('stores the codes an employer gives and shows back the names from the tables', async () => {
    const registered = await identity.app
      .get(RegisterEmployerUseCase)
      .execute(employer({ natureCode: '39', industryCode: '65', regionCode: '340104' }));
    expect(registered).toMatchObject({
      nature: '其他企业',
      natureCode: '39',
      industry: '软件和信息技术服务业',
      industryCode: '65',
      regionCode: '340104',
      regionName: '安徽省合肥市蜀山区',
      address: '合肥市蜀山区黄山路 1 号',
    });
    const [outbox] = await query(
      `SELECT envelope FROM outbox WHERE subject LIKE '%employer.registered%'`,
    );
    expect(JSON.stringify(outbox)).toContain('"industryCode":"65"');
  });

  it('imports 生源地 by code (name from the table) and rejects a row with an unknown code', async () => {
    const csv = [
      '学号,姓名,性别,身份证号,院系代码,专业,学历,生源地,生源地代码,毕业年份',
      '1,甲,女,11010519491231002X,CS,软件工程,本科,,340100,2026',
      '2,乙,男,11010119900307803X,CS,软件工程,本科,随便写的,349999,2026',
      '3,丙,男,110101199003070118,CS,软件工程,本科,合肥,,2026',
    ].join('\n');
    const result = await identity.app
      .get(ImportRosterUseCase)
      .execute(province, 'S1', 'csv', Buffer.from(csv));
    expect(result).toMatchObject({ created: 2, rejected: [{ row: 2, code: 'INVALID_FIELD' }] });
    expect(result.rejected[0]!.message).toContain('生源地代码');
    const rows = await query(
      `SELECT student_no, origin_place, origin_region_code FROM graduates ORDER BY student_no`,
    );
    expect(rows).toEqual([
      { student_no: '1', origin_place: '安徽省合肥市', origin_region_code: '340100' },
      { student_no: '3', origin_place: '合肥', origin_region_code: null },
    ]);
    const json = await identity.app
      .get(ImportRosterUseCase)
      .execute(
        province,
        'S1',
        'json',
        Buffer.from(JSON.stringify({ graduates: [graduate('4', '11010519491231002X', {})] })),
      );
    expect(json.rejected[0]).toMatchObject({ code: 'MISSING_FIELD' });
  });

  it('migrates free text to codes where it matches a table exactly and lists the rest', async () => {
    const migration = new StandardCodes1764280000900();
    const runner = identity.dataSource.createQueryRunner();
    try {
      await migration.down(runner);
      await runner.query(
        `INSERT INTO employers (credit_code, name, nature, industry, address, has_hiring_autonomy, contact_name, contact_phone)
         VALUES ('91340100MA2N0000X0', '旧单位', '三资企业', '教育', '安徽省合肥市', true, '王', '0551-1'),
                ('91340100MA2N0001X0', '旧单位二', '民营企业', '信息技术', '合肥市蜀山区黄山路', true, '王', '0551-1')`,
      );
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    const mapped = await query(
      `SELECT name, nature_code, industry_code, region_code FROM employers WHERE name LIKE '旧单位%' ORDER BY name`,
    );
    expect(mapped).toEqual([
      { name: '旧单位', nature_code: '32', industry_code: '83', region_code: '340100' },
      { name: '旧单位二', nature_code: null, industry_code: null, region_code: null },
    ]);
    // The graduate imported by code keeps it; the free-text 合肥 is not a region's exact name.
    expect(await query(`SELECT origin_region_code FROM graduates ORDER BY student_no`)).toEqual([
      { origin_region_code: '340100' },
      { origin_region_code: null },
    ]);
    const unmapped = await query(
      `SELECT table_name, field, text FROM standard_codes_unmapped ORDER BY table_name, field, text`,
    );
    expect(unmapped).toEqual(
      expect.arrayContaining([
        { table_name: 'employers', field: 'nature', text: '民营企业' },
        { table_name: 'employers', field: 'industry', text: '信息技术' },
        { table_name: 'employers', field: 'address', text: '合肥市蜀山区黄山路' },
        { table_name: 'graduates', field: 'origin_place', text: '合肥' },
      ]),
    );
    expect(unmapped).not.toContainEqual({
      table_name: 'employers',
      field: 'nature',
      text: '三资企业',
    });
  });

  it('gives a corrected 生源地 the code of the region it names exactly, and none otherwise', async () => {
    await query(`UPDATE graduates SET wechat_open_id = 'o-codes-3' WHERE student_no = '3'`);
    const [{ id }] = await query(`SELECT id FROM graduates WHERE student_no = '3'`);
    const graduate = {
      userId: id,
      role: 'GRADUATE',
      graduateId: id,
      openId: 'o-codes-3',
    } as Principal;
    const correct = async (originPlace: string) => {
      const requested = await identity.app
        .get(RequestCorrectionUseCase)
        .execute(graduate, { originPlace }, '生源地有误');
      await identity.app
        .get(DecideCorrectionUseCase)
        .execute(province, { schoolCode: 'S1', id: requested.id, decision: 'APPROVE' });
      return (
        await query(`SELECT origin_place, origin_region_code FROM graduates WHERE id = $1`, [id])
      )[0];
    };
    expect(await correct('安徽省合肥市蜀山区')).toEqual({
      origin_place: '安徽省合肥市蜀山区',
      origin_region_code: '340104',
    });
    expect(await correct('合肥市某某街道')).toEqual({
      origin_place: '合肥市某某街道',
      origin_region_code: null,
    });
  });
});
