import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadEnv } from '@netsign/config';
import type { ServiceName } from '@netsign/contracts';
import {
  createServiceDataSource,
  migrateServiceSchema,
  revertServiceSchema,
  schemaNameOf,
} from '@netsign/persistence';
import { migrationsOf } from '@netsign/runtime';
import { createTestEnv, type TestEnv } from '@netsign/testing';
import { SERVICE_DEFINITIONS } from './support/service-definitions.js';

/** Every service's migrations apply, revert completely (down), and apply again. */
describe('migrations', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv('migrations');
  });
  afterAll(async () => {
    await env?.dispose();
  });

  it.each(Object.keys(SERVICE_DEFINITIONS) as ServiceName[])(
    '%s: up, down to nothing, up again',
    async (service) => {
      const def = SERVICE_DEFINITIONS[service];
      const schema = schemaNameOf(service);
      const migrations = migrationsOf(def, loadEnv(service, def.envSchema, env.vars));
      const ds = createServiceDataSource({
        url: env.databaseUrl,
        schema,
        entities: def.entities,
        migrations,
      });
      await ds.initialize();
      try {
        await migrateServiceSchema(ds, schema);
        const count = migrations instanceof Array ? migrations.length : 0;
        const tables = async () =>
          (
            (await ds.query(
              `SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = $1 AND table_name <> 'migrations'`,
              [schema],
            )) as Array<{ n: string }>
          )[0]!.n;
        expect(Number(await tables())).toBeGreaterThan(0);
        await revertServiceSchema(ds, count);
        expect(Number(await tables())).toBe(0);
        await migrateServiceSchema(ds, schema);
        expect(Number(await tables())).toBeGreaterThan(0);
      } finally {
        await ds.destroy();
      }
    },
  );
});
