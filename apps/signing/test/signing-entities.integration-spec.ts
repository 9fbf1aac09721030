import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { runService, type RunningService } from '@netsign/runtime';
import { createTestEnv, schemaDrift, type TestEnv } from '@netsign/testing';
import { signingService } from '../src/signing.service.js';

/** Signing's entities describe exactly the tables its hand-written migrations build. */
describe('signing entities', () => {
  let env: TestEnv;
  let svc: RunningService<unknown> | undefined;

  beforeAll(async () => {
    env = await createTestEnv('signing_entities');
    svc = await runService(signingService, env.vars);
  }, 60_000);
  afterAll(async () => {
    await svc?.close();
    await env?.dispose();
  });

  it('entities match the migrations: synchronize would change nothing', async () => {
    expect(await schemaDrift(svc!.dataSource)).toEqual([]);
  });
});
