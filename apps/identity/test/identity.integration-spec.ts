import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TokenVerifier } from '@netsign/auth';
import { EnvValidationError, loadEnv } from '@netsign/config';
import type { Principal } from '@netsign/contracts';
import { runService, type RunningService } from '@netsign/runtime';
import { createTestEnv, type TestEnv } from '@netsign/testing';
import type { JWK } from 'jose';
import { identityEnvSchema, type IdentityEnv } from '../src/identity.env.js';
import { identityService } from '../src/identity.service.js';
import { CreateSchoolUseCase } from '../src/modules/accounts/use-cases/create-school.use-case.js';
import { CreateStaffUseCase } from '../src/modules/accounts/use-cases/create-staff.use-case.js';
import { LoginUseCase } from '../src/modules/accounts/use-cases/login.use-case.js';
import { SigningKeysService } from '../src/modules/auth/signing-keys.service.js';
import { IdNumberCipher } from '../src/modules/personal-data/id-number-cipher.js';
import { ImportRosterUseCase } from '../src/modules/roster/use-cases/import-roster.use-case.js';
import { BindWechatUseCase } from '../src/modules/wechat/use-cases/bind-wechat.use-case.js';

const key = (n: number) => Buffer.alloc(32, n);
const roster = (rows: object[]) => Buffer.from(JSON.stringify({ graduates: rows }));
const g = (studentNo: string, idNumber: string, over: object = {}) => ({
  studentNo,
  name: `名${studentNo}`,
  gender: '女',
  idNumber,
  departmentCode: 'CS',
  major: '软件工程',
  degree: '本科',
  className: 'C1',
  originPlace: '合肥',
  graduationYear: 2026,
  ...over,
});
const ID_A = '11010519491231002X';
const ID_B = '11010119900307803X';

describe('ID number cipher', () => {
  const cipher = new IdNumberCipher('k1', key(1), key(9));

  it('encrypts with a fresh IV each time and decrypts with the stored key id', () => {
    const a = cipher.encrypt(ID_A);
    const b = cipher.encrypt(ID_A);
    expect(a.ciphertext).not.toBe(b.ciphertext);
    expect(a.ciphertext).not.toContain(ID_A);
    expect(a.keyId).toBe('k1');
    expect(cipher.decrypt(a)).toBe(ID_A);
  });

  it('refuses a tampered ciphertext (GCM tag) and reads old rows after a key rotation', () => {
    const a = cipher.encrypt(ID_A);
    const raw = Buffer.from(a.ciphertext, 'base64');
    raw[raw.length - 1] ^= 1;
    expect(() => cipher.decrypt({ ...a, ciphertext: raw.toString('base64') })).toThrow();
    const rotated = new IdNumberCipher('k2', key(2), key(9), new Map([['k1', key(1)]]));
    expect(rotated.decrypt(a)).toBe(ID_A);
    expect(rotated.encrypt(ID_A).keyId).toBe('k2');
    expect(() => new IdNumberCipher('k3', key(3), key(9)).decrypt(a)).toThrow(/no key k1/);
  });

  it('indexes blindly: deterministic under one key, different under another', () => {
    expect(cipher.blindIndex(ID_A)).toBe(cipher.blindIndex(ID_A));
    expect(cipher.blindIndex(ID_A)).not.toBe(cipher.blindIndex(ID_B));
    expect(new IdNumberCipher('k1', key(1), key(8)).blindIndex(ID_A)).not.toBe(
      cipher.blindIndex(ID_A),
    );
  });

  it('fails fast in production without keys; development gets fixed keys', () => {
    expect(() => loadEnv('identity', identityEnvSchema, { NODE_ENV: 'production' })).toThrow(
      EnvValidationError,
    );
    expect(() => loadEnv('identity', identityEnvSchema, { NODE_ENV: 'production' })).toThrow(
      /ID_ENCRYPTION_KEY/,
    );
    const dev = loadEnv('identity', identityEnvSchema, { NODE_ENV: 'test' }) as IdentityEnv;
    expect(Buffer.from(dev.ID_ENCRYPTION_KEY, 'base64')).toHaveLength(32);
    expect(() => loadEnv('identity', identityEnvSchema, { ID_ENCRYPTION_KEY: 'c2hvcnQ=' })).toThrow(
      /32 bytes/,
    );
  });
});

