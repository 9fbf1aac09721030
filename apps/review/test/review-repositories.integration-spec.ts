import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { runService, type RunningService } from '@netsign/runtime';
import { createTestEnv, type TestEnv } from '@netsign/testing';
import { reviewService } from '../src/review.service.js';

/** The entities describe the migrated schema exactly, and the repositories return them typed. */
describe('review entities and repositories (real Postgres)', () => {
  let env: TestEnv;
  let svc: RunningService<unknown> | undefined;

  beforeAll(async () => {
    env = await createTestEnv('review_repositories');
    svc = (await runService(reviewService, env.vars)) as RunningService<unknown>;
  });

  afterAll(async () => {
    await svc?.close();
    await env?.dispose();
  });

  it('entities match the migrations: synchronize would change nothing', async () => {
    const log = await svc!.dataSource.driver.createSchemaBuilder().log();
    expect(log.upQueries.map((q) => q.query)).toEqual([]);
  });
});
