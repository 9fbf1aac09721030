import { createReadStream, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { Redis } from 'ioredis';
import type pg from 'pg';
import type { Invariant } from './invariants.js';

/**
 * DESIGN.md rule 5 checked on everything the run left behind: no full ID number it created may
 * appear in a log line of any process (services, gateways, workers, stand-ins, and the servers'
 * own logs), an event on the streams, a Redis key or value, or a database column — except
 * identity's ciphertext column, which holds them encrypted (and so never in clear either).
 */
const CANDIDATE = /\d{17}[\dX]/g;

function finder(idNumbers: string[]) {
  const wanted = new Set(idNumbers);
  return (text: string): string[] => [
    ...new Set([...text.matchAll(CANDIDATE)].map((m) => m[0]).filter((c) => wanted.has(c))),
  ];
}

const mask = (id: string) => `${id.slice(0, 6)}********${id.slice(-4)}`;

export async function personalDataSweep(opts: {
  idNumbers: string[];
  logFiles: string[];
  db: pg.Pool;
  natsUrl: string;
  redisUrl: string;
}): Promise<Invariant> {
  const find = finder(opts.idNumbers);
  const problems: string[] = [];
  const report = (where: string, ids: string[]) => {
    if (ids.length && problems.length < 50)
      problems.push(
        `${where}: ${ids.slice(0, 3).map(mask).join(', ')}${ids.length > 3 ? ` and ${ids.length - 3} more` : ''}`,
      );
  };

  let lines = 0;
  for (const file of opts.logFiles.filter(existsSync)) {
    const rl = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
    let n = 0;
    for await (const line of rl) {
      n++;
      lines++;
      report(`${file} line ${n}`, find(line));
    }
  }

  let events = 0;
  const nc = await connect({ servers: opts.natsUrl.split(','), reconnect: false });
  try {
    const jsm = await jetstreamManager(nc);
    for await (const stream of jsm.streams.names()) {
      const info = await jsm.streams.info(stream);
      for (
        let seq = info.state.first_seq;
        seq <= info.state.last_seq && info.state.messages > 0;
        seq++
      ) {
        const m = await jsm.streams.getMessage(stream, { seq }).catch(() => null);
        if (!m) continue;
        events++;
        report(`stream ${stream} message ${seq} (${m.subject})`, find(m.string()));
      }
    }
  } finally {
    await nc.close();
  }

  let keys = 0;
  const redis = new Redis(opts.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 2 });
  await redis.connect();
  try {
    let cursor = '0';
    do {
      const [next, batch] = await redis.scan(cursor, 'COUNT', 500);
      cursor = next;
      for (const key of batch) {
        keys++;
        report(`redis key name ${key}`, find(key));
        report(`redis key ${key}`, find(JSON.stringify(await redisValue(redis, key))));
      }
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }

  let rows = 0;
  const tables = await opts.db.query<{ schema: string; name: string }>(`
    SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
     WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`);
  for (const t of tables.rows) {
    // identity.graduates.id_number_enc is the one place ID numbers live (encrypted).
    const except = t.schema === 'identity' && t.name === 'graduates' ? ` - 'id_number_enc'` : '';
    const res = await opts.db.query<{ row: string }>(
      `SELECT (to_jsonb(t)${except})::text AS row FROM "${t.schema}"."${t.name}" t`,
    );
    for (const r of res.rows) {
      rows++;
      report(`table ${t.schema}.${t.name}`, find(r.row));
    }
  }

  return {
    name: "no full ID number in any log line, event on the streams, Redis key or value, or database column but identity's ciphertext",
    held: problems.length === 0,
    checked: `${opts.idNumbers.length} ID numbers looked for in ${lines} log lines (${opts.logFiles.length} files), ${events} stream messages, ${keys} Redis keys, ${rows} rows of ${tables.rows.length} tables`,
    problems,
  };
}

async function redisValue(redis: Redis, key: string): Promise<unknown> {
  switch (await redis.type(key)) {
    case 'string':
      return redis.getBuffer(key).then((b) => b?.toString('latin1'));
    case 'hash':
      return redis.hgetall(key);
    case 'list':
      return redis.lrange(key, 0, -1);
    case 'set':
      return redis.smembers(key);
    case 'zset':
      return redis.zrange(key, 0, -1, 'WITHSCORES');
    case 'stream':
      return redis.xrange(key, '-', '+');
    default:
      return null;
  }
}

/** Every log file under a directory tree (the run's process logs and the servers' logs). */
export function logFilesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...logFilesUnder(path));
    else if (entry.name.endsWith('.log')) out.push(path);
  }
  return out;
}