describe('identity use-cases against Postgres', () => {
  let env: TestEnv;
  let identity: RunningService<unknown>;
  const province: Principal = { userId: 'p', role: 'PROVINCE_ADMIN' };
  const count = async (sql: string) => Number((await identity.dataSource.query(sql))[0].n);

  beforeAll(async () => {
    env = await createTestEnv('identity_int');
    identity = await runService(identityService, env.vars);
    await identity.app
      .get(CreateSchoolUseCase)
      .execute(province, { code: 'S1', name: '学校', departments: [{ code: 'CS', name: '计' }] });
  });
  afterAll(async () => {
    await identity?.close();
    await env?.dispose();
  });

  it('imports, upserts by student number and announces only changed records', async () => {
    const importer = identity.app.get(ImportRosterUseCase);
    const first = await importer.execute(
      province,
      'S1',
      'json',
      roster([g('1', ID_A), g('2', ID_B)]),
    );
    expect(first).toEqual({ created: 2, updated: 0, unchanged: 0, rejected: [] });
    const second = await importer.execute(
      province,
      'S1',
      'json',
      roster([g('1', ID_A, { major: '新专业' }), g('2', ID_B)]),
    );
    expect(second).toEqual({ created: 0, updated: 1, unchanged: 1, rejected: [] });
    expect(
      await count(`SELECT count(*) AS n FROM outbox WHERE subject LIKE '%roster-upserted%'`),
    ).toBe(3);
    const rows = await identity.dataSource.query(
      `SELECT id_number_enc, id_key_id, id_number_masked FROM graduates ORDER BY student_no`,
    );
    expect(rows[0]).toMatchObject({ id_key_id: 'dev1', id_number_masked: '110105********002X' });
    await expect(
      importer.execute(province, 'S1', 'csv', Buffer.from('no,header\n1,2')),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(
      importer.execute(
        { userId: 'x', role: 'SCHOOL_ADMIN', schoolCode: 'S2' },
        'S1',
        'json',
        roster([g('3', ID_A)]),
      ),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await count(`SELECT count(*) AS n FROM graduates`)).toBe(2);
  });

  it('issues Ed25519 tokens carrying the account scope, verifiable with the published keys only', async () => {
    await identity.app.get(CreateStaffUseCase).execute(province, {
      schoolCode: 'S1',
      username: 'dept1',
      password: 'dept-pass-1',
      role: 'DEPARTMENT_STAFF',
      departmentCode: 'CS',
    });
    const { accessToken } = await identity.app.get(LoginUseCase).execute('DEPT1', 'dept-pass-1');
    const keys = identity.app.get(SigningKeysService).publicKeys() as JWK[];
    const principal = await (await TokenVerifier.fromJwks(keys)).verify(accessToken);
    expect(principal).toMatchObject({
      role: 'DEPARTMENT_STAFF',
      schoolCode: 'S1',
      departmentCode: 'CS',
    });
    const [h, body] = accessToken.split('.');
    const forged = Buffer.from(body!, 'base64url')
      .toString()
      .replace('DEPARTMENT_STAFF', 'SCHOOL_ADMIN');
    expect(
      await (
        await TokenVerifier.fromJwks(keys)
      ).verify(`${h}.${Buffer.from(forged).toString('base64url')}.${accessToken.split('.')[2]}`),
    ).toBeNull();
    await expect(identity.app.get(LoginUseCase).execute('dept1', 'wrong')).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
  });

  it('binds exactly once per graduate and audits every attempt', async () => {
    const bind = identity.app.get(BindWechatUseCase);
    const session = (openId: string): Principal => ({
      userId: `wechat:${openId}`,
      role: 'WECHAT_UNBOUND',
      openId,
    });
    const input = { schoolCode: 'S1', name: '名1', studentNo: '1', idNumber: ID_A.toLowerCase() };
    await expect(bind.execute(session('o1'), { ...input, idNumber: ID_B })).rejects.toMatchObject({
      code: 'ROSTER_MISMATCH',
    });
    const ok = await bind.execute(session('o1'), input);
    expect(ok.graduate).toMatchObject({ studentNo: '1', idNumberMasked: '110105********002X' });
    expect((await bind.execute(session('o1'), input)).graduate.graduateId).toBe(
      ok.graduate.graduateId,
    );
    await expect(bind.execute(session('o2'), input)).rejects.toMatchObject({
      code: 'ALREADY_BOUND',
    });
    await expect(
      bind.execute(session('o1'), { ...input, name: '名2', studentNo: '2', idNumber: ID_B }),
    ).rejects.toMatchObject({
      code: 'ALREADY_BOUND',
    });
    const audit = await identity.dataSource.query(
      `SELECT action FROM audit_log WHERE action LIKE 'WECHAT_%' ORDER BY id`,
    );
    expect(audit.map((r: { action: string }) => r.action)).toEqual([
      'WECHAT_BIND_REJECTED',
      'WECHAT_BOUND',
    ]);
  });
});
