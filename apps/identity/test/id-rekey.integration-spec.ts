import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Principal } from '@netsign/contracts';
import { runService, type RunningService } from '@netsign/runtime';
import { createTestEnv, waitFor, type TestEnv } from '@netsign/testing';
import { identityService } from '../src/identity.service.js';
import { CreateSchoolUseCase } from '../src/modules/accounts/use-cases/create-school.use-case.js';
import { IdNumberCipher } from '../src/modules/personal-data/id-number-cipher.js';
import { IdNumberRekey } from '../src/modules/personal-data/id-number-rekey.js';
import { GraduateQueriesUseCase } from '../src/modules/roster/use-cases/graduate-queries.use-case.js';
import { ImportRosterUseCase } from '../src/modules/roster/use-cases/import-roster.use-case.js';

/**
 * Key rotation end to end on the real identity service and Postgres: rows written under key k1,
 * identity restarted with k2 current and k1 old → every ID number re-encrypted under k2 at boot,
 * still decrypting to the same number and still found by the (unchanged) blind index.
 */
const b64 = (n: number) => Buffer.alloc(32, n).toString('base64');
const IDS = ['11010519491231002X', '11010119900307803X', '340104200301011236'];
const province: Principal = { userId: 'p', role: 'PROVINCE_ADMIN' };

describe('ID numbers after a key rotation', () => {
  let env: TestEnv;
  let identity: RunningService<unknown> | null = null;

  beforeAll(async () => {
    env = await createTestEnv('identity_rekey');
  });
  afterAll(async () => {
    await identity?.close();
    await env?.dispose();
  });

  it('are re-encrypted under the new key at boot, same numbers, same blind index', async () => {
    const k1 = {
      ...env.vars,
      ID_ENCRYPTION_KEY_ID: 'k1',
      ID_ENCRYPTION_KEY: b64(1),
      BLIND_INDEX_KEY: b64(9),
    };
    identity = await runService(identityService, k1);
    await identity.app
      .get(CreateSchoolUseCase)
      .execute(province, { code: 'S1', name: '学校', departments: [{ code: 'CS', name: '计' }] });
    const rows = IDS.map((idNumber, i) => ({
      studentNo: `${i + 1}`,
      name: `名${i + 1}`,
      gender: '女',
      idNumber,
      departmentCode: 'CS',
      major: '软件工程',
      degree: '本科',
      className: 'C1',
      originPlace: '合肥',
      graduationYear: 2026,
    }));
    await identity.app
      .get(ImportRosterUseCase)
      .execute(province, 'S1', 'json', Buffer.from(JSON.stringify({ graduates: rows })));
    const before: Array<{
      student_no: string;
      id_key_id: string;
      id_blind_index: string;
      id_number_enc: string;
    }> = await identity.dataSource.query(
      `SELECT student_no, id_key_id, id_blind_index, id_number_enc FROM graduates ORDER BY student_no`,
    );
    expect(before.map((r) => r.id_key_id)).toEqual(['k1', 'k1', 'k1']);
    await identity.close();

    // Rotation: k2 current, k1 kept as an old key until re-encryption is done.
    identity = await runService(identityService, {
      ...k1,
      ID_ENCRYPTION_KEY_ID: 'k2',
      ID_ENCRYPTION_KEY: b64(2),
      ID_ENCRYPTION_OLD_KEYS: `k1:${b64(1)}`,
    });
    const running = identity;
    const after = await waitFor(
      async () => {
        const r: typeof before = await running.dataSource.query(
          `SELECT student_no, id_key_id, id_blind_index, id_number_enc FROM graduates ORDER BY student_no`,
        );
        return r.every((x) => x.id_key_id === 'k2') && r;
      },
      { what: 'every row under k2' },
    );
    expect(after.map((r) => r.id_blind_index)).toEqual(before.map((r) => r.id_blind_index));
    expect(after.map((r) => r.id_number_enc)).not.toEqual(before.map((r) => r.id_number_enc));
    // The new key alone reads them now: k1 can be retired.
    const k2only = new IdNumberCipher('k2', Buffer.alloc(32, 2), Buffer.alloc(32, 9));
    expect(
      after.map((r) => k2only.decrypt({ ciphertext: r.id_number_enc, keyId: r.id_key_id })),
    ).toEqual(IDS);
    const match = await running.app
      .get(GraduateQueriesUseCase)
      .match(
        { userId: 'signing', role: 'SERVICE' },
        { schoolCode: 'S1', name: '名2', studentNo: '2', idNumber: IDS[1]! },
      );
    expect(match).toMatchObject({ studentNo: '2', idNumberMasked: '110101********803X' });
    // A second pass has nothing left to do.
    expect(await running.app.get(IdNumberRekey).rekeyAll()).toEqual({ rekeyed: 0, unknownKey: 0 });
  });

  it('leaves rows under a key it does not know, and says how many', async () => {
    await identity!.dataSource.query(
      `UPDATE graduates SET id_key_id = 'lost' WHERE student_no = '3'`,
    );
    expect(await identity!.app.get(IdNumberRekey).rekeyAll()).toEqual({
      rekeyed: 0,
      unknownKey: 1,
    });
  });
});
