import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, createWriteStream, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import net from 'node:net';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import type * as NatsClusterScript from '../scripts/nats-cluster.mjs';

/**
 * PostgreSQL, Redis and NATS of the run's own, on ports of its own: the chaos run restarts each of
 * them, which it must not do to servers that other work on the machine shares. Same packages
 * and versions as the machine's servers; Redis with an append-only file, as BullMQ asks of
 * production; Postgres with pg_stat_statements loaded.
 */
export interface Server {
  name: 'postgres' | 'redis' | 'nats';
  port: number;
  url: string;
  /** Files the sweep reads: the server's own log. */
  logFile: string;
  start(): Promise<void>;
  /**
   * Stops the server (Postgres: immediate, i.e. crash-like; NATS and Redis: SIGTERM) and starts it
   * again; a NATS cluster loses its busiest stream's leader node instead. May say what happened.
   */
  restart(pauseMs: number): Promise<void | string>;
  stop(): Promise<void>;
}

async function waitForPort(port: number, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline)
      throw new Error(`${what} did not open port ${port} in ${timeoutMs} ms`);
    await sleep(100);
  }
}

function postgresBin(name: string): string {
  const versions = existsSync('/usr/lib/postgresql')
    ? readdirSync('/usr/lib/postgresql').sort()
    : [];
  const version = versions.at(-1);
  if (!version)
    throw new Error(
      'PostgreSQL binaries not found under /usr/lib/postgresql (apt-get install postgresql)',
    );
  return `/usr/lib/postgresql/${version}/bin/${name}`;
}

/** Postgres refuses to run as root: as root, its commands run as the postgres user. */
function asPostgres(args: string[]): { command: string; args: string[] } {
  if (process.getuid?.() === 0)
    return { command: 'runuser', args: ['-u', 'postgres', '--', ...args] };
  return { command: args[0]!, args: args.slice(1) };
}

