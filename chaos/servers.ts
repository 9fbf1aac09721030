import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import net from 'node:net';

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
  /** Stops the server (Postgres: immediate, i.e. crash-like; NATS and Redis: SIGTERM) and starts it again. */
  restart(pauseMs: number): Promise<void>;
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
