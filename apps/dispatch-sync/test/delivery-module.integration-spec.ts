import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { commonEnvSchema } from '@netsign/config';
import { PersistenceModule } from '@netsign/persistence';
import { waitFor, type TestEnv } from '@netsign/testing';
import type { DataSource } from 'typeorm';
import { deliveryEnvSchema } from '../src/modules/delivery/delivery.env.js';
import { DeliveryModule } from '../src/modules/delivery/delivery.module.js';
import {
  appendRecord,
  RecordLogRepository,
} from '../src/modules/delivery/record-log.repository.js';
import {
  captureLogs,
  employmentInput,
  idNumberFor,
  openDispatchDatabase,
  startProvinceStandin,
  type ProvinceStandin,
} from './dispatch-fixtures.js';

/** The Nest wiring: the loop starts with the application, delivers, and stops with it. */
describe('DeliveryModule', () => {
  let env: TestEnv;
  let ds: DataSource;
  let standin: ProvinceStandin;
  let logs: ReturnType<typeof captureLogs>;

  beforeAll(async () => {
    logs = captureLogs();
    ({ env, ds } = await openDispatchDatabase('dispatch_module'));
    standin = await startProvinceStandin({ secret: 'module-secret' });
  });
  afterAll(async () => {
    await standin?.close();
    await ds?.destroy();
    await env?.dispose();
    logs.restore();
  });

  it('delivers while the application runs', async () => {
    const vars = commonEnvSchema.extend(deliveryEnvSchema.shape).parse({
      ...env.vars,
      PROVINCE_DISPATCH_URL: standin.url,
      PROVINCE_DISPATCH_SECRET: 'module-secret',
    });
    @Module({
      imports: [
        PersistenceModule.forRoot(ds),
        DeliveryModule.register({
          env: vars,
          schema: 'dispatch_sync',
          resolveIdNumber: { useFactory: () => async () => idNumberFor(1) },
        }),
      ],
    })
    class Root {}
    const app = await NestFactory.createApplicationContext(Root, { logger: false });
    await app.init();
    const { recordId } = await ds.transaction((tx) => appendRecord(tx, employmentInput(1, 1)));
    const repository = app.get(RecordLogRepository);
    await waitFor(async () => (await repository.getRecord(recordId))?.status === 'DELIVERED', {
      what: 'delivered',
    });
    expect(standin.state.accepted.map((a) => a.record.idNumber)).toEqual([idNumberFor(1)]);
    await app.close();
  });
});