function run(args: string[], what: string): void {
  const { command, args: rest } = asPostgres(args);
  const out = spawnSync(command, rest, { encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`${what} failed: ${out.stderr || out.stdout}`);
}

export function privatePostgres(dir: string, port: number): Server {
  mkdirSync(dir, { recursive: true });
  if (process.getuid?.() === 0) {
    const ids = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim();
    const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim();
    chownSync(dir, Number(ids), Number(gid));
  }
  const data = join(dir, 'data');
  const logFile = join(dir, 'postgres.log');
  const options = [
    `-p ${port}`,
    `-k ${dir}`,
    `-c listen_addresses=127.0.0.1`,
    `-c max_connections=300`,
    `-c shared_preload_libraries=pg_stat_statements`,
    `-c shared_buffers=128MB`,
  ].join(' ');
  const pgCtl = (...args: string[]) =>
    run([postgresBin('pg_ctl'), '-D', data, ...args], `pg_ctl ${args[0]}`);
  return {
    name: 'postgres',
    port,
    url: `postgres://postgres@127.0.0.1:${port}/netsign_chaos`,
    logFile,
    async start() {
      if (!existsSync(join(data, 'PG_VERSION'))) {
        run(
          [
            postgresBin('initdb'),
            '-D',
            data,
            '-A',
            'trust',
            '-U',
            'postgres',
            '-E',
            'UTF8',
            '--locale=C',
            '--no-sync',
          ],
          'initdb',
        );
      }
      pgCtl('start', '-w', '-t', '60', '-l', logFile, '-o', options);
      await waitForPort(port, 'postgres');
    },
    async restart(pauseMs) {
      pgCtl('stop', '-m', 'immediate', '-w');
      await sleep(pauseMs);
      pgCtl('start', '-w', '-t', '60', '-l', logFile, '-o', options);
    },
    async stop() {
      if (existsSync(join(data, 'postmaster.pid'))) pgCtl('stop', '-m', 'fast', '-w');
    },
  };
}

/** A server run as a child process of the chaos run (Redis, NATS). */
function childServer(
  name: 'redis' | 'nats',
  port: number,
  url: string,
  logFile: string,
  command: string,
  args: string[],
): Server {
  let child: ChildProcess | null = null;
  const start = async () => {
    child = spawn(command, args, { stdio: 'ignore' });
    await waitForPort(port, name);
  };
  const stop = async () => {
    const c = child;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    const exited = new Promise((resolve) => c.once('exit', resolve));
    c.kill('SIGTERM');
    await Promise.race([exited, sleep(10_000)]);
    if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  };
  return {
    name,
    port,
    url,
    logFile,
    start,
    stop,
    async restart(pauseMs) {
      await stop();
      await sleep(pauseMs);
      await start();
    },
  };
}

export function privateRedis(dir: string, port: number): Server {
  mkdirSync(dir, { recursive: true });
  const logFile = join(dir, 'redis.log');
  return childServer('redis', port, `redis://127.0.0.1:${port}`, logFile, 'redis-server', [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'yes',
    '--appendfsync',
    'everysec',
    '--dir',
    dir,
    '--logfile',
    logFile,
  ]);
}

export function privateNats(dir: string, port: number): Server {
  mkdirSync(dir, { recursive: true });
  const logFile = join(dir, 'nats.log');
  const bin = ['/usr/sbin/nats-server', '/usr/bin/nats-server', '/usr/local/bin/nats-server'].find(
    existsSync,
  );
  if (!bin) throw new Error('nats-server not found (apt-get install nats-server)');
  return childServer('nats', port, `nats://127.0.0.1:${port}`, logFile, bin, [
    '-a',
    '127.0.0.1',
    '-p',
    String(port),
    '-js',
    '-sd',
    join(dir, 'store'),
    '-l',
    logFile,
  ]);
}

/**
 * A three-node NATS cluster of the run's own (scripts/nats-cluster.mjs), for `--nats-cluster`:
 * streams are kept on all three nodes (JETSTREAM_REPLICAS=3). Its "restart" is the loss of a
 * machine: the node leading the busiest stream is SIGKILLed, a new leader is awaited (the pause
 * is reported), and after the pause the node comes back with its store.
 */
export async function privateNatsCluster(
  dir: string,
  clientPort: number,
  clusterPort: number,
  root: string,
): Promise<Server> {
  mkdirSync(dir, { recursive: true });
  const logFile = join(dir, 'nats-cluster.log');
  const log = createWriteStream(logFile, { flags: 'a' });
  const { natsClusterNodes, startNatsCluster } = (await import(
    pathToFileURL(join(root, 'scripts', 'nats-cluster.mjs')).href
  )) as typeof NatsClusterScript;
  const options = {
    clientPort,
    clusterPort,
    storeRoot: join(dir, 'store'),
    readyTimeoutMs: 60_000,
    log: (node: string, line: string) => log.write(`[${node}] ${line}\n`),
  };
  const url = natsClusterNodes(options)
    .map((n) => n.url)
    .join(',');
  let cluster: NatsClusterScript.NatsCluster | null = null;
  const busiestStreamLeader = async (): Promise<{ stream: string; leader: string }> => {
    const nc = await connect({ servers: url.split(','), reconnect: false, timeout: 2_000 });
    try {
      const jsm = await jetstreamManager(nc, { timeout: 5_000 });
      let best = { stream: '', leader: '', messages: -1 };
      for await (const info of jsm.streams.list()) {
        const leader = info.cluster?.leader;
        if (leader && info.state.messages > best.messages)
          best = { stream: info.config.name, leader, messages: info.state.messages };
      }
      if (!best.leader) throw new Error('no stream has a leader');
      return best;
    } finally {
      await nc.close();
    }
  };
  const leaderOf = async (stream: string): Promise<string | undefined> => {
    const nc = await connect({ servers: url.split(','), reconnect: false, timeout: 1_000 });
    try {
      const jsm = await jetstreamManager(nc, { timeout: 1_000 });
      return (await jsm.streams.info(stream)).cluster?.leader;
    } finally {
      await nc.close();
    }
  };
  return {
    name: 'nats',
    port: clientPort,
    url,
    logFile,
    async start() {
      cluster = await startNatsCluster(options);
    },
    async restart(pauseMs) {
      const { stream, leader } = await busiestStreamLeader();
      const killedAt = Date.now();
      await cluster!.kill(leader, 'SIGKILL');
      let newLeader: string | undefined;
      for (const until = Date.now() + 60_000; Date.now() < until; await sleep(100)) {
        newLeader = await leaderOf(stream).catch(() => undefined);
        if (newLeader && newLeader !== leader) break;
      }
      const electedMs = Date.now() - killedAt;
      await sleep(pauseMs);
      cluster!.start(leader);
      await cluster!.ready(60_000);
      return `node ${leader} (leader of stream ${stream}) SIGKILLed; ${newLeader && newLeader !== leader ? `${newLeader} led it ${(electedMs / 1000).toFixed(1)} s later` : 'no new leader within 60 s'}; ${leader} back after ${((Date.now() - killedAt) / 1000).toFixed(1)} s`;
    },
    async stop() {
      await cluster?.stop();
      log.end();
    },
  };
}
