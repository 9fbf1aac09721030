import { randomBytes } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { dropDatabase, ensureDatabase } from '@netsign/persistence';

export interface TestEnv {
  /** Variables for services under test: a database and a bus prefix of their own. */
  vars: Record<string, string>;
  databaseUrl: string;
  busPrefix: string;
  dispose(): Promise<void>;
}

const base = {
  DATABASE_URL: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/employment',
  NATS_URL: process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
  REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
};

/**
 * A fresh database and bus namespace for one test file, so that repeated or concurrent runs
 * never see each other's rows, streams or requests. `dispose` removes both.
 */
export async function createTestEnv(
  label: string,
  overrides: Record<string, string> = {},
): Promise<TestEnv> {
  const token = randomBytes(4).toString('hex');
  const busPrefix = `t${token}`;
  const url = new URL(base.DATABASE_URL);
  url.pathname = `/netsign_test_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${token}`;
  const databaseUrl = url.toString();
  await ensureDatabase(databaseUrl);
  const vars: Record<string, string> = {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
    DATABASE_URL: databaseUrl,
    NATS_URL: base.NATS_URL,
    REDIS_URL: base.REDIS_URL,
    BUS_PREFIX: busPrefix,
    EVENT_ACK_WAIT_MS: '2000',
    OUTBOX_SWEEP_MS: '1000',
    DB_POOL_SIZE: '4',
    ...overrides,
  };
  return {
    vars,
    databaseUrl,
    busPrefix,
    async dispose() {
      await deleteStreams(busPrefix).catch(() => undefined);
      await dropDatabase(databaseUrl);
    },
  };
}

async function deleteStreams(busPrefix: string): Promise<void> {
  const nc = await connect({ servers: base.NATS_URL });
  try {
    const jsm = await jetstreamManager(nc);
    for await (const name of jsm.streams.names()) {
      if (name.startsWith(`${busPrefix.toUpperCase()}_`)) await jsm.streams.delete(name);
    }
  } finally {
    await nc.close();
  }
}
