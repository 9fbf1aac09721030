import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { graduateIdNumber } from '@netsign/contracts';
import { BusNames } from '@netsign/messaging';
import { waitFor, type TestEnv } from '@netsign/testing';
import type { DataSource } from 'typeorm';
import { appendRecord } from '../src/modules/delivery/record-log.repository.js';
import {
  acceptedExactlyOnceInOrder,
  idNumberFor,
  openDispatchDatabase,
  startProvinceStandin,
  storyInputs,
  type ProvinceStandin,
} from './dispatch-fixtures.js';

const MAIN = 'dist/apps/dispatch-sync/src/main.js';

// The real process is killed, so it runs from dist/: Jest's global set-up
// (libs/testing/src/jest-global-setup.js) builds it first when it is missing or stale.

/**
 * SIGKILL of a real dispatch-sync process in the middle of delivering, then a restart: every
 * record reaches the province exactly once and in order per graduate.
 */
describe('dispatch-sync killed mid-delivery', () => {
  let env: TestEnv;
  let ds: DataSource;
  let nc: NatsConnection;
  let province: ProvinceStandin;
  let child: ChildProcess | null = null;
  const secret = 'sigkill-dispatch-secret';

  const startProcess = () =>
    spawn(process.execPath, [MAIN], {
      env: {
        ...process.env,
        ...env.vars,
        PROVINCE_DISPATCH_URL: province.url,
        PROVINCE_DISPATCH_SECRET: secret,
        DISPATCH_CONCURRENCY: '4',
        LOG_LEVEL: 'error',
      },
      stdio: 'ignore',
    });

  beforeAll(async () => {
    if (!existsSync(MAIN))
      throw new Error(`${MAIN} missing: the global set-up should have built it`);
    ({ env, ds } = await openDispatchDatabase('sigkill'));
    province = await startProvinceStandin({ port: 0, host: '127.0.0.1', secret });
    nc = await connect({ servers: env.vars['NATS_URL'] });
    // Identity, answering the full ID number for a graduate (graduate-<n>).
    nc.subscribe(new BusNames(env.busPrefix).subject(graduateIdNumber.subject), {
      callback: (_err, msg) => {
        const packet = msg.json<{ id: string; data: { data: { graduateId: string } } }>();
        const n = Number(packet.data.data.graduateId.replace('graduate-', ''));
        msg.respond(
          JSON.stringify({
            id: packet.id,
            response: { idNumber: idNumberFor(n) },
            isDisposed: true,
          }),
        );
      },
    });
  }, 120_000);

  afterAll(async () => {
    child?.kill('SIGKILL');
    await ds?.destroy();
    await nc?.close();
    await province?.close();
    await env?.dispose();
  });

  it('loses and doubles nothing', async () => {
    // A slow province keeps requests in flight when the kill lands.
    await fetch(`${province.url}/_control`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ delayMs: 40 }),
    });
    const ids: string[] = [];
    await ds.transaction(async (tx) => {
      for (const input of storyInputs(20)) ids.push((await appendRecord(tx, input)).recordId);
    });

    child = startProcess();
    await waitFor(() => province.state.accepted.length >= 12, {
      timeoutMs: 60_000,
      what: 'deliveries under way',
    });
    child.kill('SIGKILL');
    await new Promise((resolve) => child!.once('exit', resolve));
    const atKill = province.state.accepted.length;
    expect(atKill).toBeLessThan(ids.length);

    child = startProcess();
    await waitFor(() => province.state.accepted.length >= ids.length, {
      timeoutMs: 120_000,
      what: 'every record after the restart',
    });
    await waitFor(
      async () => {
        const rows: Array<{ n: string }> = await ds.query(
          `SELECT count(*) AS n FROM dispatch_records WHERE status = 'DELIVERED'`,
        );
        return Number(rows[0]!.n) === ids.length;
      },
      { what: 'the log to record every delivery' },
    );
    expect(acceptedExactlyOnceInOrder(province, ids)).toEqual([]);
  }, 240_000);
});
