import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runService, type RunningService } from '@netsign/runtime';
import { createTestEnv, schemaDrift, type TestEnv } from '@netsign/testing';
import { printingService } from '../src/printing.service.js';

/** The entities describe the migrated schema exactly, and the repositories return them typed. */
describe('printing entities and repositories (real Postgres)', () => {
  let env: TestEnv;
  let svc: RunningService<unknown> | undefined;
  let storage: string;

  beforeAll(async () => {
    storage = await mkdtemp(join(tmpdir(), 'netsign-print-repo-'));
    // An api process: no print worker, no browser.
    env = await createTestEnv('printing_repositories', { STORAGE_DIR: storage, PRINT_ROLE: 'api' });
    svc = (await runService(printingService, env.vars)) as RunningService<unknown>;
  }, 60_000);

  afterAll(async () => {
    await svc?.close();
    await env?.dispose();
    await rm(storage, { recursive: true, force: true });
  });

  it('entities match the migrations: synchronize would change nothing', async () => {
    expect(await schemaDrift(svc!.dataSource)).toEqual([]);
  });
});
